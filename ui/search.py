"""The search box above the map: the corridor's gazetteer and the names in the user's layers.

Typing a name (Enter, or leaving the box) lists the best matches as buttons, reachable with Tab;
choosing one keeps it as the map's focus (state.SEARCH_FOCUS): the map goes there and
highlights it (ui.mapview.corridor_map). Nothing is asked of any online service.
"""

from __future__ import annotations

import streamlit as st

from geo.escape import markdown_text
from geo.i18n import t
from geo.search import Place, load_gazetteer, search, user_places
from geo.webmap.focus import focus_group
from ui import mapview, state

#: Kinds the interface names (geo.search kinds; a layer's own kinds are named by its vocabulary).
KIND_KEYS = {
    "town": "search.kind.town",
    "indigenous_community": "search.kind.indigenous_community",
    "reception_station": "search.kind.reception_station",
    "port_of_departure": "search.kind.port_of_departure",
    "river": "search.kind.river",
    "park": "search.kind.park",
    "province": "search.kind.province",
    "comarca": "search.kind.comarca",
    "country": "search.kind.country",
    "border": "search.kind.border",
    "populated_place": "search.kind.populated_place",
    "user_feature": "search.kind.user_feature",
}


@st.cache_resource
def gazetteer() -> list[Place]:
    """The built gazetteer, read once for every session (bundled data only)."""
    return load_gazetteer()


def _user_places() -> list[Place]:
    """The named features of this session's layers, worked out once per layer."""
    memo = state.SEARCH_USER_MEMO.get()
    mine = state.USER_LAYERS.get()
    out = []
    for layer in mine:
        held = memo.get(layer.spec.id)
        if held is None or held[0] is not layer.frame:
            held = (layer.frame, user_places(layer))
            memo[layer.spec.id] = held
        out.extend(held[1])
    for gone in set(memo) - {layer.spec.id for layer in mine}:
        del memo[gone]
    return out


def search_box(lang: str) -> None:
    """The box and its results; a chosen result becomes the map's focus."""
    query = st.text_input(
        t("search.label", lang),
        key=state.SEARCH_QUERY.key,
        placeholder=t("search.placeholder", lang),
        help=t("search.help", lang),
    )
    if not query.strip():
        return
    found = search(query, [*gazetteer(), *_user_places()])
    if not found:
        st.caption(t("search.none", lang, query=markdown_text(query)))
        return
    columns = st.columns(min(len(found), 4))
    for i, place in enumerate(found):
        columns[i % len(columns)].button(
            markdown_text(place.name),
            key=state.SEARCH_PICK.key(i),
            help=describe(place, lang),
            on_click=_choose,
            args=(place,),
            width="stretch",
        )
    focus = state.SEARCH_FOCUS.get()
    if focus:
        kind = t(KIND_KEYS[focus["kind"]], lang) if focus["kind"] in KIND_KEYS else focus["kind"]
        st.caption(t("search.shown", lang, name=markdown_text(focus["name"]), kind=markdown_text(kind)))
    st.button(t("search.clear", lang), key=state.SEARCH_CLEAR.key, on_click=_clear)


def describe(place: Place, lang: str) -> str:
    """What the place is and where its position comes from, in plain text (for the button's help)."""
    kind = t(KIND_KEYS[place.kind], lang) if place.kind in KIND_KEYS else place.kind
    where = f"{kind}, {place.country}" if place.country else kind
    note = t("search.approximate", lang) if place.confidence == "approximate" else ""
    # Streamlit renders a help text as Markdown: the data's words are escaped.
    texts = {"what": where, "source": place.source, "licence": place.licence}
    return t("search.describe", lang, **{k: markdown_text(v) for k, v in texts.items()}) + note


def _choose(place: Place) -> None:
    previous = state.SEARCH_FOCUS.get() or {}
    state.SEARCH_FOCUS.set(
        {
            "lat": place.lat,
            "lng": place.lon,
            "zoom": place.zoom(),
            "key": place.key,
            "name": place.name,
            "kind": place.kind,
            "layer": place.layer,
            "feature": place.feature,
            "origin": place.origin,
            # st_folium moves the map only when the centre it is given changes: a serial lets the
            # same place be chosen again after the map was moved away from it.
            "serial": previous.get("serial", 0) + 1,
        }
    )


def _clear() -> None:
    state.SEARCH_FOCUS.set(None)
    state.SEARCH_QUERY.set("")


def focus_view() -> dict | None:
    """The view the map is sent to for the chosen place: {"center": [lat, lng], "zoom"} or None."""
    focus = state.SEARCH_FOCUS.get()
    if not focus:
        return None
    # A nudge far below a millimetre makes each choice a new centre (see _choose).
    return {"center": [focus["lat"] + focus["serial"] * 1e-9, focus["lng"]], "zoom": focus["zoom"]}


def focus_overlay():
    """The chosen place highlighted on the map (its feature's outline, from the layer's full frame,
    whose rows the gazetteer and user_places count), or None."""
    focus = state.SEARCH_FOCUS.get()
    if not focus:
        return None
    geometry = None
    if focus["layer"] and focus["feature"] is not None:
        candidates = [*mapview.bundled_layers(), *state.USER_LAYERS.get()]
        layer = next((x for x in candidates if x.spec.id == focus["layer"]), None)
        if layer is not None and focus["feature"] < len(layer.frame):
            geometry = layer.frame.geometry.iloc[focus["feature"]]
    return focus_group(focus["lng"], focus["lat"], geometry)
