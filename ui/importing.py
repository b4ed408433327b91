"""The import panel of the app (Streamlit UI only; the work is in geo.importing.pipeline).

Everything a user loads lives in this session's state (ui.state.USER_LAYERS):
never in a cache, never in a module-level object. Its switches are in the sidebar.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

import layers
from geo.errors import ImportNeedsChoice, ImportRefused
from geo.escape import markdown_text
from geo.i18n import field_label, label, t
from geo.importing.formats import FORMATS, ReadOptions
from geo.importing.pipeline import Decisions, finish, inspect_file, preview, read_file
from geo.spec import CONFIDENCE_LEVELS
from ui import state

#: The choices about the file under review, forgotten with it.
CHOICES = (
    state.IMPORT_LAYER,
    state.IMPORT_LON,
    state.IMPORT_LAT,
    state.IMPORT_WKT,
    state.IMPORT_NAME,
    state.IMPORT_CONFIDENCE,
    state.IMPORT_REPLACES,
    state.IMPORT_CRS,
    state.IMPORT_SWAP,
    state.IMPORT_REPAIR,
    state.IMPORT_LEAVE_OUT,
)


def import_panel(lang: str) -> None:
    st.subheader(t("import.heading", lang))
    st.caption(t("import.help", lang))
    upload = st.file_uploader(t("import.file", lang), key=state.UPLOAD.key(state.UPLOAD_ROUND.get()))
    if upload is None:
        return
    data = upload.getvalue()
    try:
        _review(data, upload.name, lang)
    except ImportRefused as error:
        st.error(t("import.refused", lang, message=markdown_text(error.message(lang))))
    except ImportNeedsChoice as error:
        st.warning(t("import.needs_choice", lang, message=markdown_text(error.message(lang))))


def _review(data: bytes, filename: str, lang: str) -> None:
    digest = hashlib.sha256(data).hexdigest()
    inspection = _remember(("inspect", digest), lambda: inspect_file(data))
    st.caption(t("import.format", lang, format=FORMATS[inspection.format][0]))
    options = _read_options(inspection, lang)
    fmt, read = _remember(("read", digest, repr(options)), lambda: read_file(data, options))
    decisions = _decisions(read, filename, lang)
    report, after, changes = _remember_last(
        (digest, options, decisions, filename), lambda: preview(fmt, read, filename, decisions)
    )

    st.markdown(f"**{t('import.report', lang)}**")
    if report.problems:
        st.dataframe(_table(report.summary(lang), lang), hide_index=True, key="import_summary")
        rows = report.rows(lang)
        if rows:
            with st.expander(t("import.by_feature", lang)):
                st.dataframe(_table(rows, lang), hide_index=True, key="import_rows")
    else:
        st.success(t("import.no_problems", lang))
    if changes:
        st.markdown(f"**{t('import.changes', lang)}**")
        st.dataframe(_table(changes, lang), hide_index=True, key="import_changes")

    blocked = bool(after.blocking())
    if blocked:
        st.warning(t("import.blocked", lang))
    add, cancel = st.columns(2)
    if add.button(t("import.add", lang), key=state.IMPORT_ADD.key, disabled=blocked, type="primary"):
        serial = state.IMPORT_SERIAL.get() + 1
        result = finish(fmt, read, filename, decisions, serial)
        state.IMPORT_SERIAL.set(serial + len(result.layers))
        state.USER_LAYERS.get().extend(result.layers)
        _reset()
        st.toast(
            t(
                "import.added",
                lang,
                name=markdown_text(decisions.name or filename),
                n=sum(len(layer.frame) for layer in result.layers),
            )
        )
        st.rerun()
    if cancel.button(t("import.cancel", lang), key=state.IMPORT_CANCEL.key):
        _reset()
        st.rerun()


def _read_options(inspection, lang: str) -> ReadOptions:
    if inspection.layers and len(inspection.layers) > 1:
        layer = st.selectbox(t("import.layer", lang), inspection.layers, key=state.IMPORT_LAYER.key)
        return ReadOptions(layer=layer)
    if inspection.format == "csv":
        none = t("import.none", lang)
        columns = [none, *inspection.columns]
        guess = inspection.guess

        def pick(text_key, guessed, widget):
            index = columns.index(guessed) if guessed in columns else 0
            chosen = st.selectbox(t(text_key, lang), columns, index=index, key=widget.key)
            return None if chosen == none else chosen

        lon, lat = st.columns(2)
        with lon:
            lon_column = pick("import.lon", guess.lon_column, state.IMPORT_LON)
        with lat:
            lat_column = pick("import.lat", guess.lat_column, state.IMPORT_LAT)
        wkt_column = pick("import.wkt", guess.wkt_column, state.IMPORT_WKT)
        return ReadOptions(lon_column=lon_column, lat_column=lat_column, wkt_column=wkt_column)
    return ReadOptions()


def _decisions(read, filename: str, lang: str) -> Decisions:
    families = {g.geom_type.replace("Multi", "") for g in read.frame.geometry if g is not None and not g.is_empty}
    replaceable = [s for s in layers.LAYERS if s.geometry in families]
    name = st.text_input(t("import.name", lang), value=filename, key=state.IMPORT_NAME.key)
    left, right = st.columns(2)
    confidence = left.selectbox(
        t("import.confidence", lang),
        CONFIDENCE_LEVELS,
        index=CONFIDENCE_LEVELS.index(state.IMPORT_CONFIDENCE.default),
        key=state.IMPORT_CONFIDENCE.key,
        format_func=lambda c: label("confidence", c, lang),
    )
    choices = [None, *[s.id for s in replaceable]]
    titles = {s.id: s.title[lang] for s in replaceable}
    replaces = right.selectbox(
        t("import.replaces", lang),
        choices,
        key=state.IMPORT_REPLACES.key,
        format_func=lambda i: t("import.replaces_none", lang) if i is None else titles[i],
    )
    crs = st.text_input(
        t("import.crs", lang), value=state.IMPORT_CRS.default, key=state.IMPORT_CRS.key, help=t("import.crs_help", lang)
    )
    a, b, c = st.columns(3)
    swap = a.checkbox(t("import.swap", lang), value=state.IMPORT_SWAP.default, key=state.IMPORT_SWAP.key)
    repair = b.checkbox(
        t("import.repair", lang),
        value=state.IMPORT_REPAIR.default,
        key=state.IMPORT_REPAIR.key,
        help=t("import.repair_help", lang),
    )
    leave_out = c.checkbox(
        t("import.leave_out", lang), value=state.IMPORT_LEAVE_OUT.default, key=state.IMPORT_LEAVE_OUT.key
    )
    return Decisions(
        crs=crs.strip() or None,
        swap_xy=swap,
        repair=repair,
        leave_out=leave_out,
        confidence=confidence,
        name=name,
        replaces=replaces,
    )


def _table(rows: list[dict], lang: str) -> pd.DataFrame:
    return pd.DataFrame(rows).rename(columns=lambda c: field_label(c, lang))


def _remember(key: tuple, compute):
    """Per-session memo of the worker's answers for the file under review only."""
    memo = state.IMPORT_MEMO.get()
    if key not in memo:
        if key[0] == "inspect":
            memo.clear()
        memo[key] = compute()
    return memo[key]


def _remember_last(key: tuple, compute):
    """The validation of the file under review, kept while the choices stay the same (a pan
    or a widget elsewhere validates nothing again); only the last one is kept."""
    memo = state.IMPORT_MEMO.get()
    last = memo.get("last")
    if last is None or last[0] != key:
        last = memo["last"] = (key, compute())
    return last[1]


def _reset() -> None:
    """Forget the file under review and the choices made about it."""
    state.UPLOAD_ROUND.set(state.UPLOAD_ROUND.get() + 1)
    state.IMPORT_MEMO.forget()
    for widget in CHOICES:
        widget.forget()
