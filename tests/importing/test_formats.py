"""Each importable format, read through the sandboxed worker, round-trips to GeoJSON."""

from __future__ import annotations

import json

import pytest
import shapely

from geo.errors import ImportNeedsChoice
from geo.exporting.export import geojson_export
from geo.importing.detect import detect
from geo.importing.formats import ReadOptions
from geo.importing.pipeline import Decisions, import_file, inspect_file
from tests import files
from tests.rfc7946 import problems, strict_loads


def exported(result) -> list[dict]:
    doc = strict_loads(geojson_export(result.layers, "en")[1])
    assert problems(doc) == []
    return doc["features"]


def assert_same(features, frame, fields):
    assert len(features) == len(frame)
    for feature, (_, row) in zip(features, frame.iterrows()):
        for field in fields:
            assert feature["properties"][field] == row[field], field
        got = shapely.geometry.shape(feature["geometry"])
        assert shapely.equals_exact(got, row.geometry, tolerance=1e-6)


def test_geojson_round_trip_keeps_values_exactly():
    result = import_file(files.geojson_bytes(), "puestos.geojson")
    features = exported(result)
    assert_same(features, files.SAMPLE, ["name", "code", "count"])
    assert features[2]["properties"]["name"] == "{{ 7*7 }}"
    assert features[0]["properties"]["code"] == "007"


def test_geopackage_offers_its_layers_and_reads_the_chosen_one(tmp_path):
    data = files.gpkg_bytes(tmp_path, {"posts": files.SAMPLE, "parks": files.SAMPLE_POLYGONS})
    assert detect(data) == "gpkg"
    assert sorted(inspect_file(data).layers) == ["parks", "posts"]
    with pytest.raises(ImportNeedsChoice, match="2 layers"):
        import_file(data, "layers.gpkg")
    result = import_file(data, "layers.gpkg", ReadOptions(layer="parks"))
    assert_same(exported(result), files.SAMPLE_POLYGONS, ["name", "area_src"])


def test_zipped_shapefile_in_a_folder_with_macos_noise(tmp_path):
    parts = files.shapefile_parts(tmp_path, files.SAMPLE)
    archive = {f"export/{n}": b for n, b in parts.items()} | {"__MACOSX/export/._sectors.shp": b"\x00\x05junk"}
    result = import_file(files.zip_of(archive), "sectors.zip")
    assert_same(exported(result), files.SAMPLE, ["name", "code"])
    assert [f["properties"]["count"] for f in exported(result)] == [3, 0, 12]


def test_a_zip_with_two_shapefiles_asks_which(tmp_path):
    both = files.shapefile_parts(tmp_path, files.SAMPLE, "posts") | files.shapefile_parts(
        tmp_path, files.SAMPLE_LINES, "tracks"
    )
    data = files.zip_of(both)
    assert inspect_file(data).layers == ["posts", "tracks"]
    with pytest.raises(ImportNeedsChoice, match="choose one: posts, tracks") as asked:
        import_file(data, "two.zip")
    # asked in the sandboxed reader, and still in the user's language when it reaches the app
    assert asked.value.message("es") == "el archivo contiene 2 capas; elija una: posts, tracks"
    result = import_file(data, "two.zip", ReadOptions(layer="tracks"))
    assert_same(exported(result), files.SAMPLE_LINES, ["name"])


def test_kml_and_kmz(tmp_path):
    kml = files.kml_bytes(tmp_path)
    for data, name in ((kml, "x.kml"), (files.zip_of({"doc.kml": kml}), "x.kmz")):
        result = import_file(data, name)
        features = exported(result)
        assert [f["properties"]["Name"] for f in features] == files.SAMPLE["name"].tolist()


def test_gpx_tracks(tmp_path):
    data = files.gpx_bytes(tmp_path)
    assert detect(data) == "gpx"
    assert inspect_file(data).layers == ["tracks", "track_points"]  # only layers holding features
    features = exported(import_file(data, "walk.gpx", ReadOptions(layer="tracks")))
    assert [f["properties"]["name"] for f in features] == ["track 1", "track 2"]
    assert features[0]["geometry"]["type"] == "MultiLineString"


def test_csv_with_latitude_longitude_columns_detected_and_kept_as_text():
    data = "nombre;latitud;longitud;código\nA;8,30;-77,60;007\nB;8.1;-77.4;010\n".encode()
    inspection = inspect_file(data)
    assert (inspection.guess.lat_column, inspection.guess.lon_column) == ("latitud", "longitud")
    features = exported(import_file(data, "puntos.csv"))
    assert [f["geometry"]["coordinates"] for f in features] == [[-77.6, 8.3], [-77.4, 8.1]]
    assert [f["properties"]["código"] for f in features] == ["007", "010"]
    assert [f["properties"]["latitud"] for f in features] == ["8,30", "8.1"]  # the cell as written


def test_csv_with_a_wkt_column_and_chosen_columns():
    data = b'id,shape\n1,"LINESTRING (-77.6 8.3, -77.4 8.2)"\n2,"POINT (-77.5 8.5)"\n'
    assert inspect_file(data).guess.wkt_column == "shape"
    result = import_file(data, "wkt.csv", ReadOptions(wkt_column="shape"))
    assert sorted(layer.spec.geometry for layer in result.layers) == ["LineString", "Point"]


def test_csv_without_recognisable_columns_is_a_table_until_columns_are_chosen():
    assert import_file(b"a,b\n1,2\n", "plain.csv").tables[0].frame["b"].tolist() == ["2"]
    result = import_file(b"a,b\n-77.5,8.2\n", "plain.csv", ReadOptions(lon_column="a", lat_column="b"))
    assert result.layers[0].frame.geometry.iloc[0].equals(shapely.Point(-77.5, 8.2))


def test_provenance_is_added_only_where_missing_and_said():
    mine = files.feature_collection(
        files.feature(
            {"type": "Point", "coordinates": [-77.5, 8.2]}, name="a", source="my survey", confidence="official"
        ),
        files.feature({"type": "Point", "coordinates": [-77.6, 8.3]}, name="b"),
    )
    result = import_file(mine, "survey.geojson", decisions=Decisions(confidence="approximate"))
    frame = result.layers[0].frame
    assert frame["source"].tolist() == ["my survey", "Uploaded file: survey.geojson"]
    assert frame["confidence"].tolist() == ["official", "approximate"]
    assert result.after.find("provenance_added").message("en") == (
        "Provenance filled in where missing (features): source (1), confidence (1), licence (2)."
    )


def test_python_api_result_is_json_serialisable_report():
    result = import_file(files.geojson_bytes(), "x.geojson")
    json.dumps(result.report.summary("es"))
    assert result.layers[0].spec.origin == "user" and result.layers[0].spec.id.startswith("user_1_0_")
