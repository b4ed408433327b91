"""A fresh PostGIS database per test module (on the session's throwaway cluster), with a small
point table and a line table in the corridor, and their layers as the configuration declares them."""

from __future__ import annotations

import itertools

import psycopg
import pytest

from geo.database.config import parse_layer
from geo.database.overviews import ensure_overviews

_serial = itertools.count()

POINTS_SQL = """
CREATE TABLE public.survey_points (id serial PRIMARY KEY, name text, kind text, geom geometry(Point, 4326));
CREATE INDEX ON public.survey_points USING gist (geom);
CREATE TABLE public.tracks (id serial PRIMARY KEY, name text, geom geometry(LineString, 4326));
CREATE INDEX ON public.tracks USING gist (geom);
CREATE TABLE public.zones (id serial PRIMARY KEY, name text, score float8, geom geometry(Polygon, 4326));
CREATE INDEX ON public.zones USING gist (geom);
"""


def layer_entry(**changes) -> dict:
    entry = {
        "id": "survey_points",
        "title": {"es": "Puntos de encuesta", "en": "Survey points"},
        "table": "public.survey_points",
        "geometry_column": "geom",
        "geometry": "Point",
        "attributes": ["name", "kind"],
        "source": "Test survey",
        "licence": "CC BY 4.0",
        "confidence": "reported",
    }
    return entry | changes


TRACKS = {
    "id": "tracks",
    "title": {"es": "Trazas", "en": "Tracks"},
    "table": "public.tracks",
    "geometry_column": "geom",
    "geometry": "LineString",
    "attributes": ["name"],
    "source": "Test tracks",
    "licence": "CC BY 4.0",
    "confidence": "approximate",
}


ZONES = {
    "id": "zones",
    "title": {"es": "Zonas", "en": "Zones"},
    "table": "public.zones",
    "geometry_column": "geom",
    "geometry": "Polygon",
    "attributes": ["name", "score"],
    "source": "Test zones",
    "licence": "CC BY 4.0",
    "confidence": "illustrative",
}


@pytest.fixture(scope="module")
def db_url(postgis):
    url = postgis.create_database(f"layers_{next(_serial)}")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(POINTS_SQL)
        ensure_overviews(conn, parse_layer(layer_entry()))  # as the app's setup does: triggers from now on
    return url


@pytest.fixture
def conn(db_url):
    with psycopg.connect(db_url, autocommit=True) as connection:
        yield connection


@pytest.fixture(scope="module")
def points_layer():
    return parse_layer(layer_entry())


@pytest.fixture(scope="module")
def tracks_layer():
    return parse_layer(TRACKS)


@pytest.fixture(scope="module")
def zones_layer():
    return parse_layer(ZONES)
