"""The validation report: every problem found, feature by feature; nothing dropped unless chosen."""

from __future__ import annotations

import pytest
import shapely

from geo.errors import ImportNeedsChoice
from geo.importing.formats import ReadOptions
from geo.importing.pipeline import Decisions, import_file, preview, read_file
from tests import files

POINT = {"type": "Point", "coordinates": [-77.5, 8.2]}
BOWTIE = {"type": "Polygon", "coordinates": [[[-78, 8], [-77, 9], [-77, 8], [-78, 9], [-78, 8]]]}


def report_of(data: bytes, name="x.geojson", options=None, decisions=None):
    fmt, read = read_file(data, options)
    return preview(fmt, read, name, decisions or Decisions())


def codes(report) -> dict[str, list[int]]:
    return {p.code: p.features for p in report.problems}


def test_invalid_geometry_is_reported_with_its_reason_and_repair_shows_what_changes():
    data = files.feature_collection(files.feature(BOWTIE, name="bow"), files.feature(POINT, name="ok"))
    report, _after, _ = report_of(data)
    problem = report.find("invalid_geometry")
    assert problem.features == [0] and problem.details[0].startswith("Self-intersection")
    assert report.rows("en")[0] == {
        "feature": 1,
        "severity": "warning",
        "problem": "invalid geometry",
        "detail": problem.details[0],
    }
    _report, after, changes = report_of(data, decisions=Decisions(repair=True))
    assert after.find("invalid_geometry") is None
    assert changes[0]["feature"] == 1 and changes[0]["change"].startswith("Polygon → MultiPolygon")
    kept = import_file(data, "x.geojson").layers  # not repaired unless asked: kept as it was
    assert not kept[0].frame.geometry.iloc[0].is_valid


def test_missing_and_empty_geometries_are_kept_not_drawn():
    data = files.feature_collection(
        files.feature(None, name="none"),
        files.feature({"type": "Point", "coordinates": []}, name="empty"),
        files.feature({"type": "Point", "coordinates": 5}, name="broken"),
        files.feature(POINT, name="ok"),
    )
    report, after, _ = report_of(data)
    assert codes(report)["no_geometry"] == [0, 2]
    assert report.find("no_geometry").details[2].startswith("TypeError")
    assert codes(report)["empty_geometry"] == [1]
    assert after.blocking() == []
    layer = import_file(data, "x.geojson").layers[0]
    assert layer.frame["name"].tolist() == ["none", "empty", "broken", "ok"]  # all four kept


def test_non_finite_coordinates_block_until_the_user_leaves_them_out():
    data = (
        b'{"type":"FeatureCollection","features":['
        b'{"type":"Feature","properties":{"n":1},"geometry":{"type":"Point","coordinates":[NaN,8.2]}},'
        b'{"type":"Feature","properties":{"n":2},"geometry":{"type":"Point","coordinates":[-77.5,8.2]}}]}'
    )
    report, _, _ = report_of(data)
    assert codes(report)["non_finite"] == [0]
    assert report.find("non_finite").severity == "blocking"
    with pytest.raises(ImportNeedsChoice, match="non-finite"):
        import_file(data, "x.geojson")
    layer = import_file(data, "x.geojson", decisions=Decisions(leave_out=True)).layers[0]
    assert layer.frame["n"].tolist() == [2]


def test_coordinates_out_of_range_block_with_the_value_shown():
    data = files.feature_collection(
        files.feature({"type": "Point", "coordinates": [-77.5, 95.0]}), files.feature(POINT)
    )
    report, _, _ = report_of(data)
    assert codes(report)["out_of_range"] == [0]
    assert report.find("out_of_range").details[0] == "(-77.5, 95)"


def test_swapped_latitude_and_longitude_are_noticed_and_the_swap_fixes_them():
    data = b"name,lat,lon\nA,-77.5,8.2\nB,-77.6,8.3\n"
    report, _, _ = report_of(data, "x.csv")
    assert codes(report)["probably_swapped"] == [0, 1]
    _, after, _ = report_of(data, "x.csv", decisions=Decisions(swap_xy=True))
    assert after.find("probably_swapped") is None
    point = import_file(data, "x.csv", decisions=Decisions(swap_xy=True)).layers[0].frame.geometry.iloc[0]
    assert (point.x, point.y) == (-77.5, 8.2)


def test_a_projected_file_without_crs_is_asked_about_never_guessed():
    utm = files.feature_collection(files.feature({"type": "Point", "coordinates": [225000.0, 905000.0]}, name="post"))
    report, _after, _ = report_of(utm)
    assert codes(report)["projected_without_crs"] == [0]
    assert "(225000, 905000)" in report.find("projected_without_crs").message("en")
    with pytest.raises(ImportNeedsChoice, match="declares no reference system"):
        import_file(utm, "utm.geojson")
    layer = import_file(utm, "utm.geojson", decisions=Decisions(crs="EPSG:32618")).layers[0]
    point = layer.frame.geometry.iloc[0]
    assert point.x == pytest.approx(-77.49, abs=0.01) and point.y == pytest.approx(8.18, abs=0.01)
    with pytest.raises(ImportNeedsChoice, match="not a coordinate reference system"):
        import_file(utm, "utm.geojson", decisions=Decisions(crs="EPSG:banana"))


