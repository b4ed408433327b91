"""The embedded store's file is a valid GeoPackage that GDAL opens, with what was saved in it."""

from __future__ import annotations

import json
import sqlite3
import struct

import geopandas as gpd
import pyogrio
import pytest
import shapely

from geo.store import open_store
from geo.store.sqlite import from_gpkg, from_gpkg_many, to_gpkg, to_gpkg_many
from tests.store.conftest import every_type_frame, every_type_layer, small_layer

GEOMETRIES = [
    shapely.Point(-77.5, 8.2),
    shapely.Point(-77.5, 8.2, 30.0),
    shapely.LineString([(-77, 8), (-76, 9)]),
    shapely.Polygon(
        [(-77, 8), (-76, 8), (-76, 9), (-77, 8)], [[(-76.9, 8.1), (-76.2, 8.1), (-76.2, 8.6), (-76.9, 8.1)]]
    ),
    shapely.MultiPolygon([shapely.box(0, 0, 1, 1), shapely.box(2, 2, 3, 3)]),
    shapely.MultiLineString([[(0, 0, 1), (1, 1, 2)]]),
    shapely.GeometryCollection([shapely.Point(0, 0), shapely.LineString([(0, 0), (1, 1)])]),
    shapely.Point(),
    shapely.Polygon(),
]


@pytest.mark.parametrize("geom", GEOMETRIES, ids=lambda g: g.wkt[:30])
def test_a_geometry_round_trips_through_a_geopackage_blob(geom):
    blob = to_gpkg(geom)
    assert blob[:3] == b"GP\x00"
    assert struct.unpack("<i", blob[4:8])[0] == 4326
    back = from_gpkg(blob)
    assert back.geom_type == geom.geom_type and back.has_z == geom.has_z
    assert back.is_empty == geom.is_empty
    if not geom.is_empty:
        assert back.equals_exact(geom, 0)
        minx, maxx, miny, maxy = struct.unpack("<4d", blob[8:40])
        assert (minx, miny, maxx, maxy) == geom.bounds
    else:
        assert blob[3] & 0b1_0000  # the empty flag


def test_no_geometry_is_stored_as_null():
    assert to_gpkg(None) is None and from_gpkg(None) is None


def test_the_store_file_is_a_geopackage_gdal_reads_and_sqlite_finds_intact(tmp_path):
    path = tmp_path / "workspaces.gpkg"
    store = open_store(str(path))
    snap = store.create({})
    store.add_layer(snap.tokens.edit, 1, every_type_layer())
    store.add_layer(snap.tokens.edit, 2, small_layer(n=4))
    store.close()

    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47  # 'GPKG'
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()

    layers = dict(pyogrio.list_layers(path))
    assert layers["workspace_features"] == "Unknown"  # any geometry type
    info = pyogrio.read_info(path, layer="workspace_features")
    assert info["crs"] == "EPSG:4326" and info["features"] == len(every_type_frame()) + 4
    frame = gpd.read_file(path, layer="workspace_features")
    expected = list(every_type_frame().geometry) + [shapely.Point(-77 + i * 1e-3, 8) for i in range(4)]
    assert frame.crs.to_epsg() == 4326
    for got, want in zip(frame.geometry, expected):
        assert (got is None and want is None) or got.equals_exact(want, 0)
    assert any(g is not None and g.has_z for g in frame.geometry)  # Z kept in the file too


def test_durability_settings_are_on(tmp_path):
    store = open_store(str(tmp_path / "w.gpkg"))
    conn = store._conn()
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    store.close()


def test_the_default_place_is_var_workspaces_gpkg_and_darien_store_overrides_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DARIEN_STORE", raising=False)
    store = open_store()
    assert store.kind == "sqlite" and (tmp_path / "var" / "workspaces.gpkg").is_file()
    store.close()
    monkeypatch.setenv("DARIEN_STORE", str(tmp_path / "elsewhere" / "team.gpkg"))
    store = open_store()
    assert (tmp_path / "elsewhere" / "team.gpkg").is_file()
    store.close()


def test_a_layer_at_a_time_gives_the_same_blobs_as_one_at_a_time():
    geoms = [*GEOMETRIES, None, shapely.Point(1, 2)]
    assert to_gpkg_many(geoms) == [to_gpkg(g) for g in geoms]
    assert to_gpkg_many([None, None]) == [None, None] and to_gpkg_many([]) == []
    blobs = to_gpkg_many(geoms)
    back = from_gpkg_many(blobs)
    assert [None if g is None else g.wkb for g in back] == [None if b is None else from_gpkg(b).wkb for b in blobs]


def test_a_gis_user_reading_the_file_sees_attributes_by_name(tmp_path):
    path = tmp_path / "w.gpkg"
    store = open_store(str(path))
    snap = store.create({})
    store.add_layer(snap.tokens.edit, 1, every_type_layer(marker="unique-7f3a"))
    store.close()
    frame = gpd.read_file(path, layer="workspace_features")
    first = json.loads(frame["properties"][0])
    assert first["name"] == "unique-7f3a" and first["count"] == 1 and first["licence"] == "CC BY 4.0"
    assert first["when"] == {"$": "date", "v": "2024-02-29"}
