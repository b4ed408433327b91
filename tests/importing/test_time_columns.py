"""Uploaded layers on the "as of" clock: the time columns the user picks become `valid_from`/`valid_to`
(half-open), their precisions and `dated`; what cannot be read is reported, kept and undated."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely import Point

from geo import timeline
from geo.errors import ImportNeedsChoice
from geo.importing.pipeline import Decisions, import_file, read_file, time_columns
from tests import files

CORPUS = Path(__file__).parent / "corpus"

CSV = (
    "lon,lat,nombre,fecha,fin\n"
    "-77.6,8.3,Metetí,2023-05-14,2023-05-31\n"
    "-77.4,8.1,Yaviza,no sabe,\n"
    "-77.9,8.45,Bajo Chiquito,2023-07-02T10:00:00-05:00,2023-07-02\n"
    "-77.5,8.2,Canaán,2023-06-01,\n"
).encode()


def frame_of(result):
    (layer,) = result.layers
    return layer.frame


def test_a_picked_date_column_dates_the_features_and_reports_the_unreadable_one():
    result = import_file(CSV, "puestos.csv", decisions=Decisions(valid_from_column="fecha"))
    frame = frame_of(result)
    assert frame["nombre"].tolist() == ["Metetí", "Yaviza", "Bajo Chiquito", "Canaán"]  # nothing dropped
    assert frame["valid_from"].tolist() == ["2023-05-14", None, "2023-07-02", "2023-06-01"]
    assert frame["valid_from_precision"].tolist() == ["day", None, "day", "day"]
    assert frame["valid_to"].isna().all()
    assert frame["dated"].tolist() == [True, False, True, True]
    assert frame["fecha"].tolist()[1] == "no sabe"  # the column itself is kept as it was
    problem = result.after.find("period_unreadable")
    assert problem.severity == "warning" and problem.features == [1]
    assert problem.message("en").startswith("1 features have a value in a chosen time column")
    assert "(features 2)" in problem.message("en")
    (row,) = [r for r in result.after.rows("es") if r["problem"] == "fecha ilegible"]
    assert row == {"feature": 2, "severity": "aviso", "problem": "fecha ilegible", "detail": "fecha: no sabe"}
    assert "3 features dated, 1 undated" in result.after.find("period_added").message("en")


def test_the_as_of_month_then_selects_the_right_features():
    result = import_file(CSV, "puestos.csv", decisions=Decisions(valid_from_column="fecha", valid_to_column="fin"))
    frame = frame_of(result)
    # an end is the last day it held: valid_to is the day after
    assert frame["valid_to"].tolist() == ["2023-06-01", None, "2023-07-03", None]
    assert timeline.timed(frame)
    assert timeline.undated(frame).tolist() == [False, True, False, False]
    names = frame["nombre"]
    assert names[timeline.valid_in_month(frame, "2023-05")].tolist() == ["Metetí"]
    assert names[timeline.valid_in_month(frame, "2023-07")].tolist() == ["Bajo Chiquito", "Canaán"]
    assert names[timeline.valid_in_month(frame, "2023-04")].tolist() == []


def test_nothing_is_chosen_by_default_but_the_date_columns_are_suggested():
    _fmt, read = read_file(CSV)
    assert time_columns(read.frame) == ["fecha", "fin"]
    frame = frame_of(import_file(CSV, "puestos.csv"))
    assert not {"valid_from", "valid_to", "dated"} & set(frame.columns)
    assert not timeline.timed(frame)


def test_a_month_or_a_year_gives_its_precision_and_its_whole_span():
    csv = b"lon,lat,desde,hasta\n-77.6,8.3,2023-05,2023-05\n-77.4,8.1,2022,2024\n"
    frame = frame_of(import_file(csv, "x.csv", decisions=Decisions(valid_from_column="desde", valid_to_column="hasta")))
    assert frame["valid_from"].tolist() == ["2023-05-01", "2022-01-01"]
    assert frame["valid_from_precision"].tolist() == ["month", "year"]
    assert frame["valid_to"].tolist() == ["2023-06-01", "2025-01-01"]
    assert frame["valid_to_precision"].tolist() == ["month", "year"]
    assert timeline.valid_in_month(frame, "2023-05").tolist() == [True, True]
    assert timeline.valid_in_month(frame, "2023-06").tolist() == [False, True]


def test_a_datetime_column_of_a_geopackage(tmp_path):
    frame = gpd.GeoDataFrame(
        {
            "name": ["a", "b", "c"],
            "seen": pd.to_datetime(["2023-05-14 23:30", None, "2024-01-31 08:00"]),
        },
        geometry=[Point(-77.6, 8.3), Point(-77.4, 8.1), Point(-77.9, 8.45)],
        crs="EPSG:4326",
    )
    data = files.gpkg_bytes(tmp_path, {"sightings": frame})
    _fmt, read = read_file(data)
    assert "seen" in time_columns(read.frame)
    result = import_file(data, "x.gpkg", decisions=Decisions(valid_from_column="seen", valid_to_column="seen"))
    out = frame_of(result)
    assert out["valid_from"].tolist() == ["2023-05-14", None, "2024-01-31"]
    assert out["valid_to"].tolist() == ["2023-05-15", None, "2024-02-01"]
    assert out["dated"].tolist() == [True, False, True]  # empty: undated, not unreadable
    assert result.after.find("period_unreadable") is None
    assert timeline.valid_in_month(out, "2024-01").tolist() == [False, False, True]


def test_gps_track_begin_and_end_are_offered_and_date_the_track():
    data = (CORPUS / "togeojson_gxmultitrack.kml").read_bytes()
    _fmt, read = read_file(data)
    assert {"begin", "end"} <= set(time_columns(read.frame))
    assert "timestamps" not in time_columns(read.frame)  # a list per feature, not a date
    result = import_file(data, "t.kml", decisions=Decisions(valid_from_column="begin", valid_to_column="end"))
    dated = 0
    for layer in result.layers:  # a line layer and a point layer: each feature keeps its own begin
        frame = layer.frame
        begins = [None if pd.isna(v) else v.date().isoformat() for v in frame["begin"]]
        assert frame["valid_from"].tolist() == begins
        assert frame["dated"].tolist() == [b is not None for b in begins]
        dated += sum(b is not None for b in begins)
    assert dated > 0


def test_the_files_own_period_columns_are_kept_renamed_when_a_column_is_chosen():
    csv = b"lon,lat,fecha,valid_from,dated\n-77.6,8.3,2023-05-14,ayer,si\n"
    result = import_file(csv, "x.csv", decisions=Decisions(valid_from_column="valid_from"))
    frame = frame_of(result)
    assert frame["valid_from_original"].tolist() == ["ayer"] and frame["dated_original"].tolist() == ["si"]
    assert frame["dated"].tolist() == [False]  # "ayer" is not a date: kept, undated
    renamed = {(p.facts["old"], p.facts["new"]) for p in result.after.problems if p.code == "renamed_field"}
    assert renamed == {("valid_from", "valid_from_original"), ("dated", "dated_original")}
    fields = {f["field"]: f for f in result.after.kept["fields"]}
    assert fields["valid_from_original"]["status"] == "renamed"
    for name in ("valid_from", "valid_from_precision", "valid_to", "valid_to_precision", "dated"):
        assert fields[name]["status"] == "added" and fields[name]["detail"] == name
    rows = {r["field"]: r["detail"] for r in result.after.kept_rows("en")["fields"]}
    assert rows["valid_from"] == "start of the period, read from “valid_from_original”"  # its name in the layer
    # with no column chosen, the file's own columns stay as they are
    frame = frame_of(import_file(csv, "x.csv"))
    assert frame["valid_from"].tolist() == ["ayer"] and "valid_from_original" not in frame


def test_a_column_not_in_the_file_is_refused_with_a_message():
    with pytest.raises(ImportNeedsChoice, match="the time column “when” is not in the file"):
        import_file(CSV, "x.csv", decisions=Decisions(valid_from_column="when"))
