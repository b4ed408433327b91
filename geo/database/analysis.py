"""The corridor analysis for database layers, in SQL: the table never leaves the database.

The same measures as geo/analysis on GeoDataFrames, for a configured layer against the corridor's
reference geometry (the park, the routes, the border: small, passed as WKB parameters):

- lines: their geodesic length, the length inside the park (geo.analysis.inside.length_inside_km),
  the points where they cross the border (geo.analysis.crossings.border_crossings);
- points: how many lie inside the park, and how many are within `reach_km` of a route
  (geo.analysis.reach.reach_pairs).

Intersections are taken in lon/lat, as geo/analysis does (segments are straight in lon/lat);
lengths and distances are geodesic on the WGS 84 spheroid (`::geography`), as pyproj's Geod is.
tests/database/test_analysis.py checks both give the same figures on the same data.
"""

from __future__ import annotations

from dataclasses import dataclass

import shapely
from psycopg import sql

from geo.database.config import DatabaseLayer


@dataclass(frozen=True)
class Measures:
    layer_id: str
    features: int
    total_km: float | None = None  # lines
    in_park_km: float | None = None  # lines
    border_crossings: int | None = None  # lines: points where a line meets the border
    in_park: int | None = None  # points
    in_reach: int | None = None  # points within reach_km of a route
    reach_km: float | None = None


def _wkb(geom) -> bytes | None:
    return None if geom is None or geom.is_empty else shapely.to_wkb(geom)


def measure(conn, layer: DatabaseLayer, park=None, routes=None, border=None, reach_km: float = 10.0) -> Measures:
    """The layer's measures against `park` (a polygon), `routes` (lines), `border` (a line), any None."""
    src, geom = sql.Identifier(layer.schema, layer.table), sql.Identifier(layer.geometry_column)
    params = {"park": _wkb(park), "routes": _wkb(routes), "border": _wkb(border), "reach_m": float(reach_km) * 1000.0}
    if layer.spec.geometry == "LineString":
        row = conn.execute(
            sql.SQL(
                "WITH ref AS (SELECT ST_GeomFromWKB(%(park)s, 4326) AS park, ST_GeomFromWKB(%(border)s, 4326) AS border)"
                " SELECT count(*),"
                "  coalesce(sum(ST_Length(t.{g}::geography)), 0) / 1000,"
                "  coalesce(sum(CASE WHEN ref.park IS NULL OR NOT t.{g} && ref.park THEN 0"
                "                    WHEN ST_Within(t.{g}, ref.park) THEN ST_Length(t.{g}::geography)"
                "                    ELSE ST_Length(ST_Intersection(t.{g}, ref.park)::geography) END), 0) / 1000,"
                "  coalesce(sum(CASE WHEN ref.border IS NULL OR NOT ST_Intersects(t.{g}, ref.border) THEN 0"
                "                    ELSE ST_NumGeometries(ST_Intersection(t.{g}, ref.border)) END), 0)"
                " FROM {src} t, ref WHERE t.{g} IS NOT NULL AND NOT ST_IsEmpty(t.{g})"
            ).format(g=geom, src=src),
            params,
        ).fetchone()
        return Measures(layer.spec.id, int(row[0]), float(row[1]), float(row[2]), int(row[3]))
    if layer.spec.geometry == "Point":
        row = conn.execute(
            sql.SQL(
                "WITH ref AS (SELECT ST_GeomFromWKB(%(park)s, 4326) AS park, ST_GeomFromWKB(%(routes)s, 4326) AS routes)"
                " SELECT count(*),"
                "  count(*) FILTER (WHERE ref.park IS NOT NULL AND ST_Intersects(t.{g}, ref.park)),"
                "  count(*) FILTER (WHERE ref.routes IS NOT NULL"
                "                   AND ST_DWithin(t.{g}::geography, ref.routes::geography, %(reach_m)s))"
                " FROM {src} t, ref WHERE t.{g} IS NOT NULL AND NOT ST_IsEmpty(t.{g})"
            ).format(g=geom, src=src),
            params,
        ).fetchone()
        return Measures(layer.spec.id, int(row[0]), in_park=int(row[1]), in_reach=int(row[2]), reach_km=reach_km)
    row = conn.execute(sql.SQL("SELECT count(*) FROM {src}").format(src=src)).fetchone()
    return Measures(layer.spec.id, int(row[0]))
