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
from geo.webmap.highlight import focus_group
from geo.webmap.timefilter import as_of_group, as_of_state
from geo.webmap.view import ReportWhenPainted, hidden_layers, hidden_layers_group
from ui import database, state
from ui.memo import remember


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
    return state.FILTERED_CACHE.get().apply(visible, filters.but_time())


def corridor_map(
    layers_on_map: list[Layer],
    lang: str,
    basemap: str,
    filters: Filters,
    totals: dict[str, int] | None = None,
    heat: dict | None = None,
    highlights: list | None = None,
    focus: dict | None = None,
    go_to: dict[str, dict | None] | None = None,
) -> None:
    """The map, shown as of `filters.as_of`, and what it reports kept for the export, the
    drawing and the analysis.

    `totals` (layer id -> features before the filters) puts "n of N" in the legend; `heat`: the
    point layers drawn as heat maps (ui/heat.py); `highlights`: overlays marking the place found
    (ui/search.py) and the part of a route measured (ui/measure.py); `focus` (ui.featuretable:
    the feature chosen) is outlined. `go_to` holds, by who asks (the search box, the table), a
    view to move the live map to: {"center": [lat, lng], "zoom"} or {"lat", "lng", "zoom"}."""
    fmap = build_map(layers_on_map, lang, basemap, prepare_big=prepare_big, heat=heat, totals=totals, remember=remember)
    fmap.add_child(ReportWhenPainted())  # the app's answer to the map's report comes once the map is on screen
    # What the browser reported before this run (Streamlit keeps it under the map's key): its
    # click is a vertex of the area drawn in this very run, not one run late.
    _remember(st.session_state.get(state.MAP.key))
    drawn = state.DRAWN_AREA.get()
    handed = _view_for(_shown(layers_on_map, lang, basemap), go_to or {})
    overlays = [as_of_group(as_of_state(filters.as_of, filters.undated, lang))]
    if drawn:
        overlays.insert(0, drawn_area_group(drawn))
    from_database = database.map_overlay(lang)  # database layers (#13): only what is in view
    if from_database is not None:
        overlays.insert(-1, from_database)
    for group in highlights or []:
        overlays.insert(-1, group)  # the month call stays last
    if handed["hidden"]:
        overlays.append(hidden_layers_group(handed["hidden"]))
    if focus is not None:  # last, so that the overlays before it keep their places
        overlays.append(focus_group(focus["geometry"]))
    reported = st_folium(
        fmap,
        key=state.MAP.key,
        height=640,
        use_container_width=True,
        # Only what the export, the drawing and the view need: each reported change reruns the app.
        returned_objects=["bounds", "last_clicked", "center", "zoom", "selected_layers"],
        # The view (and the layers switched off in the map's control) handed to a new map; to the
        # map that reported it, the same value again, so it is never moved back (see _view_for).
        center=handed["center"],
        zoom=handed["zoom"],
        # Overlays added to the live map without rendering it again: the drawn area, and the
        # call that shows the map as of the month (always sent, so that "every period" undoes a month).
        feature_group_to_add=overlays,
    )
    _remember(reported)


def _shown(layers_on_map: list[Layer], lang: str, basemap: str) -> str:
    """What the map is built from: the same text for the same map (the frames are cached)."""
    return repr((lang, basemap, [(layer.spec.id, id(layer.frame), len(layer.frame)) for layer in layers_on_map]))


def _view_for(shown: str, go_to: dict[str, dict | None]) -> dict:
    """The view handed to the map: a place just asked for (`go_to`: by who asks, the search box
    or the table, {"center": [lat, lng], "zoom"} or {"lat", "lng", "zoom"}, the latest new one
    wins); else the last view reported when the map is a new one, else what was handed to this
    map before. streamlit-folium moves the map only when the value it gets changes, so the map a
    person is moving is never sent back to where it was a moment ago (feeding each reported view
    back made the map report again, forever)."""
    handed = state.MAP_HANDED.get()
    if handed is None or state.MAP_SHOWN.get() != shown:
        view = state.MAP_VIEW.get() or {}
        handed = {
            "center": (view["lat"], view["lng"]) if "lat" in view else None,
            "zoom": view.get("zoom"),
            "hidden": list(state.MAP_HIDDEN.get()),
        }
        state.MAP_HANDED.set(handed)
        state.MAP_SHOWN.set(shown)
    seen = state.GO_TO_SEEN.get()
    for who, request in go_to.items():
        if request is not None and request != seen.get(who):
            centre = request.get("center") or [request["lat"], request["lng"]]
            handed = {**handed, "center": tuple(centre), "zoom": request["zoom"]}
            state.MAP_HANDED.set(handed)
        seen[who] = request
    return handed


def _remember(reported: dict | None) -> None:
    """Keep the view the browser reports, and add a vertex per click in draw mode."""
    if not reported:
        return
    bounds = reported.get("bounds") or {}
    south_west, north_east = bounds.get("_southWest"), bounds.get("_northEast")
    if south_west and north_east and None not in (south_west.get("lng"), north_east.get("lng")):
        state.MAP_BOUNDS.set((south_west["lng"], south_west["lat"], north_east["lng"], north_east["lat"]))
    center, zoom = reported.get("center"), reported.get("zoom")
    if center and None not in (center.get("lat"), center.get("lng")) and isinstance(zoom, int | float):
        state.MAP_VIEW.set({"lat": center["lat"], "lng": center["lng"], "zoom": zoom})
    hidden = hidden_layers(reported.get("selected_layers"))
    if hidden is not None:
        state.MAP_HIDDEN.set(hidden)
    click = reported.get("last_clicked")
    if click and click != state.LAST_CLICK.get():  # a new map reports no click: the last one stays
        if state.DRAW_MODE.get():
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
