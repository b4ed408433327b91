"""Measure along an existing route between two places on it (geo/along.py), below the map.

(Distance and area drawn on the map are measured in the page itself: geo/webmap/measure.py.)
"""

from __future__ import annotations

import streamlit as st
from shapely import Point

from geo.along import ROUTE_LAYER, length_along_km, route_line, route_stops
from geo.escape import markdown_text
from geo.i18n import label, t
from geo.i18n.formats import number
from geo.measure import GEOD
from geo.webmap.focus import route_part_group
from ui import mapview, search, state

#: Gazetteer places this close to a route (km) can be measured from, besides its stops.
NEAR_ROUTE_KM = 3.0


@st.cache_resource
def _routes() -> dict[str, tuple]:
    """route -> (its line, [(place name, point on or near it), ...] in order along it): bundled data only."""
    segments = next(layer.frame for layer in mapview.bundled_layers() if layer.spec.id == ROUTE_LAYER)
    places = search.gazetteer()
    out = {}
    for route in segments["route"].unique():
        line = route_line(segments, route)
        stops = route_stops(segments, route)
        named = {name for name, _ in stops}
        for place in places:
            if place.name in named:
                continue
            point = Point(place.lon, place.lat)
            nearest = line.interpolate(line.project(point))
            if GEOD.inv(place.lon, place.lat, nearest.x, nearest.y)[2] / 1000 <= NEAR_ROUTE_KM:
                stops.append((place.name, point))
                named.add(place.name)
        stops.sort(key=lambda stop: line.project(stop[1]))
        out[str(route)] = (line, stops)
    return out


def route_panel(lang: str) -> None:
    """Pick a route and two places on it: the geodesic length between them, along the route."""
    with st.expander(t("along.heading", lang)):
        routes = _routes()
        route = st.selectbox(
            t("along.route", lang),
            list(routes),
            format_func=lambda r: label("route", r, lang),
            key=state.ALONG_ROUTE.key,
        )
        line, stops = routes[route]
        names = [name for name, _ in stops]
        left, right = st.columns(2)
        start = left.selectbox(t("along.from", lang), names, index=0, key=state.ALONG_FROM.key)
        end = right.selectbox(t("along.to", lang), names, index=len(names) - 1, key=state.ALONG_TO.key)
        if start not in names or end not in names:  # the route changed under the choice
            start, end = names[0], names[-1]
        where = dict(stops)
        km, _part = length_along_km(line, where[start], where[end])
        st.markdown(
            t(
                "along.result",
                lang,
                km=number(km, lang, 1),
                start=markdown_text(start),
                end=markdown_text(end),
                route=markdown_text(label("route", route, lang)),
            )
        )
        st.checkbox(t("along.show", lang), key=state.ALONG_SHOW.key, value=state.ALONG_SHOW.default)
        st.caption(t("along.caveat", lang, near=number(NEAR_ROUTE_KM, lang)))


def part_overlay():
    """The measured part of the route, for the map, when "show it on the map" is ticked; else None.

    Read from the widgets' values before the panel is drawn (the map comes first on the page)."""
    if not state.ALONG_SHOW.get():
        return None
    routes = _routes()
    route = state.ALONG_ROUTE.get()
    if route not in routes:
        route = next(iter(routes))
    line, stops = routes[route]
    where = dict(stops)
    start = state.ALONG_FROM.get() if state.ALONG_FROM.get() in where else stops[0][0]
    end = state.ALONG_TO.get() if state.ALONG_TO.get() in where else stops[-1][0]
    km, part = length_along_km(line, where[start], where[end])
    return route_part_group(part) if km > 0 else None
