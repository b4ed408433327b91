"""A database layer as RFC 7946 GeoJSON, streamed: rows from a server-side cursor, written one
feature at a time. Never a whole GeoDataFrame in memory, whatever the table's size.

The rules of geo/exporting/geojson.py, met in SQL and here:
- lon/lat positions: the column is SRID 4326 (checked against the catalogue at start-up);
- exterior rings counter-clockwise, holes clockwise: `ST_ForcePolygonCCW`;
- no `crs` member: `ST_AsGeoJSON(geom, 6, 0)` (options 0 writes none), and the writer adds none;
- strict JSON: attribute values through `json_value` (NaN and infinities become null) and
  `json.dumps(allow_nan=False)`; empty geometries become null.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from psycopg import sql

from geo.database.config import DatabaseLayer
from geo.database.view import _plain, clip_bounds
from geo.exporting.geojson import LAYER_KEY

#: Rows fetched from the server per round trip.
ITERSIZE = 2000


def stream_geojson(conn, layer: DatabaseLayer, bounds=None, precision: int = 6) -> Iterator[str]:
    """The layer (or the part of it in `bounds`, W, S, E, N) as pieces of one GeoJSON text.

    Runs in its own transaction on `conn` (a server-side cursor lives in one)."""
    geom = sql.Identifier(layer.geometry_column)
    shape = sql.SQL("ST_ForcePolygonCCW({})").format(geom) if layer.spec.geometry == "Polygon" else geom
    where, params = sql.SQL(""), {"prec": int(precision)}
    if bounds is not None:
        west, south, east, north = clip_bounds(bounds)
        where = sql.SQL(" WHERE {} && ST_MakeEnvelope(%(w)s, %(s)s, %(e)s, %(n)s, 4326)").format(geom)
        params |= {"w": west, "s": south, "e": east, "n": north}
    query = sql.SQL(
        "SELECT CASE WHEN {g} IS NULL OR ST_IsEmpty({g}) THEN NULL ELSE ST_AsGeoJSON({shape}, %(prec)s, 0) END"
        "{attrs} FROM {src}{where}"
    ).format(
        g=geom,
        shape=shape,
        attrs=sql.SQL("").join(sql.SQL(", ") + sql.Identifier(a) for a in layer.attributes),
        src=sql.Identifier(layer.schema, layer.table),
        where=where,
    )
    provenance = layer.provenance
    yield '{"type":"FeatureCollection","features":['
    first = True
    with conn.transaction(), conn.cursor(name=f"export_{layer.spec.id}") as cursor:
        cursor.itersize = ITERSIZE
        cursor.execute(query, params)
        for row in cursor:
            properties = {LAYER_KEY: layer.spec.id} | dict(zip(layer.attributes, map(_plain, row[1:]))) | provenance
            head = '{"type":"Feature","properties":'
            text = head + json.dumps(properties, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
            text += ',"geometry":' + (row[0] if row[0] is not None else "null") + "}"
            yield ("" if first else ",\n") + text
            first = False
    yield "]}\n"
