"""The sidebar: language, base map, layer switches, feature filters and the analysis reach."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

import layers
from geo.escape import markdown_text
from geo.i18n import LANGUAGES, label, t
from geo.selection import Filters
from geo.spec import CONFIDENCE_LEVELS
from geo.webmap.build import BASEMAPS
from ui import state

LANGUAGE_NAMES = {"es": "Español", "en": "English"}
FIRST_YEAR, LAST_YEAR = 2012, 2026


@dataclass(frozen=True)
class Choices:
    """What the sidebar asks for."""

    lang: str
    basemap: str
    layer_ids: set[str]  # bundled and user layers switched on
    filters: Filters
    reach_km: float
    derived_ids: list[str]  # derived layers switched on


def sidebar() -> Choices:
    lang = _language()
    basemap = _basemap(lang)
    layer_ids = _layer_switches(lang) + _user_layer_switches(lang)
    filters = _filters(lang)
    reach_km = _reach_km(lang)
    derived_ids = _derived_switches(lang)
    return Choices(lang, basemap, set(layer_ids), filters, reach_km, derived_ids)


def _language() -> str:
    return st.sidebar.radio(
        "Idioma / Language",
        LANGUAGES,
        format_func=LANGUAGE_NAMES.get,
        key=state.LANG.key,
        horizontal=True,
        index=LANGUAGES.index(state.LANG.default),
    )


def _basemap(lang: str) -> str:
    return st.sidebar.selectbox(
        t("app.basemap", lang),
        list(BASEMAPS),
        index=list(BASEMAPS).index(state.BASEMAP.default),
        format_func=lambda b: t(f"map.{b}", lang),
        key=state.BASEMAP.key,
        help=t("app.basemap_help", lang),
    )


def _layer_switches(lang: str) -> list[str]:
    """The bundled layers switched on, corridor layers first."""
    bar = st.sidebar
    visible = []
    for heading, mission in (("app.mission_layers", True), ("app.context_layers", False)):
        bar.subheader(t(heading, lang))
        for spec in (s for s in layers.LAYERS if s.mission == mission):
            help_text = spec.caveat[lang] if spec.caveat else None
            if bar.checkbox(spec.title[lang], value=spec.visible, key=state.LAYER.key(spec.id), help=help_text):
                visible.append(spec.id)
    return visible


def _user_layer_switches(lang: str) -> list[str]:
    """This session's layers switched on; each can be removed."""
    mine = state.USER_LAYERS.get()
    if not mine:
        return []
    st.sidebar.subheader(t("import.your_layers", lang))
    visible = []
    for layer in list(mine):
        spec = layer.spec
        row = st.sidebar.columns([4, 1])
        if row[0].checkbox(markdown_text(spec.title[lang]), value=True, key=state.LAYER.key(spec.id)):
            visible.append(spec.id)
        if row[1].button(
            "✕",
            key=state.REMOVE_LAYER.key(spec.id),
            help=t("import.remove", lang, name=markdown_text(spec.title[lang])),
        ):
            mine.remove(layer)
            st.rerun()
    return visible


def _filters(lang: str) -> Filters:
    bar = st.sidebar
    bar.subheader(t("filters.heading", lang))
    confidence = bar.multiselect(
        t("filters.confidence", lang),
        CONFIDENCE_LEVELS,
        default=list(state.FILTER_CONFIDENCE.default),
        format_func=lambda c: label("confidence", c, lang),
        key=state.FILTER_CONFIDENCE.key,
    )
    year = None
    if bar.checkbox(t("filters.by_year", lang), value=state.FILTER_BY_YEAR.default, key=state.FILTER_BY_YEAR.key):
        year = int(
            bar.number_input(
                t("filters.year", lang), FIRST_YEAR, LAST_YEAR, state.FILTER_YEAR.default, key=state.FILTER_YEAR.key
            )
        )
    return Filters(confidence=frozenset(confidence), year=year)


def _reach_km(lang: str) -> float:
    return float(
        st.sidebar.slider(
            t("analysis.reach", lang),
            1,
            50,
            state.REACH_KM.default,
            key=state.REACH_KM.key,
            help=t("analysis.reach_help", lang),
        )
    )


def _derived_switches(lang: str) -> list[str]:
    st.sidebar.subheader(t("analysis.derived", lang))
    return [
        spec.id
        for spec in layers.DERIVED
        if st.sidebar.checkbox(spec.title[lang], value=False, key=state.LAYER.key(spec.id), help=spec.caveat[lang])
    ]
