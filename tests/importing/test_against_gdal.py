"""Differential test: every corpus file GDAL reads (all its drivers, LIBKML included, in this
process) is imported by our readers and compared feature by feature: count, values, types and
bounds. Each difference must be one the report states; the figures are printed with -s.
Nothing is skipped: a file we refuse is refused with the message listed here, and a file GDAL
does not read is listed with what we do with it.

The corpus (tests/importing/corpus, origins and licences in SOURCES.csv) is small public test
data of GDAL, Fiona, pyogrio, shapefile-js, togeojson and geojsonhint.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import warnings
import zipfile
from pathlib import Path, PurePosixPath

import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely

from geo.errors import GeoError
from geo.importing import formats
from geo.importing.formats import ReadOptions
from geo.importing.kept import value_type
from geo.importing.pipeline import Decisions, preview

CORPUS = Path(__file__).parent / "corpus"
FILES = sorted(p for p in CORPUS.iterdir() if p.name != "SOURCES.csv")

#: Fields GDAL's LIBKML and GPX drivers add to every layer whatever the file holds.
GDAL_DEFAULTS = {"id", "altitudeMode", "tessellate", "extrude", "visibility", "drawOrder", "icon", "snippet"}

#: Report lines that explain a difference in geometry (bounds, parts) with GDAL.
GEOMETRY_FIXES = ("single_point_part", "ring_too_short", "curve_linearised", "surface_to_polygons", "ring_closed")

#: Files read differently on purpose: why, and (our features, GDAL's features).
KNOWN = {
    "geojsonhint_bad-duplicate-properties.geojson": (
        "a repeated top-level 'type': GDAL takes the last (Feature), we take the first (FeatureCollection, "
        "empty) and report the repeat as a renamed member",
        (0, 1),
    ),
    "togeojson_twopoints.kml": (
        "two Placemarks straight under <kml>, without a Document: LIBKML reads the first only",
        (2, 1),
    ),
}

#: Files we refuse, whether GDAL reads them or not, and the start of the message (in English): it names
#: the format or what in the file stopped the reader, never a generic failure.
REFUSED = {
    "fiona_example.topojson": "the file is TopoJSON, which this tool does not read: convert it to GeoJSON",
    "geojsonhint_featurecollection-type-case.geojson": "the JSON has type 'featurecollection', which is not GeoJSON",
    "geojsonhint_bad-json.geojson": "the file is not valid JSON (Expecting ',' delimiter: line 3 column 5",
    "geojsonhint_bad-object-type.geojson": "the JSON has type '{}', which is not GeoJSON",
    "geojsonhint_featurecollection-obj.geojson": "the FeatureCollection has no list of features",
    "geojsonhint_featurecollection.geojson": "the FeatureCollection has no list of features",
    "geojsonhint_notype.geojson": "the JSON object has no 'type' member, so it is not GeoJSON",
    "geojsonhint_unknowntype.geojson": "the JSON has type 'FooBar', which is not GeoJSON",
    "geojsonhint_rootstring.geojson": "the JSON is not a GeoJSON object",
}

#: Files GDAL does not read at all that we read: one feature each, kept without geometry, and the
#: report's reason for it (what in the file is not a geometry).
KEPT_WITHOUT_GEOMETRY = {
    "geojsonhint_bad-featurelist.geojson": "ring 5 is not a list",
    "geojsonhint_badcoord.geojson": "position [1, 2, 'f'] holds something other than numbers",
    "geojsonhint_multipoint-multidimension.geojson": "position [[0, 0], [0, 0]] holds something other than numbers",
    "geojsonhint_multipoint-nondimension.geojson": "position 0 is not a list of numbers",
    "geojsonhint_point-string.geojson": "position ['foo', 2] holds something other than numbers",
    "geojsonhint_point-toofew.geojson": "position [2] needs two numbers",
    "geojsonhint_point.geojson": "a Point without 'coordinates'",
}

FIGURES = {"files": 0, "features": 0, "values": 0, "differences_reported": 0}


def test_the_corpus_is_small_and_every_file_has_its_origin_and_licence():
    rows = {r["file"]: r for r in csv.DictReader((CORPUS / "SOURCES.csv").open())}
    assert {p.name for p in FILES} == set(rows)
    assert all(r["repo"] and r["path"] and len(r["commit"]) == 40 and r["licence"] for r in rows.values())
    assert sum(p.stat().st_size for p in FILES) < 2_000_000 and max(p.stat().st_size for p in FILES) < 200_000


def gdal_sources(path: Path) -> list[str]:
    """What to open with GDAL: the file, or each folder of a zip that holds shapefile parts."""
    if path.suffix != ".zip":
        return [str(path)]
    with zipfile.ZipFile(path) as archive:
        members = [n for n in archive.namelist() if n.lower().endswith((".shp", ".dbf"))]
    folders = sorted({str(PurePosixPath(n).parent) for n in members}) or ["."]
    return [f"/vsizip/{path}" + ("" if folder == "." else f"/{folder}") for folder in folders]


def gdal_layers(path: Path) -> dict[tuple[str, str], tuple] | None:
    """GDAL's own reading of every layer: (fields, types, values by field, geometries), or None."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            names = [(source, name) for source in gdal_sources(path) for name, _ in pyogrio.list_layers(source)]
            out = {}
            for source, name in names:
                meta, _, wkb, columns = pyogrio.raw.read(source, layer=name, datetime_as_string=True)
                count = len(columns[0]) if columns else 0
                wkb = [None] * count if wkb is None else wkb
                geoms = [None if g is None else shapely.from_wkb(g, on_invalid="ignore") for g in wkb]
                types = [
                    "OFSTBoolean" if sub == "OFSTBoolean" else kind
                    for kind, sub in zip(meta["ogr_types"], meta["ogr_subtypes"])
                ]
                out[source, name] = (list(meta["fields"]), types, dict(zip(meta["fields"], columns)), geoms)
        except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, shapely.errors.GEOSException):
            return None
    return out


