"""The import panel of the app (Streamlit UI only; the work is in geo.importing.pipeline).

Everything a user loads lives in this session's state (ui.state.USER_LAYERS, and
ui.state.USER_TABLES for files without geometry): never in a cache, never in a module-level
object. Layer switches are in the sidebar; tables are shown here, each with its CSV download.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pandas as pd
import streamlit as st

import layers
from geo.errors import ImportNeedsChoice, ImportRefused
from geo.escape import markdown_text
from geo.exporting.csv import table_csv
from geo.i18n import field_label, label, t
from geo.importing.formats import FORMATS, ReadOptions
from geo.importing.formats.dbf import CANDIDATES
from geo.importing.pipeline import (
    COLLECTION_CHOICES,
    Decisions,
    finish,
    inspect_file,
    preview,
    read_file,
    time_columns,
)
from geo.spec import CONFIDENCE_LEVELS
from ui import state, workspace

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
    state.IMPORT_COLLECTIONS,
    state.IMPORT_ENCODING,
    state.IMPORT_VALID_FROM,
    state.IMPORT_VALID_TO,
)


def import_panel(lang: str) -> None:
    st.subheader(t("import.heading", lang))
    st.caption(t("import.help", lang))
    editable = workspace.editable()
    upload = st.file_uploader(
        t("import.file", lang), key=state.UPLOAD.key(state.UPLOAD_ROUND.get()), disabled=not editable
    )
    if upload is not None and editable:
        try:
            _review(upload.getvalue(), upload.name, lang)
        except ImportRefused as error:
            st.error(t("import.refused", lang, message=markdown_text(error.message(lang))))
        except ImportNeedsChoice as error:
            st.warning(t("import.needs_choice", lang, message=markdown_text(error.message(lang))))
    _tables(lang)


def _review(data: bytes, filename: str, lang: str) -> None:
    digest = hashlib.sha256(data).hexdigest()
    memo = state.IMPORT_MEMO.get()
    if memo.get("file") != digest:  # another file: nothing chosen for the last one applies to it
        memo.clear()
        memo["file"] = digest
        for widget in CHOICES:
            widget.forget()
    inspection = _remember(("inspect", digest), lambda: inspect_file(data))
    st.caption(t("import.format", lang, format=FORMATS[inspection.format][0]))
    options = _read_options(inspection, lang)
    fmt, read = _remember(("read", digest, repr(options)), lambda: read_file(data, options))
    question = next((n for n in read.notes if n["code"] == "encoding_unknown"), None)
    if question or state.IMPORT_ENCODING.get():
        encoding = _encoding(question, lang)
        if encoding:
            options = replace(options, encoding=encoding)
            fmt, read = _remember(("read", digest, repr(options)), lambda: read_file(data, options))
    candidates = _remember(("time_columns", digest, repr(options)), lambda: time_columns(read.frame))
    decisions = _decisions(read, filename, lang, candidates)
    report, after, changes = _remember_last(
        (digest, options, decisions, filename), lambda: preview(fmt, read, filename, decisions)
    )
    if report.find("geometry_collection") or after.find("geometry_collection") or decisions.collections:
        _collections(lang)

    st.markdown(f"**{t('import.report', lang)}**")
    # the report as read, and what the time columns chosen found (unreadable dates, feature by feature)
    report = replace(report, problems=[*report.problems, *(p for p in after.problems if p.code.startswith("period_"))])
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
    _kept(after, lang)

    blocked = bool(after.blocking())
    if blocked:
        st.warning(t("import.blocked", lang))
    as_table = bool(after.kept and after.kept["as_table"])
    add, cancel = st.columns(2)
    if add.button(
        t("import.add_table" if as_table else "import.add", lang),
        key=state.IMPORT_ADD.key,
        disabled=blocked,
        type="primary",
    ):
        serial = state.IMPORT_SERIAL.get() + 1
        taken = [layer.spec.style.color for layer in state.USER_LAYERS.get()]  # two layers, two colours
        result = finish(fmt, read, filename, decisions, serial, taken)
        state.IMPORT_SERIAL.set(serial + max(len(result.layers), len(result.tables)))
        state.USER_LAYERS.get().extend(result.layers)
        state.USER_TABLES.get().update({serial + k: table for k, table in enumerate(result.tables)})
        workspace.remember_choices(result.layers, decisions, filename)
        saved = workspace.sync_layers()  # False: refused (over the quota); the page says why
        _reset()
        name = markdown_text(decisions.name or filename)
        if result.tables:
            st.toast(t("import.table_added", lang, name=name, n=sum(len(table.frame) for table in result.tables)))
        elif saved:
            st.toast(t("import.added", lang, name=name, n=sum(len(layer.frame) for layer in result.layers)))
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


def _encoding(question: dict | None, lang: str) -> str | None:
    """The encoding chosen for a file that does not say its own; the preview shows each candidate."""
    if question:
        st.caption(t("import.encoding_preview", lang))
        rows = [{"encoding": codec, "text": text} for codec, text in question["preview"].items()]
        st.dataframe(_labelled(rows, "import.encoding_column", lang), hide_index=True, key="import_encoding_preview")
    return st.selectbox(
        t("import.encoding", lang),
        [None, *CANDIDATES],
        key=state.IMPORT_ENCODING.key,
        format_func=lambda codec: t("import.encoding_auto", lang) if codec is None else codec,
    )


def _collections(lang: str) -> str | None:
    """Geometry collections: split by type, or one mixed layer; never collapsed."""
    return st.selectbox(
        t("import.collections", lang),
        [None, *COLLECTION_CHOICES],
        key=state.IMPORT_COLLECTIONS.key,
        format_func=lambda choice: t(f"import.collections_{choice or 'none'}", lang),
    )


def _decisions(read, filename: str, lang: str, candidates: list[str]) -> Decisions:
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
    valid_from, valid_to = _time_columns(candidates, lang)
    return Decisions(
        crs=crs.strip() or None,
        swap_xy=swap,
        repair=repair,
        leave_out=leave_out,
        collections=state.IMPORT_COLLECTIONS.get(),  # its widget is drawn once the report asks for it
        confidence=confidence,
        name=name,
        replaces=replaces,
        valid_from_column=valid_from,
        valid_to_column=valid_to,
    )


def _time_columns(candidates: list[str], lang: str) -> tuple[str | None, str | None]:
    """The columns that put the layer on the "as of" clock, when the file has any date column;
    none is chosen unless the user picks it."""
    if not candidates:
        return None, None
    options = [None, *candidates]

    def shown(column: str | None) -> str:
        return t("import.none", lang) if column is None else column

    start, end = st.columns(2)
    valid_from = start.selectbox(
        t("import.valid_from_column", lang),
        options,
        key=state.IMPORT_VALID_FROM.key,
        format_func=shown,
        help=t("import.time_help", lang),
    )
    valid_to = end.selectbox(
        t("import.valid_to_column", lang),
        options,
        key=state.IMPORT_VALID_TO.key,
        format_func=shown,
        help=t("import.valid_to_help", lang),
    )
    return valid_from, valid_to


def _kept(after, lang: str) -> None:
    """What was kept: features in and out, per geometry type, per field (names from the file are
    shown in tables only, which show text as text)."""
    kept = after.kept_rows(lang)
    if not kept["features"]:
        return
    st.markdown(f"**{t('import.kept.heading', lang)}**")
    totals, geometry = st.columns(2)
    totals.dataframe(_labelled(kept["features"], "import.kept.column", lang), hide_index=True, key="import_kept")
    geometry.caption(t("import.kept.geometry", lang))
    types = [row | {"type": _geometry_type(row["type"], lang)} for row in kept["geometry"]]
    geometry.dataframe(_labelled(types, "import.kept.column", lang), hide_index=True, key="import_kept_geometry")
    if kept["fields"]:
        st.caption(t("import.kept.fields", lang))
        st.dataframe(_labelled(kept["fields"], "import.kept.column", lang), hide_index=True, key="import_kept_fields")


def _geometry_type(kind: str, lang: str) -> str:
    return t(f"import.kept.geometry_{kind}", lang) if kind in ("none", "empty") else kind


def _tables(lang: str) -> None:
    """This session's tables without geometry: each shown, downloadable as CSV, removable."""
    tables = state.USER_TABLES.get()
    for serial, table in list(tables.items()):
        name = markdown_text(table.name)
        head, remove = st.columns([6, 1])
        head.markdown(f"**{t('import.table', lang, name=name)}**")
        if remove.button("✕", key=state.TABLE_REMOVE.key(serial), help=t("import.remove", lang, name=name)):
            del tables[serial]
            st.rerun()
        st.dataframe(table.frame, hide_index=True, key=f"import_table_{serial}")  # cells are shown as text
        st.download_button(
            t("import.table_download", lang),
            lambda frame=table.frame: table_csv(frame),
            file_name=f"{_slug(table.name)}.csv",
            mime="text/csv",
            key=state.TABLE_DOWNLOAD.key(serial),
            on_click="ignore",
        )


def _slug(name: str) -> str:
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in stem)[:60] or "table"


def _table(rows: list[dict], lang: str) -> pd.DataFrame:
    return pd.DataFrame(rows).rename(columns=lambda c: field_label(c, lang))


def _labelled(rows: list[dict], prefix: str, lang: str) -> pd.DataFrame:
    """Rows as a table whose column names are the texts `<prefix>.<column>`."""
    return pd.DataFrame(rows).rename(columns=lambda c: t(f"{prefix}.{c}", lang))


def _remember(key: tuple, compute):
    """Per-session memo of the worker's answers for the file under review only (see `_review`)."""
    memo = state.IMPORT_MEMO.get()
    if key not in memo:
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
