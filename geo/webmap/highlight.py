"""The feature chosen in the feature table (or clicked on the map), outlined on the live map.

An overlay for streamlit-folium's `feature_group_to_add`: it is added to the map as it is,
without building the map again. It carries the geometry only: no attribute, so nothing from
the data reaches the page's HTML or script here.
"""

from __future__ import annotations

import folium
import shapely

#: The outline: a colour no layer uses, drawn wide under a thin dark line so it shows on any base.
HIGHLIGHT = {"color": "#ffb300", "weight": 7, "opacity": 0.9, "fill": False}
EDGE = {"color": "#212121", "weight": 2, "opacity": 1, "fill": False}

#: The ring around a point, in pixels.
POINT_RING = 14


def focus_group(geometry) -> folium.FeatureGroup:
    """A feature group outlining `geometry` (lon/lat): a ring around each point, the shape of a
    line or polygon drawn over in a wide amber line. Empty for a missing or empty geometry."""
    group = folium.FeatureGroup(name="focus", control=False)
    if geometry is None or geometry.is_empty:
        return group
    points = [p for p in getattr(geometry, "geoms", [geometry]) if p.geom_type == "Point"]
    for point in points:
        for style in (HIGHLIGHT, EDGE):
            folium.CircleMarker((point.y, point.x), radius=POINT_RING, **style).add_to(group)
    if not points:
        data = {"type": "Feature", "properties": {}, "geometry": shapely.geometry.mapping(geometry)}
        for style in (HIGHLIGHT, EDGE):
            folium.GeoJson(data, style_function=lambda _feature, s=style: s, interactive=False).add_to(group)
    return group
