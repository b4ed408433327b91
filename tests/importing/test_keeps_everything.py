"""Import keeps everything a file holds: each case of the issue, on the public test files of
tests/importing/corpus (origins in SOURCES.csv) or on files built here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import shapely

from geo.errors import ImportNeedsChoice, ImportRefused
from geo.importing.formats import ReadOptions
from geo.importing.pipeline import Decisions, import_file, preview, read_file
from tests import files

CORPUS = Path(__file__).parent / "corpus"
POINT = {"type": "Point", "coordinates": [-77.5, 8.2]}
LINE = {"type": "LineString", "coordinates": [[-77, 8], [-77.1, 8.1]]}


def corpus(name: str) -> bytes:
    return (CORPUS / name).read_bytes()


def report_of(data: bytes, name: str, options=None, decisions=None):
    fmt, read = read_file(data, options)
    return preview(fmt, read, name, decisions or Decisions())


# --- geometry collections: split by type or kept mixed, never collapsed -------------------------


GC = files.feature_collection(
    files.feature({"type": "GeometryCollection", "geometries": [POINT, LINE]}, name="gc", n=7),
    files.feature(POINT, name="plain", n=8),
)


def test_a_collection_of_a_point_and_a_line_is_split_by_type_and_the_line_kept():
    report, _, _ = report_of(GC, "gc.geojson")
    assert report.find("geometry_collection").features == [0]
    with pytest.raises(ImportNeedsChoice, match="geometry collections"):
        import_file(GC, "gc.geojson")
    result = import_file(GC, "gc.geojson", decisions=Decisions(collections="separate"))
    by_type = {layer.spec.geometry: layer.frame for layer in result.layers}
    assert by_type["LineString"]["name"].tolist() == ["gc"]
    assert by_type["LineString"].geometry.iloc[0].equals(shapely.geometry.shape(LINE))
    assert by_type["Point"]["name"].tolist() == ["gc", "plain"]
    assert by_type["Point"]["collection_feature"].tolist()[0] == 1
    assert result.after.find("collections_split").facts == {"features": 1, "parts": 2}
    assert result.after.kept["features_in"] == 2 and result.after.kept["features_out"] == 3


def test_a_collection_can_stay_whole_in_one_mixed_layer():
    result = import_file(GC, "gc.geojson", decisions=Decisions(collections="mixed"))
    assert len(result.layers) == 1
    kinds = [g.geom_type for g in result.layers[0].frame.geometry]
    assert kinds == ["GeometryCollection", "Point"]
    assert result.after.find("collections_mixed").features == [0]


def test_repair_no_longer_collapses_a_collection():
    with pytest.raises(ImportNeedsChoice):
        import_file(GC, "gc.geojson", decisions=Decisions(repair=True))


# --- KML: ExtendedData, folders, styles, tracks, broken geometry -------------------------------------


def frame_of(data: bytes, name: str, **decisions):
    result = import_file(data, name, decisions=Decisions(**decisions))
    return result, [layer.frame for layer in result.layers]


def test_kml_extended_data_fields_are_kept():
    _, [frame] = frame_of(corpus("gdal_extended_data_without_schema_data.kml"), "x.kml")
    assert frame["Name"].tolist() == ["feature1", "feature2"]
    assert frame["field1"].tolist() == ["1_1", "2_1"]
    assert frame["field2"].tolist()[0] == "1_2" and frame["field3"].tolist()[1] == "2_3"


def test_kml_schema_data_keeps_its_types():
    _, [frame] = frame_of(corpus("togeojson_simpledata.kml"), "x.kml")
    assert frame["TrailHeadName"].iloc[0] == "Pi in the sky"
    assert frame["TrailLength"].iloc[0] == pytest.approx(3.14159)
    assert frame["ElevationGain"].iloc[0] == 10 and str(frame["ElevationGain"].dtype) == "Int64"


MY_MAPS = b"""<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>Rutas</name>
<Style id="red"><LineStyle><color>ff0000ff</color><width>3</width></LineStyle></Style>
<StyleMap id="red-map"><Pair><key>normal</key><styleUrl>#red</styleUrl></Pair></StyleMap>
<Folder><name>Capa 1</name>
<Placemark><name>Ruta A</name><styleUrl>#red-map</styleUrl>
<ExtendedData><Data name="tramo"><value>norte</value></Data><Data name="km"><value>12</value></Data></ExtendedData>
<LineString><coordinates>-77.6,8.3 -77.5,8.35</coordinates></LineString></Placemark>
<Placemark><name>Mixed</name><Point><coordinates>-77.5,8.2</coordinates></Point>
<MultiGeometry><Point><coordinates>-77.4,8.1</coordinates></Point><Point><coordinates>-77.3,8.0</coordinates></Point></MultiGeometry>
</Placemark>
<Placemark><name>Open ring</name><Polygon><outerBoundaryIs><LinearRing>
<coordinates>-77.9,7.5 -77.3,7.5 -77.3,8.3</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
</Folder></Document></kml>"""


def test_kml_folders_styles_and_the_shapes_that_used_to_crash():
    result, frames = frame_of(MY_MAPS, "rutas.kml", collections="separate")
    rows = {row["Name"]: row for frame in frames for _, row in frame.iterrows()}
    assert rows["Ruta A"]["folder"] == "Capa 1" and rows["Ruta A"]["tramo"] == "norte"
    assert (rows["Ruta A"]["stroke"], rows["Ruta A"]["stroke_width"]) == ("#ff0000", 3.0)
    line_layer = next(layer for layer in result.layers if layer.spec.geometry == "LineString")
    assert line_layer.spec.style.color == "#ff0000"  # the file's one colour colours the layer
    assert rows["Open ring"].geometry.geom_type == "Polygon"  # an unclosed ring, closed and said
    assert result.report.find("ring_closed").features == [2]
    assert shapely.get_num_coordinates(rows["Mixed"].geometry) == 3  # a point beside a MultiGeometry


def test_kml_polygon_with_an_unclosed_ring_from_another_project():
    _, [frame] = frame_of(corpus("togeojson_timespan.kml"), "x.kml")
    assert frame.geometry.iloc[0].geom_type == "Polygon"
    assert frame["begin"].iloc[0] == "0725"  # a KML year alone stays as written


def test_kml_multitracks_keep_every_track():
    result, frames = frame_of(corpus("togeojson_gxmultitrack.kml"), "x.kml")
    assert sum(len(f) for f in frames) == 3 == result.report.features


def test_gx_track_becomes_a_line_with_its_times():
    _, [frame] = frame_of(corpus("togeojson_gxtrack.kml"), "x.kml")
    row = frame.iloc[0]
    assert row.geometry.geom_type == "LineString"
    assert row["begin"] == dt.datetime(2010, 5, 28, 2, 2, 9, tzinfo=dt.UTC)
    assert row["end"] == dt.datetime(2010, 5, 28, 2, 2, 56, tzinfo=dt.UTC)
    assert len(row["timestamps"]) == shapely.get_num_coordinates(row.geometry)
    _, [untimed] = frame_of(corpus("gdal_gx_track_without_when.kml"), "y.kml")
    assert shapely.get_num_coordinates(untimed.geometry.iloc[0]) == 7


def test_a_kmz_with_images_reads_its_document_and_ignores_the_rest():
    data = files.zip_of({"doc.kml": MY_MAPS, "files/photo.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 40})
    result, _ = frame_of(data, "x.kmz", collections="separate")
    assert result.report.find("kmz_files_ignored").facts["files"] == "files/photo.png"


def test_a_placemark_without_geometry_keeps_its_attributes():
    result = import_file(corpus("togeojson_nogeomplacemark.kml"), "x.kml")
    assert result.layers == [] and len(result.tables[0].frame) == 1


# --- GPS tracks -----------------------------------------------------------------------------------


def test_gps_tracks_with_one_point_segments_are_read_and_said():
    result = import_file(corpus("togeojson_north_core.gpx"), "run.gpx", ReadOptions(layer="tracks"))
    assert sum(len(layer.frame) for layer in result.layers) == 10
    assert result.report.find("single_point_part").features


# --- curves and surfaces --------------------------------------------------------------------------


def test_curved_wkt_in_csv_is_linearised_with_the_step_said():
    result = import_file(corpus("fiona_curves_line.csv"), "curves.csv")
    assert sum(len(layer.frame) for layer in result.layers) == 9
    problem = result.report.find("curve_linearised")
    assert problem.features and problem.message("en").count("4°") == 1


def test_tin_and_polyhedral_surfaces_become_polygons_with_a_report_line():
    result = import_file(corpus("fiona_test_tin.shp.zip"), "tin.zip")
    assert result.layers[0].frame.geometry.iloc[0].geom_type == "MultiPolygon"
    assert result.report.find("surface_to_polygons").features == [0]
    csv_result = import_file(corpus("fiona_test_tin.csv"), "tin.csv", decisions=Decisions(collections="separate"))
    assert all(layer.spec.geometry == "Polygon" for layer in csv_result.layers)


def test_geopackage_curves_are_said_to_be_linearised():
    result = import_file(corpus("pyogrio_curve.gpkg"), "curve.gpkg")
    assert result.report.find("curve_linearised").facts["count"] == 1


# --- types and encodings ------------------------------------------------------------------------------


def test_geopackage_booleans_and_integers_keep_their_type_and_their_gaps():
    frame = import_file(corpus("pyogrio_test_gpkg_nulls.gpkg"), "nulls.gpkg").layers[0].frame
    assert frame["col_bool"].tolist()[:3] == [True, False, True] and frame["col_bool"].isna().iloc[3]
    assert str(frame["col_bool"].dtype) == "boolean" and str(frame["col_int64"].dtype) == "Int64"
    assert frame["col_int32"].tolist()[:3] == [1, 2, 3]


def test_a_central_european_shapefile_is_read_by_its_cpg():
    frame = import_file(corpus("shapefilejs_codepage.zip"), "cz.zip").layers[0].frame
    assert frame["field"].tolist()[1] == "Hněvošický háj"


def test_an_unknown_encoding_is_asked_with_a_preview():
    data = corpus("shapefilejs_codepage_no_cpg.shp.zip")
    report, _after, _ = report_of(data, "cz.zip")
    problem = report.find("encoding_unknown")
    assert problem.severity == "blocking" and problem.facts["preview"]["cp1250"].startswith("Hněvošický háj")
    with pytest.raises(ImportNeedsChoice, match="encoding"):
        import_file(data, "cz.zip")
    frame = import_file(data, "cz.zip", ReadOptions(encoding="cp1250")).layers[0].frame
    assert frame["field"].tolist()[1] == "Hněvošický háj"


def test_a_dbf_language_driver_byte_names_the_code_page(tmp_path):
    table = bytearray(corpus("shapefilejs_codepage.dbf"))
    table[29] = 0xC8  # Windows-1250
    frame = import_file(bytes(table), "cz.dbf").tables[0].frame
    assert frame["field"].tolist()[1] == "Hněvošický háj"


def test_a_csv_that_is_not_utf8_asks_for_its_encoding():
    data = "nombre,lat,lon\nMetetí,8.5,-77.9\n".encode("cp1252")
    report, _, _ = report_of(data, "x.csv")
    assert report.find("encoding_unknown").facts["preview"]["cp1252"].startswith("Metetí")
    frame = import_file(data, "x.csv", ReadOptions(encoding="cp1252")).layers[0].frame
    assert frame["nombre"].tolist() == ["Metetí"]


# --- formats named truthfully, tables kept --------------------------------------------------------


def test_esri_json_is_read_with_its_types():
    result = import_file(corpus("gdal_esripoint.json"), "esri.json")
    row = result.layers[0].frame.iloc[0]
    assert (row["fooInt"], row["fooString"], row["fooDouble"]) == (1234567890, "56", 3.4)
    assert row["fooDate"] == dt.datetime(2021, 12, 31, tzinfo=dt.UTC)
    polygon = import_file(corpus("gdal_esripolygon.json"), "esri.json").layers[0].frame.geometry.iloc[0]
    assert polygon.geom_type == "MultiPolygon" and len(polygon.geoms[0].interiors) == 1


def test_topojson_is_refused_by_its_name():
    with pytest.raises(ImportRefused, match="TopoJSON"):
        import_file(corpus("fiona_example.topojson"), "x.topojson")


def test_features_without_geometry_are_kept_as_a_table():
    data = files.feature_collection(files.feature(None, name="a", n=1), files.feature(None, name="b", n=2))
    result = import_file(data, "table.geojson")
    assert result.layers == [] and result.tables[0].frame["name"].tolist() == ["a", "b"]
    assert result.after.kept["as_table"]


def test_a_lone_dbf_and_a_csv_without_coordinates_are_tables():
    table = import_file(corpus("shapefilejs_codepage.dbf"), "t.dbf", ReadOptions(encoding="cp1250")).tables[0]
    assert table.frame["field"].tolist() == ["??", "Hněvošický háj"]
    csv_table = import_file(b"a,b\n1,2\n", "plain.csv").tables[0]
    assert csv_table.frame["a"].tolist() == ["1"]


# --- what was kept ---------------------------------------------------------------------------------


def test_the_report_ends_with_what_was_kept_field_by_field():
    data = (
        b'{"type":"FeatureCollection","features":[{"type":"Feature","geometry":'
        b'{"type":"Point","coordinates":[-77.5,8.2]},"properties":{"n":1,"ok":true,"layer":"x","n":2}}]}'
    )
    result = import_file(data, "x.geojson")
    fields = {row["field"]: row for row in result.after.kept["fields"]}
    assert fields["n"]["status"] == "kept" and fields["n"]["type"] == "integer"
    assert fields["ok"]["type"] == "boolean"
    assert fields["n_2"]["status"] == "renamed" and fields["n_2"]["from"] == "n"
    assert fields["layer_original"]["status"] == "renamed"
    assert fields["source"]["status"] == "added"
    assert result.after.kept["geometry"] == [{"type": "Point", "in": 1, "out": 1}]
    rows = result.after.kept_rows("es")
    assert rows["features"][0]["count"] == 1 and rows["fields"]
