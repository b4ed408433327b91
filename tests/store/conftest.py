"""The `store` fixture: every behaviour test of tests/store runs on BOTH backends.

"sqlite": a GeoPackage file in the test's tmp_path; "postgis": a fresh database per test on the
throwaway cluster of the session fixture `postgis` (tests/conftest.py), which FAILS the test
when PostgreSQL or PostGIS is missing: never a skip.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo.load import Layer
from geo.store import open_store
from tests.specs import user_spec

BACKENDS = ("sqlite", "postgis")
ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(params=BACKENDS)
def target(request, tmp_path):
    """Where a store lives: a file path or a postgresql:// URL of a database of its own."""
    if request.param == "sqlite":
        yield str(tmp_path / "workspaces.gpkg")
        return
    cluster = request.getfixturevalue("postgis")
    name = f"ws_{uuid.uuid4().hex[:16]}"
    url = cluster.create_database(name)
    yield url
    cluster.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', database="postgres")


@pytest.fixture
def store(target):
    opened = open_store(target)
    yield opened
    opened.close()


def sql_rows(target: str, query: str) -> list[tuple]:
    """Read the store's tables directly (the tests' look behind the API)."""
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target) as conn:
            return conn.execute(query).fetchall()
    import sqlite3

    conn = sqlite3.connect(target)
    try:
        return conn.execute(query).fetchall()
    finally:
        conn.close()


NASTY = "'; DROP TABLE workspaces; --"


def every_type_frame(marker: str = "m") -> gpd.GeoDataFrame:
    """Features of every geometry kind (Z included, a missing one) with attributes of every type."""
    geometries = [
        shapely.Point(-77.5, 8.2),
        shapely.Point(-77.4, 8.3, 12.5),
        shapely.LineString([(-77.0, 8.0), (-76.9, 8.1), (-76.8, 8.05)]),
        shapely.LineString([(-77.0, 8.0, 1.0), (-76.9, 8.1, 2.0)]),
        shapely.Polygon([(-77.3, 8.4), (-77.2, 8.4), (-77.2, 8.5), (-77.3, 8.4)], holes=[]),
        shapely.MultiPolygon([shapely.box(-77.6, 7.9, -77.5, 8.0), shapely.box(-77.4, 7.9, -77.35, 7.95)]),
        shapely.MultiPoint([(-77.1, 8.0), (-77.05, 8.02)]),
        shapely.MultiLineString([[(-77.1, 8.0), (-77.0, 8.1)], [(-76.9, 8.2), (-76.8, 8.3)]]),
        None,
    ]
    n = len(geometries)
    return gpd.GeoDataFrame(
        {
            "name": [marker, "ñandú «Darién» 🐆", NASTY, 'say "hi"', "back\\slash", "", "a\nb", "nul\x00char", None],
            "count": pd.array([1, None, -3, 2**53 + 1, 0, 7, 8, 9, 10], dtype="Int64"),
            "big": [2**62, -(2**62), 0, 1, 2, 3, 4, 5, 6],
            "ratio": [1.5, float("nan"), -0.0, 1e-300, 1e300, float("inf"), float("-inf"), 0.1, 2.0],
            "ok": pd.array([True, None, False, True, True, False, None, True, False], dtype="boolean"),
            "flag": [True, False, True, False, True, False, True, False, True],
            "mixed": [1, "1", 1.0, True, None, float("nan"), pd.NA, [1, "a"], {"k": NASTY}],
            "when": [
                dt.date(2024, 2, 29),
                dt.datetime(2024, 1, 2, 3, 4, 5, 678901, tzinfo=dt.UTC),
                dt.datetime(2024, 1, 2, 3, 4, 5),
                pd.Timestamp("2023-12-31T23:59:59-05:00"),
                None,
                "2024-01-01",
                pd.NaT,
                dt.date(1900, 1, 1),
                dt.datetime(2024, 6, 1, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
            ],
            "stamp": pd.to_datetime(
                [
                    "2024-01-01",
                    None,
                    "2024-03-01",
                    "2024-04-01",
                    None,
                    "2024-05-01",
                    "2024-06-01",
                    "2024-07-01",
                    "2024-08-01",
                ]
            ),
            NASTY: ["x"] * n,
            "source": ["survey"] * n,
            "confidence": ["reported"] * n,
            "licence": ["CC BY 4.0"] * n,
        },
        geometry=geometries,
        crs="EPSG:4326",
    )


def every_type_layer(layer_id: str = "user_1_0_survey", marker: str = "m", replaces: str | None = None) -> Layer:
    return Layer(user_spec(layer_id, geometry="Polygon", title=f"Survey {NASTY} ñ"), every_type_frame(marker), replaces)


def small_layer(layer_id: str = "user_2_0_points", n: int = 3, value: str = "v") -> Layer:
    frame = gpd.GeoDataFrame(
        {
            "value": [value] * n,
            "i": list(range(n)),
            "source": ["s"] * n,
            "confidence": ["reported"] * n,
            "licence": ["CC0"] * n,
        },
        geometry=[shapely.Point(-77 + i * 1e-3, 8) for i in range(n)],
        crs="EPSG:4326",
    )
    return Layer(user_spec(layer_id, geometry="Point"), frame)


def assert_same_layer(got: Layer, expected: Layer) -> None:
    """Equal declaration, columns, dtypes, values (each of the same type) and geometries."""
    assert got.spec == expected.spec
    assert got.replaces == expected.replaces
    a, b = got.frame, expected.frame
    assert list(a.columns) == list(b.columns)
    assert a.geometry.name == b.geometry.name
    assert a.crs.to_epsg() == 4326
    assert {c: str(t) for c, t in a.dtypes.items()} == {c: str(t) for c, t in b.dtypes.items()}
    for column in a.columns:
        if column == a.geometry.name:
            for g, h in zip(a.geometry, b.geometry):
                assert (g is None and h is None) or (g.equals_exact(h, 0) and g.has_z == h.has_z), (g, h)
            continue
        for x, y in zip(a[column], b[column]):
            assert type(x) is type(y), (column, x, y)
            assert repr(x) == repr(y), (column, x, y)
