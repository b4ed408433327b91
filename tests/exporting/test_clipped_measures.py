"""A clipped export measures what it holds (#15): a route cut at the edge of the view or of a
drawn area has the length of the piece kept, a polygon the area of its piece, in every format."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile

import pyogrio
import pytest

from geo.exporting.export import export
from geo.measure import geodesic_area_km2, geodesic_length_km
from geo.selection import Filters, what_to_export

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
VIEW = (-77.9, 7.9, -77.3, 8.4)  # west, south, east, north: across the routes and the park's edge


@pytest.fixture(scope="module")
def clipped(bundled):
    chosen = [layer for layer in bundled if layer.spec.id in ("migration_routes", "darien_national_park")]
    layers = what_to_export("view", chosen, Filters(), view=VIEW)
    by_id = {layer.spec.id: layer.frame for layer in layers}
    assert by_id["migration_routes"]["clipped"].any() and by_id["darien_national_park"]["clipped"].any()
    return layers


def expected(layers) -> dict[tuple[str, str], float]:
    """(layer, key) -> the measure of the piece kept, for every cut feature."""
    out = {}
    for layer in layers:
        frame = layer.frame[layer.frame["clipped"]]
        for _, row in frame.iterrows():
            if layer.spec.id == "migration_routes":
                out[("migration_routes", row["segment_id"])] = round(geodesic_length_km(row.geometry), 2)
            else:
                out[(layer.spec.id, row["name"])] = round(geodesic_area_km2(row.geometry), 1)
    return out


def test_the_unclipped_measures_were_of_the_whole_feature(bundled, clipped):
    whole = {layer.spec.id: layer.frame for layer in bundled}
    routes = clipped[[layer.spec.id for layer in clipped].index("migration_routes")].frame
    cut = routes[routes["clipped"]]
    original = whole["migration_routes"].set_index("segment_id").loc[cut["segment_id"], "length_km"]
    assert (cut["length_km"].to_numpy() < original.to_numpy()).all()


def check(got: dict[tuple[str, str], float], layers) -> None:
    want = expected(layers)
    assert want and set(want) <= set(got)
    for key, value in want.items():
        assert got[key] == pytest.approx(value, abs=0.006), key


def key_of(layer_id: str, record: dict) -> tuple[str, str]:
    if layer_id == "migration_routes":
        return (layer_id, record["segment_id"])
    return (layer_id, record.get("name", record.get("Name")))  # KML keeps a feature's name as <name>


def measure_of(layer_id: str, record: dict) -> float:
    return float(record["length_km"] if layer_id == "migration_routes" else record["area_km2"])


def test_geojson(clipped):
    doc = json.loads(export(clipped, "geojson", "en", now=NOW).data)
    got = {}
    for feature in doc["features"]:
        p = feature["properties"]
        got[key_of(p["layer"], p)] = measure_of(p["layer"], p)
    check(got, clipped)


@pytest.mark.parametrize("fmt", ["gpkg", "kml"])
def test_gdal_formats(clipped, fmt, tmp_path):
    path = tmp_path / f"x.{fmt}"
    path.write_bytes(export(clipped, fmt, "en", now=NOW).data)
    got = {}
    for layer in clipped:
        name = layer.spec.id if fmt == "gpkg" else layer.spec.title["en"]
        for record in pyogrio.read_dataframe(path, layer=name).drop(columns="geometry").to_dict("records"):
            got[key_of(layer.spec.id, record)] = measure_of(layer.spec.id, record)
    check(got, clipped)


def test_csv(clipped):
    rows = csv.DictReader(io.StringIO(export(clipped, "csv", "en", now=NOW).data.decode("utf-8-sig")))
    check({key_of(r["layer"], r): measure_of(r["layer"], r) for r in rows}, clipped)


def test_shapefile(clipped, tmp_path):
    path = tmp_path / "x.zip"
    path.write_bytes(export(clipped, "shapefile", "en", now=NOW).data)
    got = {}
    for member in zipfile.ZipFile(path).namelist():
        if not member.endswith(".shp"):
            continue
        frame = pyogrio.read_dataframe(f"/vsizip/{path}/{member}")
        layer_id = "migration_routes" if "segment_id" in frame.columns else "darien_national_park"
        for record in frame.drop(columns="geometry").to_dict("records"):
            got[key_of(layer_id, record)] = measure_of(layer_id, record)
    check(got, clipped)


def test_html(clipped):
    page = export(clipped, "html", "en", now=NOW).data.decode()
    infos = [json.loads(m) for m in re.findall(r"= window\.dcOnEachFeature\((\{.*?\})\);\n", page)]
    got = {}
    for info, layer in zip(infos, clipped):
        for record in info["properties"]:
            got[key_of(layer.spec.id, record)] = measure_of(layer.spec.id, record)
    check(got, clipped)
