"""Types survive import and every export that carries attributes: a boolean, an integer with a
gap, a date and a date-time (with UTC offsets) go in through a GeoPackage and come back, read by
an independent reader (GDAL through pyogrio; the `csv` module for CSV), as what they were. Where
a format has no such type the value is ISO text and the export's `changes` says so."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from xml.etree import ElementTree as ET

import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely

from geo.exporting.export import EXPORT_FORMATS, export
from geo.importing.kept import value_type
from geo.importing.pipeline import import_file

NOW = dt.datetime(2026, 11, 23, 14, 30, tzinfo=dt.UTC)
PANAMA = dt.timezone(dt.timedelta(hours=-5))

#: What goes in, column by column (None: missing).
OPEN = [True, False, None]
PEOPLE = [12, None, 40000]
DAY = [dt.date(2023, 1, 31), None, dt.date(2024, 2, 29)]
SEEN = [dt.datetime(2023, 1, 31, 9, 30, 5, tzinfo=PANAMA), None, dt.datetime(2024, 2, 29, 23, 59, 59, tzinfo=dt.UTC)]
CHECKED = [None, dt.datetime(2023, 3, 1, 12, 0, tzinfo=dt.UTC), dt.datetime(2024, 3, 1, 0, 0, 1, tzinfo=dt.UTC)]

#: The formats of EXPORT_FORMATS that carry attributes (html, png and pdf draw them).
WITH_ATTRIBUTES = ("geojson", "gpkg", "kml", "csv", "shapefile")


def typed_gpkg(path) -> bytes:
    """A GeoPackage with a boolean, a nullable integer, a date and a date-time field, written by
    pyogrio's raw writer (GDAL's own types, nothing of ours)."""
    points = [shapely.Point(-77.6, 8.3), shapely.Point(-77.4, 8.1), shapely.Point(-77.9, 8.45)]
    fields = ["name", "open", "people", "day", "seen", "checked"]
    data = [
        np.array(["Metetí", "Yaviza", "Bajo Chiquito"], dtype=object),
        np.array([bool(v) for v in OPEN]),
        np.array([v or 0 for v in PEOPLE], dtype="int64"),
        np.array([np.datetime64("NaT") if v is None else np.datetime64(v, "D") for v in DAY], dtype="datetime64[D]"),
        *(
            np.array(
                [np.datetime64("NaT") if v is None else np.datetime64(v.replace(tzinfo=None), "ms") for v in times],
                dtype="datetime64[ms]",
            )
            for times in (SEEN, CHECKED)
        ),
    ]
    masks = [None, np.array([v is None for v in OPEN]), np.array([v is None for v in PEOPLE]), None, None, None]
    pyogrio.raw.write(
        path,
        np.array([shapely.to_wkb(p) for p in points], dtype=object),
        data,
        fields,
        field_mask=masks,
        layer="posts",
        driver="GPKG",
        geometry_type="Point",
        crs="EPSG:4326",
        gdal_tz_offsets={"seen": _offsets(SEEN), "checked": _offsets(CHECKED)},
    )
    return path.read_bytes()


def _offsets(times) -> np.ndarray:
    """GDAL's time-zone flags: 100 is UTC, each step 15 minutes; 0 unknown."""
    return np.array([0 if v is None else int(v.utcoffset() / dt.timedelta(minutes=15)) + 100 for v in times])


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    path = tmp_path_factory.mktemp("types") / "posts.gpkg"
    data = typed_gpkg(path)
    source = pyogrio.read_info(path)
    assert source["ogr_subtypes"][1] == "OFSTBoolean" and source["ogr_types"][2:] == [
        "OFTInteger64",
        "OFTDate",
        "OFTDateTime",
        "OFTDateTime",
    ]
    return import_file(data, "posts.gpkg").layers


def reread(path) -> tuple[dict[str, str], dict[str, list]]:
    """GDAL's reading: (field -> type, boolean subtype shown as such; field -> values as text)."""
    meta, _, _, columns = pyogrio.raw.read(path, datetime_as_string=True)
    kinds = {
        name: "OFSTBoolean" if sub == "OFSTBoolean" else kind
        for name, kind, sub in zip(meta["fields"], meta["ogr_types"], meta["ogr_subtypes"])
    }
    values = {}
    for name, column in zip(meta["fields"], columns):
        mask = np.ma.getmaskarray(column) if isinstance(column, np.ma.MaskedArray) else None
        values[name] = [
            None if (mask is not None and mask[i]) or _missing(v) else v for i, v in enumerate(np.asarray(column))
        ]
    return kinds, values


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value)) or str(value) in ("NaT", "")


def instant(text):
    return None if text is None else pd.Timestamp(str(text).replace("/", "-"))


def instants(times):
    return [instant(v and v.isoformat()) for v in times]


def same_instants(values: dict[str, list]) -> bool:
    """Both date-time columns, read back, hold the instants that went in (missing stays missing)."""
    return [instant(v) for v in values["seen"]] == instants(SEEN) and [
        instant(v) for v in values["checked"]
    ] == instants(CHECKED)


#: The export's changes for the two date-time fields, where the format has no date-time type.
TIMES_AS_TEXT = {("datetime_as_text", "seen"), ("datetime_as_text", "checked")}


def written(tmp_path, layers, fmt):
    result = export(layers, fmt, "en", now=NOW)
    path = tmp_path / result.filename
    path.write_bytes(result.data)
    return result, path


def changes_of(result) -> set[tuple[str, str]]:
    return {(c["change"], c.get("field")) for c in result.changes}


