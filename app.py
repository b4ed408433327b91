"""The Darién corridor map: the page, top to bottom. The interface is in ui/, the work in geo/.

Run with `make run`.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from geo.errors import GeoError
from geo.escape import markdown_text
from geo.i18n import t
from ui import analysis, exporting, importing, mapview, sources, workspace
from ui.sidebar import keep_playing, sidebar

#: Streamlit serves the static/ folder beside the page; Leaflet is copied there.
STATIC_DIR = Path(__file__).resolve().parent / "static"


def main() -> None:
    st.set_page_config(page_title="Darién", page_icon="🗺️", layout="wide")
    mapview.serve_leaflet(STATIC_DIR)
    banner = workspace.begin()  # the link's workspace on screen before any widget is drawn
    choices = sidebar()
    lang = choices.lang
    st.title(t("app.title", lang))
    st.caption(t("app.subtitle", lang))
    try:
        visible = mapview.visible_layers(choices.layer_ids)
        shown = mapview.filtered(visible, choices.filters)  # as of the month: analysed, exported
        result, derived = analysis.run_analysis(shown, choices.reach_km)
        shown_derived = [layer for layer in derived if layer.spec.id in choices.derived_ids]
        # Every month, one map: the month is applied in the page (ui/mapview.py).
        mapview.corridor_map(
            mapview.on_map(visible, choices.filters) + shown_derived, lang, choices.basemap, choices.filters
        )
        mapview.draw_controls(lang, workspace.editable())
        sources.caveats_and_sources(shown, lang)
        analysis.analysis_panel(result, shown, lang)
        exporting.export_panel(visible + shown_derived, choices.filters, lang)
        importing.import_panel(lang)
        sources.crossings_chart(lang, choices.filters.as_of)
    except GeoError as error:  # the page-wide fallback; panels say their own failures themselves
        st.error(t("app.error", lang, message=markdown_text(error.message(lang))))
    workspace.end(banner, lang)  # saves what changed (autosave), says what could not be
    keep_playing(choices)  # last: the page is drawn before playback waits for the next month


main()
