"""Hostile or mislabelled files are refused with a plain message; the process survives."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

import pytest

from geo.errors import ImportLimitExceeded, ImportRefused
from geo.importing import pipeline as importer
from geo.importing.gdal import ALLOWED_DRIVERS, worker_environment
from geo.importing.pipeline import import_file
from geo.importing.sandbox import ROOT, _all_drivers
from tests import files


def refused(data: bytes, name: str = "file.geojson", **kwargs) -> str:
    with pytest.raises(ImportRefused) as caught:
        import_file(data, name, **kwargs)
    message = str(caught.value)
    assert "Traceback" not in message and "/work" not in message and "/tmp" not in message and str(ROOT) not in message
    return message


# --- not what it claims ---------------------------------------------------------------


def test_a_png_named_geojson_is_refused_by_content():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
    assert "binary and not a format this tool reads" in refused(png, "map.geojson")


def test_a_vrt_dressed_as_kml_is_refused_before_gdal_sees_it():
    vrt = b'<OGRVRTDataSource><OGRVRTLayer name="x"><SrcDataSource>/etc/passwd</SrcDataSource></OGRVRTLayer></OGRVRTDataSource>'
    assert (
        refused(vrt, "innocent.kml") == "the file is XML with a <OGRVRTDataSource> root, which is neither KML nor GPX"
    )


def test_an_sqlite_database_that_is_not_a_geopackage_is_refused():
    data = b"SQLite format 3\x00" + b"\x00" * 200
    assert refused(data, "x.gpkg") == "the file is an SQLite database but not a GeoPackage"


def test_an_empty_file_is_refused():
    assert refused(b"", "x.csv") == "the file is empty"


def test_the_worker_gdal_knows_only_the_allowed_drivers():
    env = dict(os.environ, PYTHONPATH=str(ROOT), **worker_environment(list(_all_drivers())))
    code = "import pyogrio; print(','.join(sorted(pyogrio.list_drivers())))"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert set(out.strip().split(",")) == set(ALLOWED_DRIVERS)
    assert "OGR_VRT" in worker_environment(list(_all_drivers()))["GDAL_SKIP"]


# --- archives --------------------------------------------------------------------------


def test_a_zip_bomb_is_refused_from_its_directory_alone():
    data = files.zip_of({"x.shp": b"\x00" * 30_000_000})
    assert "compressed more than 100:1" in refused(data, "x.zip")


def test_a_zip_that_would_expand_too_far_is_refused(monkeypatch):
    monkeypatch.setattr("geo.importing.archive.MAX_TOTAL_BYTES", 1000)
    data = files.zip_of({"x.shp": b"a" * 2000}, zipfile.ZIP_STORED)
    assert "would expand to" in refused(data, "x.zip")


def test_a_zip_with_too_many_entries_is_refused():
    data = files.zip_of({f"f{i}.txt": b"" for i in range(201)})
    assert refused(data, "x.zip") == "the archive has 201 entries; at most 200 are accepted"


@pytest.mark.parametrize("name", ["../escape.shp", "a/../../escape.shp", "/etc/escape.shp", "C:/x.shp", "a\\b.shp"])
def test_unsafe_member_names_are_refused(name):
    message = refused(files.zip_of({name: b"x"}), "x.zip")
    assert "it was not opened" in message


def test_a_zip_without_a_shapefile_or_kml_is_refused():
    assert refused(files.zip_of({"readme.txt": b"hi"}), "x.zip") == (
        "the zip archive holds neither a Shapefile (.shp) nor a KML document"
    )


def test_a_shapefile_missing_its_dbf_is_refused(tmp_path):
    parts = {n: b for n, b in files.shapefile_parts(tmp_path, files.SAMPLE).items() if not n.endswith(".dbf")}
    assert refused(files.zip_of(parts), "x.zip") == "the shapefile 'sectors' lacks its .dbf part(s)"


def test_an_encrypted_member_is_refused(tmp_path):
    data = bytearray(files.zip_of({"x.shp": b"abc"}, zipfile.ZIP_STORED))
    data[6] |= 0x1  # local header flag
    central = data.rfind(b"PK\x01\x02")
    data[central + 8] |= 0x1  # central directory flag
    assert "is encrypted" in refused(bytes(data), "x.zip")


# --- XML ---------------------------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE kml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>&c;</name><Point><coordinates>-77,8</coordinates></Point></Placemark></kml>"""

XXE = b"""<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<gpx version="1.1" creator="x"><wpt lat="8" lon="-77"><name>&x;</name></wpt></gpx>"""


@pytest.mark.parametrize(
    ("data", "name"), [(BILLION_LAUGHS, "x.kml"), (XXE, "x.gpx"), (files.zip_of({"doc.kml": BILLION_LAUGHS}), "x.kmz")]
)
def test_xml_entity_tricks_are_refused(data, name):
    assert "declares a DOCTYPE or entities" in refused(data, name)


# --- JSON --------------------------------------------------------------------------------


def test_absurdly_deep_json_is_refused():
    assert refused(b"[" * 200_000 + b"]" * 200_000) == "the JSON is nested too deeply to be GeoJSON"


def test_a_file_over_the_upload_limit_is_refused_before_reading():
    assert refused(b" " * (importer.MAX_BYTES + 1)) == "the file is 50.0 MB; at most 50 MB are accepted"


def test_json_that_is_not_geojson_is_refused():
    assert refused(json.dumps({"type": "Atlas", "objects": {}}).encode()) == (
        "the JSON has type 'Atlas', which is not GeoJSON"
    )
    assert "TopoJSON" in refused(json.dumps({"type": "Topology", "objects": {}}).encode())


# --- limits --------------------------------------------------------------------------------


def test_reading_that_takes_too_long_is_stopped():
    with pytest.raises(ImportLimitExceeded, match=r"took longer than 0\.01 s and was stopped"):
        import_file(files.geojson_bytes(), "x.geojson", limits={"timeout_s": 0.01})


def test_reading_that_needs_too_much_memory_is_stopped():
    with pytest.raises(ImportLimitExceeded, match="needed more than 64 MB of memory"):
        import_file(files.geojson_bytes(), "x.geojson", limits={"memory_mb": 64})


def test_after_a_refusal_the_next_import_works():
    with pytest.raises(ImportRefused):
        import_file(b"[" * 100_000, "x.geojson")
    assert len(import_file(files.geojson_bytes(), "x.geojson").layers[0].frame) == 3


# --- values that look like code ---------------------------------------------------------------


def test_template_and_script_values_are_kept_as_text_through_import():
    data = files.feature_collection(
        files.feature(
            {"type": "Point", "coordinates": [-77.5, 8.2]},
            **{"{{ 7*7 }}": "{% for i in range(3) %}X{% endfor %}", "<img src=x onerror=alert(1)>": "</script>"},
        )
    )
    frame = import_file(data, "x.geojson").layers[0].frame
    assert frame["{{ 7*7 }}"].iloc[0] == "{% for i in range(3) %}X{% endfor %}"
    assert frame["<img src=x onerror=alert(1)>"].iloc[0] == "</script>"
