"""What a database layer sends to the map for one view: only what is in it, at the view's detail.

- the bounding box goes to the GiST index: `geom && ST_MakeEnvelope(W, S, E, N, 4326)`;
- lines and polygons are simplified in SQL to one screen pixel at the view's zoom
  (`ST_SimplifyPreserveTopology`), and coordinates written with the decimals that pixel needs
  (`ST_AsGeoJSON(..., precision)`), exterior rings counter-clockwise (`ST_ForcePolygonCCW`);
- at most `FEATURE_CAP` features; when there are more, the exact total is counted so that the
  map says "zoom in to see all N";
- a layer with overviews (geo/database/overviews.py) shows counts per cell instead when the
  overview says the view holds more than the cap: the map says it shows aggregates.

Every value is a query parameter; every name is a psycopg.sql.Identifier of a configured,
checked name (geo/database/config.py).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

from psycopg import sql

from geo.database.config import DatabaseLayer
from geo.database.overviews import MAX_LEVEL, cell_degrees
from geo.database.overviews import table as overview_table
from geo.webmap.compact import decimals_for, pixel_degrees

#: Features sent for one view, at most.
FEATURE_CAP = 5000

#: Web Mercator's latitude limit: a view reported beyond it is cut there.
MAX_LAT = 85.05


@dataclass(frozen=True)
class View:
    """One layer in one view: features, or cells, and how many there are in the view.

    Features travel as PostGIS wrote them: `geometries` holds each feature's GeoJSON geometry text
    (None for an empty one) and `rows` its attribute values, in `attributes` order; parsing and
    writing them again in Python would cost more than the query (`features()` does it, for tests)."""

    layer_id: str
    kind: str  # "features" or "cells"
    zoom: int
    total: int  # features in view (cells: the features they count)
    attributes: tuple[str, ...] = ()
    geometries: list[str | None] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    provenance: dict = field(default_factory=dict)
    cells: list[tuple[float, float, int]] = field(default_factory=list)  # lon, lat (mean), count
    tolerance: float = 0.0  # degrees: the simplification applied
    precision: int = 6  # decimals written

    @property
    def shown(self) -> int:
        return len(self.geometries) if self.kind == "features" else len(self.cells)

    @property
    def capped(self) -> bool:
        return self.kind == "features" and self.total > len(self.geometries)

    def features(self) -> list[dict]:
        """GeoJSON Feature dicts (attributes, then provenance)."""
        return [
            {
                "type": "Feature",
                "properties": dict(zip(self.attributes, row)) | self.provenance,
                "geometry": None if geometry is None else json.loads(geometry),
            }
            for geometry, row in zip(self.geometries, self.rows)
        ]


def zoom_for(bounds: tuple[float, float, float, float], width_px: int = 1000) -> int:
    """The zoom at which `bounds` (W, S, E, N) spans about `width_px` pixels: the fallback when the
    map has not reported its zoom.

    >>> zoom_for((-80.5, 6.5, -76.0, 9.6)), zoom_for((-77.7, 8.0, -77.5, 8.1))
    (8, 12)
    """
    west, _s, east, _n = bounds
    span = max(east - west, 1e-9)
    return int(min(22, max(0, math.floor(math.log2(360.0 * width_px / (256.0 * span))))))


def clip_bounds(bounds) -> tuple[float, float, float, float]:
    """W, S, E, N as numbers within the world (a map may report beyond it); ValueError if not four numbers."""
    west, south, east, north = (float(v) for v in bounds)
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        raise ValueError("bounds must be finite numbers")
    west, east = max(-180.0, min(west, east)), min(180.0, max(west, east))
    south, north = max(-MAX_LAT, min(south, north)), min(MAX_LAT, max(south, north))
    return west, south, east, north


def query_view(conn, layer: DatabaseLayer, bounds, zoom: int, cap: int = FEATURE_CAP) -> View:
    """The layer in the view `bounds` (W, S, E, N, lon/lat) at `zoom`."""
    bounds = clip_bounds(bounds)
    zoom = int(max(0, min(22, zoom)))
    if layer.overviews and zoom <= MAX_LEVEL:
        cells = _cells(conn, layer, bounds, zoom)
        total = sum(n for _x, _y, n in cells)
        if total > cap:
            return View(layer.spec.id, "cells", zoom, total, cells=cells)
    return _features(conn, layer, bounds, zoom, cap)


def _features(conn, layer: DatabaseLayer, bounds, zoom: int, cap: int) -> View:
    tolerance = pixel_degrees(zoom)
    precision = decimals_for(tolerance)
    geom = sql.Identifier(layer.geometry_column)
    shape = geom if layer.spec.geometry == "Point" else sql.SQL("ST_SimplifyPreserveTopology({}, %(tol)s)").format(geom)
    if layer.spec.geometry == "Polygon":
        shape = sql.SQL("ST_ForcePolygonCCW({})").format(shape)
    attributes = [sql.Identifier(a) for a in layer.attributes]
    query = sql.SQL(
        "SELECT ST_AsGeoJSON({shape}, %(prec)s, 0){attrs} FROM {src}"
        " WHERE {geom} && ST_MakeEnvelope(%(w)s, %(s)s, %(e)s, %(n)s, 4326) LIMIT %(cap)s"
    ).format(
        shape=shape,
        attrs=sql.SQL("").join(sql.SQL(", ") + a for a in attributes),
        src=sql.Identifier(layer.schema, layer.table),
        geom=geom,
    )
    west, south, east, north = bounds
    params = {"tol": tolerance, "prec": precision, "w": west, "s": south, "e": east, "n": north, "cap": cap}
    fetched = conn.execute(query, params).fetchall()
    geometries = [row[0] for row in fetched]
    rows = [tuple(_plain(v) for v in row[1:]) for row in fetched]
    total = len(geometries)
    if total >= cap:
        total = conn.execute(
            sql.SQL(
                "SELECT count(*) FROM {src} WHERE {geom} && ST_MakeEnvelope(%(w)s, %(s)s, %(e)s, %(n)s, 4326)"
            ).format(src=sql.Identifier(layer.schema, layer.table), geom=geom),
            params,
        ).fetchone()[0]
    return View(
        layer.spec.id,
        "features",
        zoom,
        int(total),
        attributes=layer.attributes,
        geometries=geometries,
        rows=rows,
        provenance=layer.provenance,
        tolerance=tolerance,
        precision=precision,
    )


def _cells(conn, layer: DatabaseLayer, bounds, zoom: int) -> list[tuple[float, float, int]]:
    """The overview's cells at `zoom` that meet the view: (mean lon, mean lat, count)."""
    west, south, east, north = bounds
    cell = cell_degrees(zoom)
    rows = conn.execute(
        sql.SQL(
            "SELECT sx / n, sy / n, n FROM {} WHERE z = %(z)s"
            " AND ix BETWEEN %(x0)s AND %(x1)s AND iy BETWEEN %(y0)s AND %(y1)s AND n > 0"
        ).format(overview_table(layer)),
        {
            "z": zoom,
            "x0": math.floor(west / cell),
            "x1": math.floor(east / cell),
            "y0": math.floor(south / cell),
            "y1": math.floor(north / cell),
        },
    ).fetchall()
    return [(round(x, 6), round(y, 6), int(n)) for x, y, n in rows]


def _plain(value):
    """A database value as JSON can hold it (dates as ISO text, decimals as numbers, NaN as null)."""
    from geo.exporting.geojson import json_value

    if type(value).__name__ == "Decimal":
        value = float(value)
    return json_value(value)
