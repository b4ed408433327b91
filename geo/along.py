"""Measure along an existing route between two points on it: the geodesic length of the part of
the route between them.

The points are put on the route where it passes nearest to them (shapely's line_locate_point),
the part between is cut out (shapely.ops.substring), both in the corridor's working projection
(geo.measure.CORRIDOR_CRS, where "nearest" is in metres, not degrees); the part is brought back to
lon/lat and measured on the WGS 84 ellipsoid (pyproj's Geod), as every length in the app.

>>> from shapely import LineString, Point
>>> km, part = length_along_km(LineString([(-78, 8), (-77, 8)]), Point(-77.75, 8.1), Point(-77.25, 8))
>>> round(km, 2)
55.12
"""

from __future__ import annotations

import geopandas as gpd
import shapely
from shapely import LineString, Point
from shapely.ops import substring

from geo.measure import from_corridor, geodesic_length_km, to_corridor

#: The bundled layer whose routes are measured, and the column that groups its segments.
ROUTE_LAYER = "migration_routes"

#: Longest edge, in degrees, of a line before it is projected (about 1 km).
DENSIFY_DEGREES = 0.01


def route_line(segments: gpd.GeoDataFrame, route: str) -> LineString:
    """The route's segments, in order (`seq`), as one line (a joint shared by two segments once)."""
    rows = segments[segments["route"] == route].sort_values("seq")
    coords: list[tuple[float, float]] = []
    for geom in rows.geometry:
        for part in shapely.get_parts(geom):
            for xy in part.coords:
                if not coords or coords[-1] != tuple(xy[:2]):
                    coords.append(tuple(xy[:2]))
    return LineString(coords)


def route_stops(segments: gpd.GeoDataFrame, route: str) -> list[tuple[str, Point]]:
    """The named places the route passes, in order: where each segment starts, then the last end."""
    rows = segments[segments["route"] == route].sort_values("seq")
    stops = []
    for row in rows.itertuples():
        coords = shapely.get_coordinates(row.geometry)
        if not stops:
            stops.append((row.from_place, Point(coords[0])))
        stops.append((row.to_place, Point(coords[-1])))
    return stops


def length_along_km(line: LineString, start: Point, end: Point) -> tuple[float, LineString]:
    """(geodesic km, the part of `line` between where `start` and `end` fall on it), lon/lat in
    and out. The order of the two points does not matter; the same point twice gives 0."""
    # Densified first (every ~1 km), so that straight in the projection is straight on the map too.
    projected = to_corridor(shapely.segmentize(line, DENSIFY_DEGREES))
    a = projected.line_locate_point(to_corridor(start))
    b = projected.line_locate_point(to_corridor(end))
    a, b = min(a, b), max(a, b)
    part = substring(projected, a, b)
    if part.geom_type != "LineString" or part.length == 0:
        return 0.0, LineString()
    part = from_corridor(part)
    return geodesic_length_km(part), part
