"""The Darién corridor map: the page, top to bottom. The interface is in ui/, the work in geo/.

Run with `make run`.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from geo.errors import GeoError
from geo.escape import markdown_text
from geo.i18n import t
from ui import (
    analysis,
    database,
    exporting,
    featuretable,
    heat,
    importing,
    layerfilters,
    mapview,
    measure,
    page,
    search,
    sidebar,
    sources,
    workspace,
)
from ui.sidebar import keep_playing

#: Streamlit serves the static/ folder beside the page; Leaflet is copied there.
STATIC_DIR = Path(__file__).resolve().parent / "static"


def main() -> None:
    st.set_page_config(page_title="Darién", page_icon="🗺️", layout="wide")
    mapview.serve_leaflet(STATIC_DIR)
    banner = workspace.begin()  # the link's workspace on screen before any widget is drawn
    # A session's first run draws the map and leaves the rest for the run the map's first report
    # makes (ui.page.first_run): a new visitor's map is built from what the sidebar starts
    # from, and the sidebar's other controls come with the panels under the map.
    first = page.first_run()
    map_first = first and sidebar.untouched()
    choices = sidebar.defaults() if map_first else sidebar.sidebar()
    lang = choices.lang
    if map_first:
        sidebar.waiting(lang)  # the sidebar's controls, the language first, come with the next run
    page.style(lang)
    st.title(t("app.title", lang))
    st.caption(t("app.subtitle", lang))
    try:
        visible = mapview.visible_layers(choices.layer_ids)
        filters = choices.filters if map_first else layerfilters.layer_filters(visible, choices.filters, lang)
        shown = mapview.filtered(visible, filters)  # as of the month: analysed, exported
        # The analysis comes before the map only when a layer it derives is on the map: else it
        # waits for the panels (docs/performance.md, "The app against a bare page").
        analysed = analysis.run_analysis(shown, choices.reach_km) if choices.derived_ids else None
        shown_derived = [layer for layer in (analysed or (None, []))[1] if layer.spec.id in choices.derived_ids]
        layers_on_map = mapview.on_map(visible, filters) + shown_derived
        heat_layers = {} if map_first else heat.heat_choices(layers_on_map, lang)  # points or heat maps
        # Find a place: the map goes there and highlights it. In a first run the box is drawn
        # in its place after the map, whose frame the browser then starts loading first.
        search_place = page.search_place()
        if not first:
            with search_place:
                search.search_box(lang)
        listing = featuretable.follow(shown + shown_derived, lang)  # the row chosen, or the feature clicked
        chosen = listing.focus if listing else None
        # Every month, one map: the month is applied in the page (ui/mapview.py).
        mapview.corridor_map(
            layers_on_map,
            lang,
            choices.basemap,
            filters,
            totals={layer.spec.id: len(layer.frame) for layer in visible},
            heat=heat_layers,
            highlights=[g for g in (search.focus_overlay(), measure.part_overlay()) if g is not None],
            focus=chosen,
            go_to={"search": search.focus_view(), "table": chosen if chosen and chosen["move"] else None},
        )
        if first:
            with search_place:
                search.search_box(lang)
        page.map_description(shown + shown_derived, lang)
        if first:
            page.waiting(lang)
        else:
            mapview.draw_controls(lang, workspace.editable())
            result, _derived = analysed or analysis.run_analysis(shown, choices.reach_km)
            featuretable.feature_table(shown + shown_derived, listing, lang)
            measure.route_panel(lang)  # measure along a route (distance and area are on the map itself)
            sources.caveats_and_sources(shown, lang)
            analysis.analysis_panel(result, shown, lang)
            database.analysis_table(shown, choices.reach_km, lang)  # database layers, in SQL (#13)
            exporting.export_panel(visible + shown_derived, filters, lang)
            database.downloads(lang)  # database layers in view, streamed from the database (#13)
            importing.import_panel(lang)
            sources.crossings_chart(lang, filters.as_of)
    except GeoError as error:  # the page-wide fallback; panels say their own failures themselves
        st.error(t("app.error", lang, message=markdown_text(error.message(lang))))
    if not first:  # names for screen readers and the phone's sidebar, once the page is all there
        page.assist(lang)
    workspace.end(banner, lang, first)  # saves what changed (autosave), says what could not be
    keep_playing(choices)  # last: the page is drawn before playback waits for the next month


main()
