"""Find a place: names folded (accents, case, punctuation), ranked exact > prefix > substring, the
built gazetteer's provenance complete on every row, and a user's own layer searched by its names."""

from __future__ import annotations

import dataclasses

import geopandas as gpd
import pandas as pd
import pytest
from shapely import LineString, Point

from geo.load import Layer
from geo.measure import CORRIDOR_BOUNDS, GEOD
from geo.search import EXACT, GAZETTEER, PREFIX, SUBSTRING, Place, load_gazetteer, normalise, rank, search
from scripts import gazetteer
from tests.specs import user_spec


@pytest.fixture(scope="module")
def places():
    return load_gazetteer()


@pytest.fixture(scope="module")
def table():
    return pd.read_csv(GAZETTEER, dtype=str, keep_default_na=False)


def place(name, *alt, kind="town", origin="bundled"):
    return Place(name, kind, -77.5, 8.5, (-77.5, 8.5, -77.5, 8.5), "test", "CC0", alt_names=alt, origin=origin)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Canaán Membrillo", "canaan membrillo"),
        ("DARIÉN", "darien"),
        ("  Necoclí ", "necocli"),
        ("Emberá-Wounaan", "embera wounaan"),
        ("Puerto  Obaldía", "puerto obaldia"),
        ("Ñuñoa", "nunoa"),
        ("", ""),
        (None, ""),
    ],
)
def test_names_are_compared_without_accents_case_or_punctuation(text, folded):
    assert normalise(text) == folded


@pytest.mark.parametrize(
    ("query", "names", "expected"),
    [
        ("yaviza", ["Yaviza"], EXACT),
        ("YAVÍZA", ["Yaviza"], EXACT),
        ("yav", ["Yaviza"], PREFIX),
        ("membrillo", ["Canaán Membrillo"], PREFIX),  # the start of a word
        ("aviza", ["Yaviza"], SUBSTRING),
        ("obaldia", ["Puerto Obaldía", "Obaldia"], EXACT),  # the best of its names
        ("zz", ["Yaviza"], None),
        ("  ", ["Yaviza"], None),
    ],
)
def test_rank(query, names, expected):
    assert rank(query, names) == expected


def test_exact_before_prefix_before_substring_then_bundled_before_geonames():
    candidates = [
        place("Copalmar"),  # substring
        place("Palmarito", origin="gazetteer"),  # prefix, GeoNames
        place("Palma Real"),  # prefix, bundled
        place("La Palma", "Palma"),  # exact through an alternate name
    ]
    assert [p.name for p in search("palma", candidates)] == ["La Palma", "Palma Real", "Palmarito", "Copalmar"]
    assert [p.name for p in search("palma", candidates, limit=2)] == ["La Palma", "Palma Real"]
    assert search("palma", candidates, kinds={"river"}) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("canaan", "Canaán Membrillo"),
        ("CANAÁN", "Canaán Membrillo"),
        ("bajo chiquito", "Bajo Chiquito"),
        ("necocli", "Necoclí"),
        ("darien national park", "Parque Nacional Darién"),
        ("parque nacional darien", "Parque Nacional Darién"),
        ("los katios", "Parque Nacional Natural Los Katíos"),
        ("atrato river", "Atrato"),
        ("embera wounaan", "Comarca Emberá-Wounaan"),
        ("guna yala", "Comarca Guna Yala"),
        ("erm san vicente", "Estación de Recepción Migratoria San Vicente"),
        ("darien province", "Darién"),
        ("panama city", "Panama City"),
        ("ciudad de panama", "Panama City"),
    ],
)
def test_the_corridors_places_are_found_in_either_language(places, query, expected):
    found = search(query, places)
    assert found and found[0].name == expected, [p.name for p in found]


def test_geonames_adds_places_no_bundled_layer_draws(places):
    found = search("puerto pina", places)
    assert found and found[0].origin == "gazetteer" and found[0].kind == "populated_place"
    assert "geonames.org/" in found[0].source and found[0].licence == "CC BY 4.0 (GeoNames)"


