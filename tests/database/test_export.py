"""A database layer exported as RFC 7946 GeoJSON, streamed from a server-side cursor."""

from __future__ import annotations

import pyogrio
import pytest
import shapely

from geo.database.export import ITERSIZE, stream_geojson
from tests.rfc7946 import problems, signed_area, strict_loads


@pytest.fixture
def zones(conn):
    conn.execute("TRUNCATE zones")
    # Clockwise exterior ring (against RFC 7946) with a counter-clockwise hole; a NaN score; an empty one.
    conn.execute(
        "INSERT INTO zones (name, score, geom) VALUES"
        " ('cw', 'NaN', ST_GeomFromText('POLYGON((-78 8, -78 8.5, -77.5 8.5, -77.5 8, -78 8),"
        "   (-77.9 8.1, -77.6 8.1, -77.6 8.4, -77.9 8.4, -77.9 8.1))', 4326)),"
        " ('ok', 1.5, ST_GeomFromText('POLYGON((-77 8, -76.5 8, -76.5 8.5, -77 8.5, -77 8))', 4326)),"
        " ('empty', 2, ST_GeomFromText('POLYGON EMPTY', 4326)),"
        " ('x''); DROP TABLE zones; --', 3, ST_GeomFromText('POLYGON((-77 9, -76.9 9, -76.9 9.1, -77 9))', 4326))"
    )
    yield conn
    conn.execute("TRUNCATE zones")


def test_the_stream_is_valid_rfc_7946_with_ccw_exteriors_no_nan_and_no_crs(zones, zones_layer):
    text = "".join(stream_geojson(zones, zones_layer))
    doc = strict_loads(text)
    assert problems(doc) == []
    by_name = {f["properties"]["name"]: f for f in doc["features"]}
    assert set(by_name) == {"cw", "ok", "empty", "x'); DROP TABLE zones; --"}
    exterior, hole = by_name["cw"]["geometry"]["coordinates"]
    assert signed_area(exterior) > 0 > signed_area(hole)
    assert by_name["cw"]["properties"]["score"] is None  # NaN is not JSON
    assert by_name["empty"]["geometry"] is None
    assert by_name["ok"]["properties"] == {
        "layer": "zones",
        "name": "ok",
        "score": 1.5,
        "source": "Test zones",
        "confidence": "illustrative",
        "licence": "CC BY 4.0",
    }
    assert "crs" not in text


def test_the_stream_round_trips_through_a_reader_and_keeps_every_row(zones, zones_layer, tmp_path):
    path = tmp_path / "zones.geojson"
    path.write_text("".join(stream_geojson(zones, zones_layer)), encoding="utf-8")
    frame = pyogrio.read_dataframe(path)
    rows = zones.execute("SELECT name, ST_AsBinary(geom) FROM zones ORDER BY name").fetchall()
    frame = frame.sort_values("name").reset_index(drop=True)
    assert frame["name"].tolist() == [name for name, _ in rows]
    for geometry, (_name, wkb) in zip(frame.geometry, rows):
        original = shapely.from_wkb(wkb)
        if original.is_empty:
            assert geometry is None or geometry.is_empty
        else:
            assert shapely.equals_exact(shapely.normalize(geometry), shapely.normalize(original), 1e-6)


def test_the_stream_reads_rows_from_a_server_side_cursor_in_batches(conn, points_layer):
    conn.execute("TRUNCATE survey_points")
    n = ITERSIZE * 2 + 7
    conn.execute(
        "INSERT INTO survey_points (name, kind, geom) SELECT 'p' || i, 'k',"
        " ST_SetSRID(ST_MakePoint(-78 + i * 0.001, 8), 4326) FROM generate_series(1, %s) i",
        (n,),
    )
    pieces = stream_geojson(conn, points_layer)
    next(pieces), next(pieces)  # the head and the first feature: the cursor is open on the server
    open_cursors = conn.execute("SELECT name FROM pg_cursors").fetchall()  # same session: its own cursors
    assert open_cursors == [("export_survey_points",)]
    rest = list(pieces)
    assert len(rest) == n  # n - 1 features, then the closing piece
    assert conn.execute("SELECT count(*) FROM pg_cursors").fetchone()[0] == 0  # closed at the end
    in_view = strict_loads("".join(stream_geojson(conn, points_layer, bounds=(-78.0, 7.9, -77.4995, 8.1))))
    assert len(in_view["features"]) == 500  # 0.001 degree apart: i = 1..500
    conn.execute("TRUNCATE survey_points")


def test_the_apps_download_writes_the_stream_of_the_view_to_a_file(db_url, zones, zones_layer):
    from geo.database.connect import pool
    from ui.database import _export_file

    connections = pool(db_url)
    try:
        with _export_file(connections, zones_layer, (-78.1, 7.9, -76.4, 8.6)) as out:
            doc = strict_loads(out.read().decode("utf-8"))
    finally:
        connections.close()
    assert problems(doc) == []
    assert {f["properties"]["name"] for f in doc["features"]} == {
        "cw",
        "ok",
    }  # the empty one and the north one: not in view
