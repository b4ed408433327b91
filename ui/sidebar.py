"""The sidebar: language, base map, layer switches, feature filters, the "as of" month (with
play/pause) and the analysis reach.

The month is the app's: it filters what is analysed and exported (geo.selection.Filters), and
reaches the map as one call (ui.mapview), so that stepping or playing never builds the map again.
Playing is a loop of ordinary runs: the page is drawn, `keep_playing` (the last thing the page
does) waits the chosen seconds and asks for the next run, which moves the slider one month on
before drawing it. So when playback stops, the app already holds the month the map shows.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import streamlit as st

import layers
from geo import timeline
from geo.escape import markdown_text
from geo.i18n import LANGUAGES, label, t
from geo.selection import Filters
from geo.spec import CONFIDENCE_LEVELS
from geo.webmap.build import BASEMAPS
from geo.webmap.timefilter import UNDATED_CHOICES, month_label
from ui import database, state, workspace
from ui.state import ALL_PERIODS, SPEEDS  # the month control's choices, declared with its keys

LANGUAGE_NAMES = {"es": "Español", "en": "English"}


@dataclass(frozen=True)
class Choices:
    """What the sidebar asks for."""

    lang: str
    basemap: str
    layer_ids: set[str]  # bundled and user layers switched on
    filters: Filters  # confidence, and the month (as_of, None: every period) with the undated choice
    reach_km: float
    derived_ids: list[str]  # derived layers switched on
    speed: float = SPEEDS[1]  # seconds per month when playing
    started: float = 0.0  # time.monotonic() when this run began


def sidebar() -> Choices:
    """The sidebar drawn, and what it asks for."""
    started = time.monotonic()
    lang = language()
    basemap = _basemap(lang)
    layer_ids = _layer_switches(lang) + _user_layer_switches(lang)
    database.layer_switches(lang)  # database layers (#13): drawn from the view by ui/database.py
    filters, speed = _filters(lang)
    reach_km = _reach_km(lang)
    derived_ids = _derived_switches(lang)
    return Choices(lang, basemap, set(layer_ids), filters, reach_km, derived_ids, speed, started)


def untouched() -> bool:
    """Whether nothing the sidebar shows has a value yet: a new session, no workspace link
    opened, no layer of the user's or from a database. Its choices are then `defaults()`."""
    return not (
        any(key.startswith("layer_") for key in st.session_state)
        or any(widget.key in st.session_state for widget in (state.LANG, *state.KEPT_ACROSS_LANGUAGES, state.REACH_KM))
        or state.USER_LAYERS.get()
        or database.configured_path() is not None
    )


def defaults() -> Choices:
    """What `sidebar()` returns when it is `untouched()`: what its widgets start from."""
    return Choices(
        lang=state.LANG.default,
        basemap=state.BASEMAP.default,
        layer_ids={spec.id for spec in layers.LAYERS if spec.visible},
        filters=Filters(confidence=frozenset(state.FILTER_CONFIDENCE.default), undated=state.AS_OF_UNDATED.default),
        reach_km=float(state.REACH_KM.default),
        derived_ids=[],
        speed=float(state.AS_OF_SPEED.default),
        started=time.monotonic(),
    )


def waiting(lang: str) -> None:
    """In a new visitor's first run, alone in the sidebar: its controls are on their way."""
    st.sidebar.caption(t("app.controls_waiting", lang))


def language() -> str:
    """The language radio, the sidebar's first control."""
    return st.sidebar.radio(
        "Idioma / Language",
        LANGUAGES,
        format_func=LANGUAGE_NAMES.get,
        key=state.LANG.key,
        horizontal=True,
        index=LANGUAGES.index(state.LANG.default),
        on_change=_keep_choices,
    )


def _keep_choices() -> None:
    """Before the run in the new language: each choice shown through the language is handed
    back as a value, so the page shows it in the new language instead of dropping it
    (state.KEPT_ACROSS_LANGUAGES)."""
    for widget in state.KEPT_ACROSS_LANGUAGES:
        if widget.key in st.session_state:
            st.session_state[widget.key] = st.session_state[widget.key]


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
            disabled=not workspace.editable(),
        ):
            mine.remove(layer)
            workspace.sync_layers()
            st.rerun()
    return visible


