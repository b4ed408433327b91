"""The place chosen in the search box, and the part of a route measured, highlighted on the live map
(overlays: the map is not rebuilt).

Only geometry reaches folium here, never a name or any other value of the data (see geo.escape):
the search panel itself says what the place is.
"""

from __future__ import annotations

import folium
import shapely

#: The highlight's colour: a strong yellow, apart from every layer's palette.
HIGHLIGHT = "#ffd600"
OUTLINE = "#212121"


def focus_group(lon: float, lat: float, geometry=None) -> folium.FeatureGroup:
    """The chosen place: its feature outlined (a line or an area), and a ring on its point."""
    group = folium.FeatureGroup(name="search_focus", control=False)
    if geometry is not None and not geometry.is_empty and geometry.geom_type != "Point":
        shape = shapely.geometry.mapping(geometry)
        for colour, weight in ((OUTLINE, 8), (HIGHLIGHT, 4)):
            style = {"color": colour, "weight": weight, "fill": False, "opacity": 0.9}
            folium.GeoJson(shape, style_function=lambda _f, s=style: s, interactive=False).add_to(group)
    folium.CircleMarker(
        (lat, lon), radius=14, color=OUTLINE, weight=3, fill=True, fill_color=HIGHLIGHT, fill_opacity=0.45
    ).add_to(group)
    return group


def route_part_group(part) -> folium.FeatureGroup:
    """The part of a route between the two places measured (a lon/lat LineString)."""
    group = folium.FeatureGroup(name="route_part", control=False)
    line = [(lat, lon) for lon, lat in part.coords]
    folium.PolyLine(line, color=OUTLINE, weight=9, opacity=0.8, interactive=False).add_to(group)
    folium.PolyLine(line, color=HIGHLIGHT, weight=5, opacity=1, interactive=False).add_to(group)
    return group