def test_every_gazetteer_row_names_its_source_and_licence_and_lies_in_the_corridor(table):
    minx, miny, maxx, maxy = CORRIDOR_BOUNDS
    assert table["id"].is_unique
    for row in table.to_dict("records"):
        assert row["name"] and row["kind"] and row["source"] and row["licence"], row["id"]
        assert row["confidence"] in ("reported", "approximate", "official"), row["id"]
        assert minx <= float(row["lon"]) <= maxx and miny <= float(row["lat"]) <= maxy, row["id"]
        west, south, east, north = (float(row[c]) for c in ("west", "south", "east", "north"))
        assert west <= float(row["lon"]) <= east and south <= float(row["lat"]) <= north, row["id"]
        if row["layer"]:
            assert row["id"] == f"{row['layer']}:{row['feature']}"
        else:
            geonameid = row["id"].removeprefix("geonames:")
            assert f"https://www.geonames.org/{geonameid};" in row["source"]
            assert "cities500" in row["source"] and row["licence"] == "CC BY 4.0 (GeoNames)"
    kinds = set(table["kind"])
    assert {"town", "indigenous_community", "reception_station", "river", "park", "province", "comarca"} <= kinds
    assert (table["layer"] == "").sum() > 100  # GeoNames brings the corridor's villages


def test_a_bundled_entry_is_the_feature_it_points_at_and_no_geonames_entry_repeats_it(bundled, places):
    frames = {layer.spec.id: layer.frame for layer in bundled}
    for p in places:
        if p.origin != "bundled":
            continue
        row = frames[p.layer].iloc[p.feature]
        assert row["name"] == p.name and row["source"] in p.source
        assert row.geometry.buffer(1e-4).covers(Point(p.lon, p.lat))
    bundled_places = [p for p in places if p.origin == "bundled"]
    for p in (p for p in places if p.origin == "gazetteer"):
        for q in bundled_places:
            if normalise(q.name) in {normalise(n) for n in p.names}:
                km = GEOD.inv(p.lon, p.lat, q.lon, q.lat)[2] / 1000
                assert km > gazetteer.DUPLICATE_KM, (p.name, q.name)


def test_the_alternate_names_file_only_names_real_features():
    names = pd.read_csv(gazetteer.SOURCES_NAMES, dtype=str, keep_default_na=False)
    broken = names.assign(name="No such place")
    with pytest.raises(SystemExit, match="No such place"):
        gazetteer.bundled_entries(gazetteer.bundled_frames(), broken, lambda ids: ids)


def user_layer(frame) -> Layer:
    spec = dataclasses.replace(
        user_spec("user_1", "Point"), title={"es": "encuesta", "en": "survey"}, tooltip=("Nombre",)
    )
    return Layer(spec, frame)


def test_a_users_layer_is_searched_by_its_name_column():
    from geo.search import user_places

    frame = gpd.GeoDataFrame(
        {
            "id": [1, 2, 3],
            "Nombre": ["Albergue Ñeque", None, "Punto de agua"],
            "source": ["Uploaded file: a.csv"] * 3,
            "licence": ["as stated"] * 3,
        },
        geometry=[Point(-77.7, 8.2), Point(-77.6, 8.3), LineString([(-77.5, 8.0), (-77.3, 8.0)])],
        crs=4326,
    )
    found = user_places(user_layer(frame))
    assert [(p.name, p.feature) for p in found] == [("Albergue Ñeque", 0), ("Punto de agua", 2)]
    line = found[1]
    assert line.bbox == (-77.5, 8.0, -77.3, 8.0) and line.origin == "user" and line.layer == "user_1"
    assert line.source == "Uploaded file: a.csv"
    assert [p.name for p in search("neque", found)] == ["Albergue Ñeque"]
