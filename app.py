"""The Darién corridor map: the Streamlit UI. Logic lives in geo/ and layers/.

Run with `make run`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

import layers
from geo.crossing_figures import load_crossings, yearly
from geo.errors import GeoError
from geo.escape import markdown_text
from geo.i18n import DEFAULT_LANGUAGE, LANGUAGES, field_label, t
from geo.load import load_layers
from geo.provenance import layer_summary
from geo.selection import FilteredCache
from geo.webmap import assets
from geo.webmap.build import BASEMAPS, build_map, drawn_area_group
from geo.webmap.compact import PreparedCache
from geo.webmap.compose import compose
from ui.analysis import analysis_panel, derived_switches, reach_km, run_analysis
from ui.exporting import draw_controls, drawn_area, export_panel, filters_sidebar, remember_map_state
from ui.importing import import_panel, user_layer_switches, user_layers

STATIC_DIR = Path(__file__).resolve().parent / "static"
LANGUAGE_NAMES = {"es": "Español", "en": "English"}


# Caches hold only the bundled, read-only data, the same for every user.
@st.cache_resource
def _serve_leaflet() -> None:
    assets.provision(STATIC_DIR)


@st.cache_resource
def bundled_layers():
    """The same frame objects on every rerun and for every session (nothing changes a frame in
    place), so the identity-keyed caches (filtered, prepared, analysed) find them again;
    st.cache_data would hand each rerun fresh copies."""
    return load_layers(layers.LAYERS)


@st.cache_resource
def _bundled_prepared() -> PreparedCache:
    """Big bundled layers, prepared once for every session (bundled data only)."""
    return PreparedCache()


def prepare_big(layer, lang: str):
    """Prepared canvas data: bundled layers from the shared cache, user layers from this session's."""
    if layer.spec.origin == "bundled":
        return _bundled_prepared().get(layer, lang)
    return st.session_state.setdefault("prepared_cache", PreparedCache()).get(layer, lang)


@st.cache_data
def crossings() -> pd.DataFrame:
    return load_crossings()


def sidebar(lang_default: str) -> tuple[str, str, list[str]]:
    """Language, basemap and the ids of the layers switched on."""
    bar = st.sidebar
    lang = bar.radio(
        "Idioma / Language",
        LANGUAGES,
        format_func=LANGUAGE_NAMES.get,
        key="lang",
        horizontal=True,
        index=LANGUAGES.index(lang_default),
    )
    basemap = bar.selectbox(
        t("app.basemap", lang),
        list(BASEMAPS),
        format_func=lambda b: t(f"map.{b}", lang),
        key="basemap",
        help=t("app.basemap_help", lang),
    )
    visible = []
    for heading, mission in (("app.mission_layers", True), ("app.context_layers", False)):
        bar.subheader(t(heading, lang))
        for spec in (s for s in layers.LAYERS if s.mission == mission):
            help_text = spec.caveat[lang] if spec.caveat else None
            if bar.checkbox(spec.title[lang], value=spec.visible, key=f"layer_{spec.id}", help=help_text):
                visible.append(spec.id)
    return lang, basemap, visible


def provenance(shown, lang: str) -> None:
    caveats = [
        markdown_text(f"{layer.spec.title[lang]}: {layer.spec.caveat[lang]}") for layer in shown if layer.spec.caveat
    ]
    if caveats:
        st.warning(t("app.caveats", lang) + "\n\n" + "\n".join(f"- {c}" for c in caveats))
    with st.expander(t("app.sources", lang)):
        st.dataframe(layer_summary(shown, lang), hide_index=True, key="sources_table")


def crossings_chart(lang: str) -> None:
    st.subheader(t("app.crossings", lang))
    figures = crossings()
    years = yearly(figures).rename(columns={"value": t("app.crossings_count", lang)})
    st.bar_chart(years, x="year", y=t("app.crossings_count", lang), x_label=t("app.year", lang))
    st.caption(t("app.crossings_source", lang))
    with st.expander(t("app.crossings_table", lang)):
        st.dataframe(figures.rename(columns=lambda c: field_label(c, lang)), hide_index=True, key="crossings_table")


def main() -> None:
    st.set_page_config(page_title="Darién", page_icon="🗺️", layout="wide")
    _serve_leaflet()
    lang, basemap, visible_ids = sidebar(DEFAULT_LANGUAGE)
    visible_ids += user_layer_switches(lang)
    filters = filters_sidebar(lang)
    reach = reach_km(lang)
    derived_ids = derived_switches(lang)
    st.title(t("app.title", lang))
    st.caption(t("app.subtitle", lang))
    try:
        visible = compose(bundled_layers(), user_layers(), set(visible_ids))
        # The same filters give back the same frames: prepared big layers are not prepared again.
        shown = st.session_state.setdefault("filtered_cache", FilteredCache()).apply(visible, filters)
        result, derived = run_analysis(shown, reach)
        shown_derived = [layer for layer in derived if layer.spec.id in derived_ids]
        fmap = build_map(shown + shown_derived, lang, basemap, prepare_big=prepare_big)
        state = st_folium(
            fmap,
            key="map",
            height=640,
            use_container_width=True,
            # Only what the export and the drawing need: each reported change reruns the app.
            # (Feeding the reported centre and zoom back made the map re-report forever.)
            returned_objects=["bounds", "last_clicked"],
            feature_group_to_add=drawn_area_group(drawn_area()) if drawn_area() else None,
        )
        remember_map_state(state)
        draw_controls(lang)
        provenance(shown, lang)
        analysis_panel(result, shown, lang)
        export_panel(visible + shown_derived, filters, lang)
        import_panel(lang)
        crossings_chart(lang)
    except GeoError as error:
        st.error(t("app.error", lang, message=markdown_text(error.message(lang))))


main()