def _filters(lang: str) -> tuple[Filters, float]:
    """(the filters, seconds per month when playing)."""
    bar = st.sidebar
    bar.subheader(t("filters.heading", lang))
    confidence = bar.multiselect(
        t("filters.confidence", lang),
        CONFIDENCE_LEVELS,
        default=list(state.FILTER_CONFIDENCE.default),
        format_func=lambda c: label("confidence", c, lang),
        key=state.FILTER_CONFIDENCE.key,
    )
    month, undated, speed = _as_of(lang)
    return Filters(confidence=frozenset(confidence), as_of=month, undated=undated), speed


@st.cache_resource
def month_options() -> list[str]:
    """Every period, then each month from geo.timeline.FIRST_MONTH to the latest month of data."""
    return [ALL_PERIODS, *timeline.months(timeline.FIRST_MONTH, timeline.latest_month())]


def _as_of(lang: str) -> tuple[str | None, str, float]:
    """The "as of" control: (month or None, undated choice, seconds per month)."""
    bar = st.sidebar
    bar.subheader(t("asof.heading", lang))
    options = month_options()
    _advance(options)
    state.AS_OF_MONTH.init()  # drawn without value=: playback sets it
    month = bar.select_slider(
        t("asof.month", lang),
        options,
        format_func=lambda m: t("asof.all", lang) if m == ALL_PERIODS else month_label(m, lang),
        key=state.AS_OF_MONTH.key,
        on_change=_pause,
        help=t("asof.help", lang),
    )
    playing = state.AS_OF_PLAYING.get()
    bar.button(
        t("asof.pause" if playing else "asof.play", lang),
        key=state.AS_OF_PLAY.key,
        on_click=_play_or_pause,
        args=(options,),
        width="stretch",
    )
    speed = bar.selectbox(
        t("asof.speed", lang),
        SPEEDS,
        index=SPEEDS.index(state.AS_OF_SPEED.default),
        format_func=lambda s: t("asof.speed_value", lang, s=f"{s:g}"),
        key=state.AS_OF_SPEED.key,
    )
    undated = bar.radio(
        t("asof.undated", lang),
        UNDATED_CHOICES,
        index=UNDATED_CHOICES.index(state.AS_OF_UNDATED.default),
        format_func=lambda u: t(f"asof.undated.{u}", lang),
        key=state.AS_OF_UNDATED.key,
        horizontal=True,
        help=t("asof.undated_help", lang),
    )
    return (None if month == ALL_PERIODS else month), undated, float(speed)


def _advance(options: list[str]) -> None:
    """While playing, the run that `keep_playing` asked for moves the month one on (before the
    slider is drawn: Streamlit refuses changes to a widget already drawn); after the last month,
    playing stops."""
    if not state.AS_OF_ADVANCE.get():
        return
    state.AS_OF_ADVANCE.set(False)
    current = state.AS_OF_MONTH.get()
    at = options.index(current) if current in options else 0
    if at + 1 < len(options):
        state.AS_OF_MONTH.set(options[at + 1])
    else:
        state.AS_OF_PLAYING.set(False)


def _play_or_pause(options: list[str]) -> None:
    """Play from the month shown (from the first month when every period, or the last, is shown), or pause."""
    playing = not state.AS_OF_PLAYING.get()
    state.AS_OF_PLAYING.set(playing)
    state.AS_OF_ADVANCE.set(False)
    if playing and state.AS_OF_MONTH.get() in (ALL_PERIODS, options[-1]):
        state.AS_OF_MONTH.set(options[1])


def _pause() -> None:
    """The user moved the month: playing stops there."""
    state.AS_OF_PLAYING.set(False)
    state.AS_OF_ADVANCE.set(False)


def keep_playing(choices: Choices) -> None:
    """While playing, the last thing a run does: wait out the chosen seconds per month (counted
    from the start of the run), then run again one month on (`_advance`). A click on pause, or
    on the slider, ends it at the next run."""
    if not state.AS_OF_PLAYING.get():
        return
    time.sleep(max(0.0, choices.speed - (time.monotonic() - choices.started)))
    state.AS_OF_ADVANCE.set(True)
    st.rerun()


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
