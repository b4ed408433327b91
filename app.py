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
    sources,
    workspace,
)
from ui.sidebar import keep_playing, sidebar

#: Streamlit serves the static/ folder beside the page; Leaflet is copied there.
STATIC_DIR = Path(__file__).resolve().parent / "static"


def main() -> None:
    st.set_page_config(page_title="Darién", page_icon="🗺️", layout="wide")
    mapview.serve_leaflet(STATIC_DIR)
    banner = workspace.begin()  # the link's workspace on screen before any widget is drawn
    choices = sidebar()
    lang = choices.lang
    page.style(lang)
    st.title(t("app.title", lang))
    st.caption(t("app.subtitle", lang))
    try:
        visible = mapview.visible_layers(choices.layer_ids)
        filters = layerfilters.layer_filters(visible, choices.filters, lang)  # and each layer's own
        shown = mapview.filtered(visible, filters)  # as of the month: analysed, exported
        # The analysis comes before the map only when a layer it derives is on the map: else the
        # map's page is sent first (docs/performance.md, "The app against a bare page").
        analysed = analysis.run_analysis(shown, choices.reach_km) if choices.derived_ids else None
        shown_derived = [layer for layer in (analysed or (None, []))[1] if layer.spec.id in choices.derived_ids]
        layers_on_map = mapview.on_map(visible, filters) + shown_derived
        heat_layers = heat.heat_choices(layers_on_map, lang)  # point layers as points or heat maps
        search.search_box(lang)  # find a place: the map goes there and highlights it
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
        result, _derived = analysed or analysis.run_analysis(shown, choices.reach_km)
        page.map_description(shown + shown_derived, lang)
        mapview.draw_controls(lang, workspace.editable())
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
    page.assist(lang)
    workspace.end(banner, lang)  # saves what changed (autosave), says what could not be
    keep_playing(choices)  # last: the page is drawn before playback waits for the next month


main()
