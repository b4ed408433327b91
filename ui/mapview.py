"""The map: the bundled layers and what is prepared from them, the layers on the map, the
map itself, what the browser reports back (view, clicks) and the area drawn by clicking.

The map is built from every period of the layers; the "as of" month reaches it as a call
(geo.webmap.timefilter.as_of_group) that streamlit-folium runs on the live map. So moving or
playing the month never builds the map again: its page stays the same, only that call changes.

Shared caches (`st.cache_resource`) hold only the bundled, read-only data, the same for every
user; everything made from a user's layers or choices lives in this session's state.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

import layers
from geo.i18n import t
from geo.load import Layer, load_layers
from geo.selection import Filters
from geo.webmap import assets
from geo.webmap.build import build_map, drawn_area_group
from geo.webmap.compact import PreparedCache
from geo.webmap.compose import compose
from geo.webmap.timefilter import as_of_group, as_of_state
from ui import state


@st.cache_resource
def serve_leaflet(static_dir: Path) -> None:
    """Leaflet copied from its installed package into `static_dir`, which Streamlit serves (offline)."""
    assets.provision(static_dir)


@st.cache_resource
def bundled_layers() -> list[Layer]:
    """The same frame objects on every rerun and for every session (nothing changes a frame in
    place), so the identity-keyed caches (filtered, prepared, analysed) find them again;
    st.cache_data would hand each rerun fresh copies."""
    return load_layers(layers.LAYERS)


@st.cache_resource
def _bundled_prepared() -> PreparedCache:
    """Big bundled layers, prepared once for every session (bundled data only)."""
    return PreparedCache()


def prepare_big(layer: Layer, lang: str):
    """Prepared canvas data: bundled layers from the shared cache, user layers from this session's."""
    if layer.spec.origin == "bundled":
        return _bundled_prepared().get(layer, lang)
    return state.PREPARED_CACHE.get().get(layer, lang)


def visible_layers(layer_ids: set[str]) -> list[Layer]:
    """The layers switched on, the user's own in their place, every feature."""
    return compose(bundled_layers(), state.USER_LAYERS.get(), layer_ids)


def filtered(visible: list[Layer], filters: Filters) -> list[Layer]:
    """What the map shows as of the chosen month: what is analysed and exported. The same
    filters give back the same frames, so nothing made from them is made again."""
    return state.FILTERED_CACHE.get().apply(visible, filters)


def on_map(visible: list[Layer], filters: Filters) -> list[Layer]:
    """What the map is built from: the filters but the month, so that every month has the same
    map (the month is applied in the page, `corridor_map`)."""
    return state.FILTERED_CACHE.get().apply(visible, Filters(confidence=filters.confidence))


def corridor_map(layers_on_map: list[Layer], lang: str, basemap: str, filters: Filters) -> None:
    """The map, shown as of `filters.as_of`, and what it reports kept for the export, the
    drawing and the analysis."""
    fmap = build_map(layers_on_map, lang, basemap, prepare_big=prepare_big)
    _start_at(fmap, (lang, basemap, tuple((layer.spec.id, len(layer.frame)) for layer in layers_on_map)))
    drawn = state.DRAWN_AREA.get()
    overlays = [as_of_group(as_of_state(filters.as_of, filters.undated, lang))]
    if drawn:
        overlays.insert(0, drawn_area_group(drawn))
    reported = st_folium(
        fmap,
        key=state.MAP.key,
        height=640,
        use_container_width=True,
        # Only what the export and the drawing need: each reported change reruns the app.
        # (Feeding the reported centre and zoom back made the map re-report forever.)
        returned_objects=["bounds", "last_clicked", "center", "zoom"],
        # Overlays added to the live map without rendering it again: the drawn area, and the
        # call that shows the map as of the month (always sent, so that "every period" undoes a month).
        feature_group_to_add=overlays,
    )
    _remember(reported)


def _start_at(fmap, content: tuple) -> None:
    """A map built anew (other layers, language, base map; or a workspace just opened) opens at
    the view last reported (or saved), not at the corridor's extent. The view is taken only when
    what the map shows changes: a pan alone never changes the map's page (which would draw it again)."""
    start = state.MAP_START.get()
    if start is None or start[0] != content:
        start = (content, state.MAP_VIEW.get())
        state.MAP_START.set(start)
    view = start[1]
    if view:
        fmap._children.pop("fit_bounds", None)
        fmap.location = [view["lat"], view["lng"]]
        fmap.options["zoom"] = view["zoom"]


def _remember(reported: dict | None) -> None:
    """Keep the view the browser reports, and add a vertex per click in draw mode."""
    if not reported:
        return
    center, zoom = reported.get("center") or {}, reported.get("zoom")
    if isinstance(zoom, int | float) and None not in (center.get("lat"), center.get("lng")):
        state.MAP_VIEW.set(
            {"lat": round(center["lat"], 6), "lng": round(center["lng"], 6), "zoom": round(float(zoom), 2)}
        )
    bounds = reported.get("bounds") or {}
    south_west, north_east = bounds.get("_southWest"), bounds.get("_northEast")
    if south_west and north_east and None not in (south_west.get("lng"), north_east.get("lng")):
        state.MAP_BOUNDS.set((south_west["lng"], south_west["lat"], north_east["lng"], north_east["lat"]))
    click = reported.get("last_clicked")
    if state.DRAW_MODE.get() and click and click != state.LAST_CLICK.get():
        state.DRAWN_AREA.get().append((click["lng"], click["lat"]))
    state.LAST_CLICK.set(click)


def draw_controls(lang: str, editable: bool = True) -> None:
    """Draw mode (each click on the map adds a vertex), the vertex count, and clearing (not with
    a view-only link)."""
    left, middle, right = st.columns([3, 1, 1])
    left.checkbox(t("draw.mode", lang), value=state.DRAW_MODE.default, key=state.DRAW_MODE.key, disabled=not editable)
    middle.caption(t("draw.vertices", lang, n=len(state.DRAWN_AREA.get())))
    if right.button(t("draw.clear", lang), key=state.DRAW_CLEAR.key, disabled=not editable):
        state.DRAWN_AREA.set([])
        st.rerun()
