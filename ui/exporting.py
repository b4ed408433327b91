"""The export panel, the feature filters and the drawn area (Streamlit UI only).

The choice of *what* is geo.selection.what_to_export; the formats are geo.exporting.export.
Light formats are prepared on each run (so what is offered is what is seen);
heavy ones (GeoPackage, HTML, print maps) only when the button is clicked.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from geo.errors import GeoError
from geo.escape import markdown_text
from geo.exporting.export import EXPORT_FORMATS, export, export_filename, geojson_text
from geo.i18n import label, t
from geo.selection import WHAT, Filters, what_to_export
from geo.spec import CONFIDENCE_LEVELS

#: Formats built when clicked rather than on every run.
DEFERRED = ("gpkg", "html", "png", "pdf")

#: Above this many features every format is built only when clicked, so that a
#: rerun that changes no data does not write a big file again.
EAGER_MAX_FEATURES = 20_000
FIRST_YEAR, LAST_YEAR = 2012, 2026


def filters_sidebar(lang: str) -> Filters:
    bar = st.sidebar
    bar.subheader(t("filters.heading", lang))
    confidence = bar.multiselect(
        t("filters.confidence", lang),
        CONFIDENCE_LEVELS,
        default=list(CONFIDENCE_LEVELS),
        format_func=lambda c: label("confidence", c, lang),
        key="filter_confidence",
    )
    year = None
    if bar.checkbox(t("filters.by_year", lang), key="filter_by_year"):
        year = int(bar.number_input(t("filters.year", lang), FIRST_YEAR, LAST_YEAR, 2023, key="filter_year"))
    return Filters(confidence=frozenset(confidence), year=year)


def map_view() -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of the map as the browser last reported it."""
    return st.session_state.get("map_bounds")


def remember_map_state(state: dict | None) -> None:
    """Keep the view the browser reports, and add a vertex per click in draw mode."""
    if not state:
        return
    bounds = state.get("bounds") or {}
    south_west, north_east = bounds.get("_southWest"), bounds.get("_northEast")
    if south_west and north_east and None not in (south_west.get("lng"), north_east.get("lng")):
        st.session_state["map_bounds"] = (south_west["lng"], south_west["lat"], north_east["lng"], north_east["lat"])
    click = state.get("last_clicked")
    if st.session_state.get("draw_mode") and click and click != st.session_state.get("last_click"):
        st.session_state.setdefault("drawn_area", []).append((click["lng"], click["lat"]))
    st.session_state["last_click"] = click


def drawn_area() -> list[tuple[float, float]]:
    return st.session_state.get("drawn_area", [])


def draw_controls(lang: str) -> None:
    left, middle, right = st.columns([3, 1, 1])
    left.checkbox(t("draw.mode", lang), key="draw_mode")
    middle.caption(t("draw.vertices", lang, n=len(drawn_area())))
    if right.button(t("draw.clear", lang), key="draw_clear"):
        st.session_state["drawn_area"] = []
        st.rerun()


def export_panel(visible, filters: Filters, lang: str) -> None:
    st.subheader(t("export.heading", lang))
    if not visible:
        st.info(t("app.no_visible_layers", lang))
        return
    left, right = st.columns(2)
    what = left.selectbox(
        t("export.what", lang), WHAT, format_func=lambda w: t(f"export.what.{w}", lang), key="export_what"
    )
    layer_id = None
    if what == "layer":
        titles = {layer.spec.id: layer.spec.title[lang] for layer in visible}
        layer_id = left.selectbox(t("app.download_one", lang), list(titles), format_func=titles.get, key="export_layer")
    fmt = right.selectbox(
        t("export.how", lang),
        list(EXPORT_FORMATS),
        format_func=lambda f: t(f"export.format.{f}", lang),
        key="export_format",
    )
    try:
        chosen = what_to_export(what, visible, filters, layer_id, map_view(), drawn_area())
    except GeoError:
        st.info(t("export.no_view" if what == "view" else "export.no_area", lang))
        return
    clipped = sum(int(layer.frame["clipped"].sum()) for layer in chosen if "clipped" in layer.frame)
    if clipped:
        st.caption(t("export.clipped", lang, n=clipped))
    now = dt.datetime.now(dt.UTC)
    extension, mime = EXPORT_FORMATS[fmt]
    name = export_filename([layer.spec.id for layer in chosen], now, extension)
    total = sum(len(layer.frame) for layer in chosen)
    if fmt == "geojson" and total <= EAGER_MAX_FEATURES:
        data = geojson_text(chosen, lang, now)
    elif fmt in DEFERRED or total > EAGER_MAX_FEATURES:
        bounds = map_view()

        def data():
            return export(chosen, fmt, lang, now, bounds=bounds).data
    else:
        try:
            result = export(chosen, fmt, lang, now)
        except GeoError as error:  # said here; the panels below the export still work
            st.error(t("app.error", lang, message=markdown_text(error.message(lang))))
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
        key="download_export",
        type="primary",
        on_click="ignore",
    )
