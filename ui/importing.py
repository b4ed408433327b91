"""The import panel of the app (Streamlit UI only; the work is in geo.importing.pipeline).

Everything a user loads lives in `st.session_state` (this session only):
never in a cache, never in a module-level object.
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

USER_LAYERS = "user_layers"


def user_layers() -> list:
    """This session's own layers."""
    return st.session_state.setdefault(USER_LAYERS, [])


def import_panel(lang: str) -> None:
    st.subheader(t("import.heading", lang))
    st.caption(t("import.help", lang))
    round_ = st.session_state.setdefault("upload_round", 0)
    upload = st.file_uploader(t("import.file", lang), key=f"upload_{round_}")
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
    if add.button(t("import.add", lang), key="import_add", disabled=blocked, type="primary"):
        serial = st.session_state.get("import_serial", 0) + 1
        result = finish(fmt, read, filename, decisions, serial)
        st.session_state["import_serial"] = serial + len(result.layers)
        user_layers().extend(result.layers)
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
    if cancel.button(t("import.cancel", lang), key="import_cancel"):
        _reset()
        st.rerun()


def _read_options(inspection, lang: str) -> ReadOptions:
    if inspection.layers and len(inspection.layers) > 1:
        layer = st.selectbox(t("import.layer", lang), inspection.layers, key="import_layer")
        return ReadOptions(layer=layer)
    if inspection.format == "csv":
        none = t("import.none", lang)
        columns = [none, *inspection.columns]
        guess = inspection.guess

        def pick(text_key, guessed, key):
            index = columns.index(guessed) if guessed in columns else 0
            chosen = st.selectbox(t(text_key, lang), columns, index=index, key=key)
            return None if chosen == none else chosen

        lon, lat = st.columns(2)
        with lon:
            lon_column = pick("import.lon", guess.lon_column, "import_lon")
        with lat:
            lat_column = pick("import.lat", guess.lat_column, "import_lat")
        wkt_column = pick("import.wkt", guess.wkt_column, "import_wkt")
        return ReadOptions(lon_column=lon_column, lat_column=lat_column, wkt_column=wkt_column)
    return ReadOptions()


def _decisions(read, filename: str, lang: str) -> Decisions:
    families = {g.geom_type.replace("Multi", "") for g in read.frame.geometry if g is not None and not g.is_empty}
    replaceable = [s for s in layers.LAYERS if s.geometry in families]
    name = st.text_input(t("import.name", lang), value=filename, key="import_name")
    left, right = st.columns(2)
    confidence = left.selectbox(
        t("import.confidence", lang),
        CONFIDENCE_LEVELS,
        index=1,
        key="import_confidence",
        format_func=lambda c: label("confidence", c, lang),
    )
    choices = [None, *[s.id for s in replaceable]]
    titles = {s.id: s.title[lang] for s in replaceable}
    replaces = right.selectbox(
        t("import.replaces", lang),
        choices,
        key="import_replaces",
        format_func=lambda i: t("import.replaces_none", lang) if i is None else titles[i],
    )
    crs = st.text_input(t("import.crs", lang), value="", key="import_crs", help=t("import.crs_help", lang))
    a, b, c = st.columns(3)
    swap = a.checkbox(t("import.swap", lang), key="import_swap")
    repair = b.checkbox(t("import.repair", lang), key="import_repair", help=t("import.repair_help", lang))
    leave_out = c.checkbox(t("import.leave_out", lang), key="import_leave_out")
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
    memo = st.session_state.setdefault("import_memo", {})
    if key not in memo:
        if key[0] == "inspect":
            memo.clear()
        memo[key] = compute()
    return memo[key]


def _remember_last(key: tuple, compute):
    """The validation of the file under review, kept while the choices stay the same (a pan
    or a widget elsewhere validates nothing again); only the last one is kept."""
    memo = st.session_state.setdefault("import_memo", {})
    last = memo.get("last")
    if last is None or last[0] != key:
        last = memo["last"] = (key, compute())
    return last[1]


def _reset() -> None:
    st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1
    st.session_state.pop("import_memo", None)
    for key in (
        "import_layer",
        "import_lon",
        "import_lat",
        "import_wkt",
        "import_name",
        "import_confidence",
        "import_replaces",
        "import_crs",
        "import_swap",
        "import_repair",
        "import_leave_out",
    ):
        st.session_state.pop(key, None)


def user_layer_switches(lang: str) -> list[str]:
    """Sidebar switches for this session's layers; the ids switched on."""
    mine = user_layers()
    if not mine:
        return []
    st.sidebar.subheader(t("import.your_layers", lang))
    visible = []
    for layer in list(mine):
        spec = layer.spec
        row = st.sidebar.columns([4, 1])
        if row[0].checkbox(markdown_text(spec.title[lang]), value=True, key=f"layer_{spec.id}"):
            visible.append(spec.id)
        if row[1].button(
            "✕", key=f"remove_{spec.id}", help=t("import.remove", lang, name=markdown_text(spec.title[lang]))
        ):
            mine.remove(layer)
            st.rerun()
    return visible
