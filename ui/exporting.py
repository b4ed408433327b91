"""The export panel (Streamlit UI only).

The choice of *what* is geo.selection.what_to_export; the formats are geo.exporting.export.
Light formats are prepared on each run (so what is offered is what is seen);
heavy ones (GeoPackage, HTML, print maps) only when the button is clicked.

Every export follows the "as of" month the map shows (geo.selection.what_to_export), and its
file name and metadata say which month.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from geo.errors import (
    BoundsInvalid,
    DrawnAreaInvalid,
    DrawnAreaTooSmall,
    ExportError,
    GeoError,
    LayerNotVisible,
    ViewUnknown,
)
from geo.escape import markdown_text
from geo.exporting.export import EXPORT_FORMATS, export, export_filename, exported_ids, geojson_text
from geo.exporting.printmap import ORIENTATIONS, PAPERS, map_id
from geo.i18n import t
from geo.load import Layer
from geo.selection import WHAT, Filters, timed_ids, what_to_export
from ui import state

#: Formats built when clicked rather than on every run.
DEFERRED = ("gpkg", "html", "png", "pdf")

#: Above this many features every format is built only when clicked, so that a
#: rerun that changes no data does not write a big file again.
EAGER_MAX_FEATURES = 20_000


def export_panel(visible: list[Layer], filters: Filters, lang: str) -> None:
    st.subheader(t("export.heading", lang))
    if not visible:
        st.info(t("app.no_visible_layers", lang))
        return
    left, right = st.columns(2)
    what = left.selectbox(
        t("export.what", lang),
        WHAT,
        index=WHAT.index(state.EXPORT_WHAT.default),
        format_func=lambda w: t(f"export.what.{w}", lang),
        key=state.EXPORT_WHAT.key,
    )
    layer_id = None
    if what == "layer":
        titles = {layer.spec.id: layer.spec.title[lang] for layer in visible}
        layer_id = left.selectbox(
            t("app.download_one", lang), list(titles), format_func=titles.get, key=state.EXPORT_LAYER.key
        )
    fmt = right.selectbox(
        t("export.how", lang),
        list(EXPORT_FORMATS),
        index=list(EXPORT_FORMATS).index(state.EXPORT_FORMAT.default),
        format_func=lambda f: t(f"export.format.{f}", lang),
        key=state.EXPORT_FORMAT.key,
    )
    try:
        chosen = what_to_export(what, visible, filters, layer_id, state.MAP_BOUNDS.get(), state.DRAWN_AREA.get())
    except ViewUnknown:  # not yet: the browser reports the view once the map moves
        st.info(t("export.no_view", lang))
        return
    except DrawnAreaTooSmall:  # not yet: fewer than three clicks so far
        st.info(t("export.no_area", lang))
        return
    except (DrawnAreaInvalid, BoundsInvalid, LayerNotVisible) as error:
        _cannot(error, lang)
        return
    as_of = filters.as_of
    time = {"as_of": as_of, "undated": filters.undated, "timed": timed_ids(visible)}
    page = _paper(fmt, lang)
    clipped = sum(int(layer.frame["clipped"].sum()) for layer in chosen if "clipped" in layer.frame)
    if clipped:
        st.caption(t("export.clipped", lang, n=clipped))
    now = dt.datetime.now(dt.UTC)
    extension, mime = EXPORT_FORMATS[fmt]
    name = export_filename(exported_ids(chosen), now, extension, as_of=as_of)
    if page:  # a print map is named by its map ID
        name = f"{map_id(exported_ids(chosen), now.date(), *page, as_of)}.{extension}"
    total = sum(len(layer.frame) for layer in chosen)
    if fmt == "geojson" and total <= EAGER_MAX_FEATURES:
        data = geojson_text(chosen, lang, now, **time)
    elif fmt in DEFERRED or total > EAGER_MAX_FEATURES:
        bounds = state.MAP_BOUNDS.get()

        def data():
            paper = dict(zip(("paper", "orientation"), page)) if page else {}
            return export(chosen, fmt, lang, now, bounds=bounds, **time, **paper).data
    else:
        try:
            result = export(chosen, fmt, lang, now, **time)
        except ExportError as error:  # said here; the panels below the export still work
            _cannot(error, lang)
            return
        data = result.data
        for change in result.changes:
            st.caption(
                t(
                    f"export.change.{change['change']}",
                    lang,
                    **{k: markdown_text(v) for k, v in change.items() if k != "change"},
                )
            )
    st.download_button(
        t("export.download", lang, name=name),
        data,
        file_name=name,
        mime=mime,
        key=state.DOWNLOAD_EXPORT.key,
        type="primary",
        on_click="ignore",
    )


def _paper(fmt: str, lang: str) -> tuple[str, str] | None:
    """For a print map (PNG, PDF): the paper and its orientation, e.g. ("A3", "portrait")."""
    if fmt not in ("png", "pdf"):
        return None
    options = [f"{paper}-{orientation}" for paper in PAPERS for orientation in ORIENTATIONS]
    chosen = st.selectbox(
        t("export.paper", lang),
        options,
        index=options.index(state.EXPORT_PAPER.default),
        format_func=lambda o: t(
            "export.paper_option",
            lang,
            paper=o.split("-")[0],
            orientation=t(f"export.orientation.{o.split('-')[1]}", lang),
        ),
        key=state.EXPORT_PAPER.key,
    )
    paper, orientation = chosen.split("-")
    return paper, orientation


def _cannot(error: GeoError, lang: str) -> None:
    """Why this export cannot be made, in the panel, in the user's language."""
    st.error(t("app.error", lang, message=markdown_text(error.message(lang))))