def test_a_declared_crs_is_used_and_said(tmp_path):
    data = files.written(tmp_path, files.SAMPLE.to_crs(32618), "utm.gpkg", "GPKG")
    result = import_file(data, "utm.gpkg")
    assert result.report.find("reprojected").message("en") == "Reprojected from EPSG:32618 to WGS 84."
    assert shapely.equals_exact(result.layers[0].frame.geometry.iloc[0], files.SAMPLE.geometry.iloc[0], tolerance=1e-7)


def test_mixed_geometry_types_become_one_layer_each():
    data = files.feature_collection(
        files.feature(POINT, n=1),
        files.feature(BOWTIE, n=2),
        files.feature({"type": "LineString", "coordinates": [[-77, 8], [-77.1, 8.1]]}, n=3),
    )
    report, _, _ = report_of(data)
    assert report.find("mixed_types").facts["types"] == "LineString, Point, Polygon"
    result = import_file(data, "mixed.geojson")
    assert {(layer.spec.geometry, tuple(layer.frame["n"])) for layer in result.layers} == {
        ("Point", (1,)),
        ("Polygon", (2,)),
        ("LineString", (3,)),
    }


def test_geometry_collections_block_until_split_by_type_nothing_collapsed():
    gc = {
        "type": "GeometryCollection",
        "geometries": [
            POINT,
            {"type": "Point", "coordinates": [-77.6, 8.3]},
            {"type": "LineString", "coordinates": [[-77, 8], [-77.1, 8.1]]},
        ],
    }
    data = files.feature_collection(files.feature(gc, name="gc"))
    report, _, _ = report_of(data)
    assert codes(report)["geometry_collection"] == [0]
    with pytest.raises(ImportNeedsChoice):
        import_file(data, "gc.geojson")
    layers = import_file(data, "gc.geojson", decisions=Decisions(collections="separate")).layers
    assert sorted(layer.frame.geometry.iloc[0].geom_type for layer in layers) == ["LineString", "MultiPoint"]


def test_antimeridian_crossings_and_heights_are_reported():
    data = files.feature_collection(
        files.feature({"type": "LineString", "coordinates": [[179.5, 8.0], [-179.5, 8.1]]}),
        files.feature({"type": "Point", "coordinates": [-77.5, 8.2, 120.0]}),
    )
    report, _, _ = report_of(data)
    assert codes(report)["antimeridian"] == [0]
    assert codes(report)["z_kept"] == [1]
    assert import_file(data, "z.geojson").layers[1].frame.geometry.iloc[0].z == 120.0


def test_repeated_reserved_and_case_clashing_names_keep_every_value():
    data = (
        b'{"type":"FeatureCollection","features":[{"type":"Feature","geometry":'
        b'{"type":"Point","coordinates":[-77.5,8.2]},"properties":'
        b'{"name":"first","name":"second","layer":"mine","Name":"third","geometry":"text"}}]}'
    )
    report, after, _ = report_of(data)
    renamed = {(p.facts["old"], p.facts["new"]) for p in after.problems if p.code == "renamed_field"}
    assert renamed == {("name", "name_2"), ("layer", "layer_original"), ("geometry", "geometry_attribute")}
    assert report.find("case_duplicate_fields").facts["fields"] == "name, Name"
    row = import_file(data, "x.geojson").layers[0].frame.iloc[0]
    assert (row["name"], row["name_2"], row["Name"], row["layer_original"], row["geometry_attribute"]) == (
        "first",
        "second",
        "third",
        "mine",
        "text",
    )


def test_csv_rows_that_do_not_parse_are_listed_and_left_out_only_when_chosen():
    data = b"name,lat,lon\nA,8.2,-77.5\nB,8.3,-77.6,extra\nC,north,-77.7\n"
    report, _, _ = report_of(data, "x.csv")
    assert "line 3: 4 fields where the header has 3" in report.find("csv_rows_unparsed").message("en")
    assert report.find("no_geometry").details == {1: "line 4: coordinates '-77.7', 'north' are not numbers"}
    with pytest.raises(ImportNeedsChoice, match="1 CSV rows could not be read"):
        import_file(data, "x.csv")
    frame = import_file(data, "x.csv", decisions=Decisions(leave_out=True)).layers[0].frame
    assert frame["name"].tolist() == ["A", "C"] and frame["csv_line"].tolist() == [2, 4]


def test_the_report_reads_in_spanish_too():
    data = files.feature_collection(files.feature(BOWTIE), files.feature(None))
    summary = report_of(data)[0].summary("es")
    assert {"severity": "aviso", "problem": "1 elementos tienen geometría inválida.", "features": 1} in summary
    assert any(row["problem"].startswith("1 elementos no tienen geometría") for row in summary)


def test_csv_columns_can_be_chosen_when_guessing_fails():
    data = b"este,norte\n-77.5,8.2\n"
    result = import_file(data, "x.csv", ReadOptions(lon_column="este", lat_column="norte"))
    assert result.layers[0].frame.geometry.iloc[0].equals(shapely.Point(-77.5, 8.2))