def test_the_import_keeps_every_type(imported):
    (layer,) = imported
    frame = layer.frame
    assert {c: value_type(frame[c]) for c in ("open", "people", "day", "seen", "checked")} == {
        "open": "boolean",
        "people": "integer",
        "day": "date",
        "seen": "datetime",
        "checked": "datetime",
    }
    assert [None if pd.isna(v) else bool(v) for v in frame["open"]] == OPEN
    assert [None if pd.isna(v) else int(v) for v in frame["people"]] == PEOPLE
    assert [None if pd.isna(v) else v for v in frame["day"]] == DAY
    for column, times in (("seen", SEEN), ("checked", CHECKED)):
        assert [None if pd.isna(v) else pd.Timestamp(v) for v in frame[column]] == instants(times)


def test_every_format_that_carries_attributes_is_tested_here():
    drawn = {"html", "png", "pdf"}
    assert set(EXPORT_FORMATS) - drawn == set(WITH_ATTRIBUTES)


def test_geojson_keeps_booleans_and_integers_and_writes_dates_as_iso_text_said(imported, tmp_path):
    result, path = written(tmp_path, imported, "geojson")
    properties = [f["properties"] for f in json.loads(result.data)["features"]]
    assert [p["open"] for p in properties] == OPEN  # JSON true / false / null
    assert [p["people"] for p in properties] == PEOPLE
    assert [type(p["people"]) for p in properties] == [int, type(None), int]  # not 12.0
    assert [p["day"] for p in properties] == ["2023-01-31", None, "2024-02-29"]
    assert [instant(p["seen"]) for p in properties] == instants(SEEN)
    assert [instant(p["checked"]) for p in properties] == instants(CHECKED)
    assert changes_of(result) == {("date_as_text", "day"), *TIMES_AS_TEXT}
    kinds, values = reread(path)  # GDAL recognises the types again
    assert kinds["open"] == "OFSTBoolean" and kinds["people"] in ("OFTInteger", "OFTInteger64")
    assert kinds["day"] == "OFTDate" and kinds["seen"] == kinds["checked"] == "OFTDateTime"
    assert same_instants(values)


def test_geopackage_keeps_every_type(imported, tmp_path):
    result, path = written(tmp_path, imported, "gpkg")
    kinds, values = reread(path)
    assert kinds["open"] == "OFSTBoolean" and values["open"] == OPEN
    assert kinds["people"] in ("OFTInteger", "OFTInteger64") and values["people"] == PEOPLE
    assert kinds["day"] == "OFTDate" and [v and dt.date.fromisoformat(v[:10]) for v in values["day"]] == DAY
    assert kinds["seen"] == kinds["checked"] == "OFTDateTime"
    assert same_instants(values)
    assert result.changes == []


def test_kml_keeps_booleans_and_integers_in_a_typed_schema_and_says_dates_are_text(imported, tmp_path):
    result, path = written(tmp_path, imported, "kml")
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    schema = {f.get("name"): f.get("type") for f in ET.fromstring(result.data).iterfind(".//k:SimpleField", ns)}
    assert schema["open"] == "bool" and schema["people"] == "int"
    assert schema["day"] == schema["seen"] == schema["checked"] == "string"
    kinds, values = reread(path)
    assert kinds["open"] == "OFSTBoolean" and values["open"] == OPEN
    assert kinds["people"] == "OFTInteger" and values["people"] == PEOPLE
    assert values["day"] == ["2023-01-31", None, "2024-02-29"]
    assert same_instants(values)
    assert changes_of(result) == {("date_as_text", "day"), *TIMES_AS_TEXT}


def test_kml_says_when_integers_are_too_big_for_its_int(imported, tmp_path):
    (layer,) = imported
    big = type(layer)(layer.spec, layer.frame.assign(people=pd.array([12, None, 3_000_000_000], dtype="Int64")))
    result, path = written(tmp_path, [big], "kml")
    assert ("integer_as_text", "people") in changes_of(result)
    _kinds, values = reread(path)
    assert values["people"] == ["12", None, "3000000000"]


def test_csv_writes_iso_text_and_says_so(imported, tmp_path):
    result, _path = written(tmp_path, imported, "csv")
    rows = list(csv.DictReader(io.StringIO(result.data.decode("utf-8-sig"))))
    assert [r["open"] for r in rows] == ["True", "False", ""]
    assert [r["people"] for r in rows] == ["12", "", "40000"]  # integers, not 12.0
    assert [r["day"] for r in rows] == ["2023-01-31", "", "2024-02-29"]
    assert same_instants({c: [r[c] or None for r in rows] for c in ("seen", "checked")})
    assert changes_of(result) == {("date_as_text", "day"), *TIMES_AS_TEXT}


def test_shapefile_keeps_booleans_integers_and_dates_and_says_date_times_are_text(imported, tmp_path):
    result, path = written(tmp_path, imported, "shapefile")
    with zipfile.ZipFile(path) as archive:
        archive.extractall(tmp_path / "shp")
    (shp,) = (tmp_path / "shp").glob("*.shp")
    kinds, values = reread(shp)
    assert kinds["open"] == "OFSTBoolean" and values["open"] == OPEN
    assert kinds["people"] in ("OFTInteger", "OFTInteger64") and values["people"] == PEOPLE
    assert kinds["day"] == "OFTDate" and [v and dt.date.fromisoformat(v[:10]) for v in values["day"]] == DAY
    assert kinds["seen"] == kinds["checked"] == "OFTString"
    assert same_instants(values)
    assert changes_of(result) >= TIMES_AS_TEXT