def our_layers(path: Path):
    """Our reading of every layer, as the import panel offers them, with the report of each."""
    data = path.read_bytes()
    fmt = formats.detect(data)
    inspection = formats.inspect(fmt, data)
    out = []
    for layer in inspection.layers or [None]:
        options = ReadOptions(layer=layer, encoding="cp1250" if "codepage" in path.name else None)
        read = formats.read(fmt, data, options)
        report, after, _ = preview(fmt, read, path.name, Decisions(collections="separate"))
        out.append((read.frame, report, after))
    return out


def same_value(ours, theirs) -> bool:
    """Equal as values; a value we keep where GDAL has none counts as equal (we keep more)."""
    if _missing(ours) or _missing(theirs):
        return _missing(theirs) or ours == "" or theirs == ""
    if isinstance(ours, dt.datetime):
        try:
            return pd.Timestamp(ours) == pd.Timestamp(str(theirs).replace("/", "-"))
        except (ValueError, TypeError):
            return False
    if isinstance(ours, dt.date):
        ours = ours.isoformat()
    if isinstance(ours, dict):
        return ours == json.loads(theirs)
    if isinstance(ours, (bool, np.bool_)) or isinstance(theirs, (bool, np.bool_)):
        return bool(ours) == bool(theirs)
    if isinstance(ours, (int, float, np.number)) and isinstance(theirs, (int, float, np.number)):
        return math.isclose(float(ours), float(theirs), rel_tol=1e-6, abs_tol=1e-9)
    if isinstance(ours, list):
        return [str(v) for v in ours] == [str(v) for v in theirs]
    text, other = str(ours).strip(), str(theirs).strip()
    return text == other or text.replace("+00:00", "Z").rstrip("Z") == other.replace("+00:00", "Z").rstrip("Z")


def _missing(value) -> bool:
    if isinstance(value, (list, dict, np.ndarray)):
        return False
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def kind_of(ogr_type: str) -> str:
    return {
        "OFSTBoolean": "boolean",
        "OFTInteger": "integer",
        "OFTInteger64": "integer",
        "OFTReal": "number",
        "OFTDate": "date",
    }.get(ogr_type, "datetime" if ogr_type == "OFTDateTime" else "text")


