"""Every export format re-read by an independent reader and compared with the source."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely
from PIL import Image

from geo.exporting.csv import FORMULA_STARTS
from geo.exporting.export import EXPORT_FORMATS, export
from geo.exporting.geojson import json_value
from geo.importing.pipeline import import_file
from geo.load import Layer
from tests import files
from tests.rfc7946 import problems, strict_loads

NOW = dt.datetime(2026, 11, 23, 14, 30, tzinfo=dt.UTC)
MISSION = ("migration_routes", "darien_national_park", "patrol_zones", "reception_communities")


@pytest.fixture(scope="module")
def mission(bundled):
    return [layer for layer in bundled if layer.spec.id in MISSION]


def same_geometry(a, b, tolerance=1e-6) -> bool:
    """Equal vertex by vertex, reading a one-part Multi* (as GDAL writes mixed layers) as its part."""

    def unwrap(g):
        return g.geoms[0] if g.geom_type.startswith("Multi") and len(g.geoms) == 1 else g

    return shapely.equals_exact(shapely.normalize(unwrap(a)), shapely.normalize(unwrap(b)), tolerance=tolerance)


def values(layer: Layer) -> list[dict]:
    return [{k: json_value(v) for k, v in r.items()} for r in layer.frame.drop(columns="geometry").to_dict("records")]


@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
def test_every_format_is_named_for_its_content_and_time(mission, fmt):
    result = export(mission, fmt, "en", now=NOW)
    extension = EXPORT_FORMATS[fmt][0]
    if fmt in ("png", "pdf"):  # a print map is named by its map ID (tests/exporting/test_print.py)
        assert result.filename == f"COL-PAN_darien_corridor_A4_20261123.{extension}"
    else:
        assert result.filename == f"darien-corridor_4-layers_20261123-1430.{extension}"
    assert len(result.data) > 100


def test_geojson_export_is_rfc7946_with_layer_provenance(mission):
    doc = strict_loads(export(mission, "geojson", "en", now=NOW).data.decode())
    assert problems(doc) == []
    assert [m["id"] for m in doc["layers"]] == [layer.spec.id for layer in mission]
    assert doc["generated"] == "2026-11-23T14:30:00+00:00"


def test_geopackage_has_one_table_per_layer_with_its_metadata(mission, tmp_path):
    path = tmp_path / "x.gpkg"
    path.write_bytes(export(mission, "gpkg", "en", now=NOW).data)
    assert sorted(name for name, _ in pyogrio.list_layers(path)) == sorted(MISSION)
    for layer in mission:
        reread = pyogrio.read_dataframe(path, layer=layer.spec.id, datetime_as_string=True)
        assert len(reread) == len(layer.frame)
        for got, want in zip(reread.drop(columns="geometry").to_dict("records"), values(layer)):
            assert {k: json_value(v) for k, v in got.items()} == want
        assert all(same_geometry(a, b) for a, b in zip(reread.geometry, layer.frame.geometry))
        meta = pyogrio.read_info(path, layer=layer.spec.id)["layer_metadata"]
        assert meta["source"] == layer.spec.source and meta["licence"] == layer.spec.licence
        assert meta["generated"] == "2026-11-23T14:30:00+00:00"
    assert (
        "Approximate, not an official boundary."
        in pyogrio.read_info(path, layer="darien_national_park")["layer_metadata"]["caveat"]
    )


def test_kml_has_a_folder_per_layer_styles_and_every_attribute(mission, tmp_path):
    data = export(mission, "kml", "en", now=NOW).data
    path = tmp_path / "x.kml"
    path.write_bytes(data)
    folders = [name for name, _ in pyogrio.list_layers(path)]
    assert folders == [layer.spec.title["en"] for layer in mission]
    routes = pyogrio.read_dataframe(path, layer="Migration routes")
    source = next(layer for layer in mission if layer.spec.id == "migration_routes")
    assert len(routes) == len(source.frame)
    assert routes["segment_id"].tolist() == source.frame["segment_id"].tolist()
    assert routes["caveat"].tolist() == source.frame["caveat"].tolist()
    assert all(same_geometry(shapely.force_2d(a), b, 1e-6) for a, b in zip(routes.geometry, source.frame.geometry))
    text = data.decode()
    assert "<color>ffac6e00</color>" in text  # the boat colour #006eac, as KML's aabbggrr
    assert "illustrative scenario, not real patrol sectors" in text


def test_csv_is_spreadsheet_safe_and_re_reads_to_the_same_values(mission):
    hostile = Layer(
        mission[0].spec,
        mission[0].frame.assign(source=['=HYPERLINK("http://evil")', *mission[0].frame["source"].tolist()[1:]]),
    )
    layers = [hostile, *mission[1:]]
    text = export(layers, "csv", "en", now=NOW).data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == sum(len(layer.frame) for layer in layers)
    assert rows[0]["source"] == '\'=HYPERLINK("http://evil")'
    assert not any(v.startswith(("=", "+", "@")) for row in rows for v in row.values())
    by_layer = {layer.spec.id: layer for layer in layers}
    for row, (layer_id, record, geom) in zip(
        rows, ((layer.spec.id, r, g) for layer in layers for r, g in zip(values(layer), layer.frame.geometry))
    ):
        assert row["layer"] == layer_id
        for key, value in record.items():
            cell = row[key]
            if isinstance(value, str) and value.startswith(FORMULA_STARTS):
                assert cell == "'" + value
            else:
                assert cell == ("" if value is None else str(value)), (layer_id, key)
        assert same_geometry(shapely.from_wkt(row["wkt"]), geom, 1e-6)
        if geom.geom_type == "Point":
            assert (float(row["lon"]), float(row["lat"])) == (geom.x, geom.y)
    assert set(by_layer) == {r["layer"] for r in rows}


def test_shapefile_zip_splits_by_type_shortens_names_and_says_so(tmp_path):
    mixed = import_file(
        files.feature_collection(
            files.feature(
                {"type": "Point", "coordinates": [-77.5, 8.2]}, a_very_long_field_name="p", another_long_field_x="1"
            ),
            files.feature({"type": "LineString", "coordinates": [[-77, 8], [-77.1, 8.1]]}, a_very_long_field_name="l"),
        ),
        "mixed.geojson",
    ).layers
    merged = Layer(
        mixed[0].spec,
        gpd.GeoDataFrame(__import__("pandas").concat([layer.frame for layer in mixed], ignore_index=True), crs=4326),
    )
    result = export([merged], "shapefile", "en", now=NOW)
    archive = zipfile.ZipFile(io.BytesIO(result.data))
    names = set(archive.namelist())
    stem = merged.spec.id
    assert {f"{stem}_point.shp", f"{stem}_linestring.shp", "field_names.csv", "README.txt"} <= names
    archive.extractall(tmp_path)
    points = pyogrio.read_dataframe(tmp_path / f"{stem}_point.shp")
    lines = pyogrio.read_dataframe(tmp_path / f"{stem}_linestring.shp")
    assert points["a_very_lon"].tolist() == ["p"] and lines["a_very_lon"].tolist() == ["l"]
    mapping = list(csv.DictReader(io.StringIO(archive.read("field_names.csv").decode())))
    assert {(m["original_field"], m["shapefile_field"]) for m in mapping} >= {
        ("a_very_long_field_name", "a_very_lon"),
        ("another_long_field_x", "another_lo"),
    }
    kinds = {c["change"] for c in result.changes}
    assert {"field_renamed", "split_by_type"} <= kinds


def test_shapefile_of_bundled_layers_reports_truncated_texts(bundled, tmp_path):
    communities = [layer for layer in bundled if layer.spec.id == "reception_communities"]
    result = export(communities, "shapefile", "en", now=NOW)
    truncated = [c for c in result.changes if c["change"] == "text_truncated"]
    # Every text longer than a dBASE field holds (254 bytes in UTF-8), field by field, with its length.
    frame = communities[0].frame
    longest = {
        column: max((len(v.encode("utf-8")) for v in frame[column] if isinstance(v, str)), default=0)
        for column in frame.columns
        if column != "geometry"
    }
    expected = [
        {"change": "text_truncated", "layer": "reception_communities", "field": column, "bytes": n}
        for column, n in longest.items()
        if n > 254
    ]
    assert truncated == expected
    # The data of record cites in full (publisher, title, date, URL): sources and period sources are long.
    assert {"source", "placed_from", "valid_from_source", "valid_to_source"} <= {c["field"] for c in truncated}
    zipfile.ZipFile(io.BytesIO(result.data)).extractall(tmp_path)
    reread = pyogrio.read_dataframe(tmp_path / "reception_communities.shp")
    assert reread["name"].tolist() == frame["name"].tolist()
    short = {c["old"]: c["new"] for c in result.changes if c["change"] == "field_renamed"}
    for column in (c["field"] for c in truncated):
        for cut, whole in zip(reread[short.get(column, column)], frame[column]):
            if isinstance(whole, str):  # cut at 254 bytes, never rewritten
                assert len(cut.encode("utf-8")) <= 254 and whole.startswith(cut)
    readme = (tmp_path / "README.txt").read_text()
    assert "GeoNames" in readme and "Generated on 2026-11-23 14:30 UTC" in readme


@pytest.mark.parametrize("size", [(800, 600), (1600, 1130)])
def test_print_png_has_the_size_asked_and_is_not_blank(mission, size):
    image = Image.open(io.BytesIO(export(mission, "png", "en", now=NOW, print_size=size).data))
    assert image.size == size
    pixels = np.asarray(image.convert("RGB"))
    assert len(np.unique(pixels.reshape(-1, 3), axis=0)) > 100
    assert pixels.std() > 20


def test_print_pdf_is_a_pdf(mission):
    data = export(mission, "pdf", "es", now=NOW).data
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]