def test_the_lists_of_exceptions_name_corpus_files_only():
    names = {p.name for p in FILES}
    assert set(KNOWN) | set(REFUSED) | set(KEPT_WITHOUT_GEOMETRY) <= names


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_what_gdal_reads_we_read_or_the_report_says(path):
    if path.name in REFUSED:
        with pytest.raises(GeoError) as refusal:
            our_layers(path)
        assert refusal.value.message("en").startswith(REFUSED[path.name])
        return
    theirs = gdal_layers(path)
    ours = our_layers(path)
    if theirs is None:
        assert path.name in KEPT_WITHOUT_GEOMETRY, "GDAL does not read this file: say here what we do with it"
        ((frame, report, _after),) = ours
        unreadable = report.find("no_geometry")
        assert len(frame) == 1 and unreadable.features == [0]
        assert KEPT_WITHOUT_GEOMETRY[path.name] in unreadable.details[0]
        return
    assert path.name not in KEPT_WITHOUT_GEOMETRY, "GDAL reads this file now: compare it"
    frames = [frame for frame, _, _ in ours]
    reports = [report for _, report, _ in ours]
    codes = {p.code for report in reports for p in report.problems}
    their_count = sum(len(layer[3]) for layer in theirs.values())
    our_count = sum(len(f) for f in frames)
    FIGURES["files"] += 1
    FIGURES["features"] += their_count
    differences = []
    if our_count != their_count:
        # we keep every feature; GDAL skips some (geometry it cannot read, a misspelt "Feature"): each is reported
        unreadable = sum(len(r.find("no_geometry").features) for r in reports if r.find("no_geometry"))
        odd = sum(r.find("not_features").facts["count"] for r in reports if r.find("not_features"))
        if path.name in KNOWN:
            assert (our_count, their_count) == KNOWN[path.name][1]
            if our_count == 0:  # what GDAL takes, we report
                assert "renamed_field" in codes
            return
        assert our_count > their_count and our_count - their_count <= unreadable + odd, (our_count, their_count)
        differences.append("features kept that GDAL skips (reported)")
    else:
        their_rows = [
            (fields, types, values, i, geoms)
            for fields, types, values, geoms in theirs.values()
            for i in range(len(geoms))
        ]
        our_rows = [(frame, i) for frame in frames for i in range(len(frame))]
        renamed = {p.facts.get("new") for r in reports for p in r.problems if p.code == "renamed_field"}
        for (frame, i), (fields, types, values, j, geoms) in zip(our_rows, their_rows):
            for field, ogr_type in zip(fields, types):
                if field in GDAL_DEFAULTS or field not in frame.columns or field in renamed:
                    continue
                mine, other = frame[field].iloc[i], values[field][j]
                FIGURES["values"] += 1
                if not same_value(mine, other):
                    assert codes & {"encoding_chosen", "encoding_declared"}, (path.name, field, mine, other)
                    differences.append(f"{field}: text encoding (reported)")
                kind = value_type(frame[field])
                dates_as_text = {
                    f
                    for r in reports
                    if r.find("dates_as_text")
                    for f in r.find("dates_as_text").facts["fields"].split(", ")
                }
                if kind == "text" and (field in dates_as_text or all(_missing(v) for v in values[field])):
                    differences.append(f"{field}: ISO dates kept as text (reported)")
                elif kind not in ("empty", "mixed", "list") and kind_of(ogr_type) != "text":
                    assert kind == kind_of(ogr_type) or {kind, kind_of(ogr_type)} <= {"integer", "number"}, (
                        path.name,
                        field,
                        kind,
                        ogr_type,
                    )
            mine_geom, other_geom = frame.geometry.iloc[i], geoms[j]
            if other_geom is not None and not other_geom.is_empty and mine_geom is not None and not mine_geom.is_empty:
                if not np.allclose(mine_geom.bounds, other_geom.bounds, atol=1e-6):
                    assert codes & set(GEOMETRY_FIXES), (path.name, mine_geom.bounds, other_geom.bounds)
                    differences.append("geometry fixed (reported)")
            elif mine_geom is not None and not mine_geom.is_empty:
                differences.append("geometry GDAL does not read (a MultiTrack outside the gx namespace)")
            elif other_geom is not None and not other_geom.is_empty:
                assert codes & {*GEOMETRY_FIXES, "no_geometry", "empty_geometry"}, (path.name, i)
                differences.append("geometry missing (reported)")
    FIGURES["differences_reported"] += len(differences)


def test_zz_figures(capsys):
    with capsys.disabled():
        print(f"\ndifferential test against GDAL: {FIGURES}")
    assert FIGURES["files"] == 0 or FIGURES["features"] > 0
