"""`darien-map` (the console script) and `python -m geo`, run as a subprocess the way a script or a
cron job would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyogrio

from tests import files
from tests.conftest import ROOT


def cli(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "geo", *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


def test_help_lists_the_commands():
    done = cli("--help")
    assert done.returncode == 0
    assert all(word in done.stdout for word in ("layers", "export", "validate"))


def test_the_console_script_runs_from_any_directory(tmp_path):
    script = Path(sys.executable).with_name("darien-map")
    assert script.exists(), "`pip install -e .` (make test) installs the darien-map console script"
    done = subprocess.run(
        [str(script), "--help"], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: darien-map")
    listed = subprocess.run(
        [str(script), "layers", "--json"], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
    )
    assert listed.returncode == 0, listed.stderr
    assert "migration_routes" in {row["id"] for row in json.loads(listed.stdout)}


def test_layers_lists_every_registered_layer_as_json():
    done = cli("layers", "--json")
    assert done.returncode == 0
    rows = json.loads(done.stdout)
    assert len(rows) == 11
    assert {"id": "patrol_zones", "confidence": "illustrative (4)"}.items() <= next(
        r for r in rows if r["id"] == "patrol_zones"
    ).items()


def test_export_clipped_to_a_bbox_writes_only_what_is_inside(tmp_path):
    out = tmp_path / "out.gpkg"
    done = cli(
        "export",
        "-f",
        "gpkg",
        "--layers",
        "reception_communities,migration_routes",
        "--bbox=-78.2,8.0,-77.5,8.7",
        "-o",
        str(out),
    )
    assert done.returncode == 0, done.stderr
    points = pyogrio.read_dataframe(out, layer="reception_communities")
    every = json.loads((ROOT / "data" / "reception_communities.geojson").read_text())["features"]
    inside = [
        f["properties"]["name"]
        for f in every
        if -78.2 <= f["geometry"]["coordinates"][0] <= -77.5 and 8.0 <= f["geometry"]["coordinates"][1] <= 8.7
    ]
    assert points["name"].tolist() == inside and 0 < len(inside) < len(every)
    assert "Necoclí" not in inside
    routes = pyogrio.read_dataframe(out, layer="migration_routes")
    minx, miny, maxx, maxy = routes.total_bounds
    assert minx >= -78.2 - 1e-9 and maxx <= -77.5 + 1e-9 and miny >= 8.0 - 1e-9 and maxy <= 8.7 + 1e-9
    assert routes["clipped"].any()


def test_export_clipped_to_a_polygon_file_to_stdout(tmp_path):
    area = tmp_path / "area.geojson"
    area.write_bytes(files.geojson_bytes(files.SAMPLE_POLYGONS))
    done = subprocess.run(
        [sys.executable, "-m", "geo", "export", "--layers", "darien_national_park", "--clip", str(area), "-o", "-"],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0
    doc = json.loads(done.stdout)
    assert doc["features"][0]["properties"]["clipped"] is True


def test_user_errors_exit_2_with_a_message_and_no_traceback(tmp_path):
    for args in (
        ("export", "--layers", "nope", "-o", str(tmp_path / "x")),
        ("export", "--bbox=1,2", "-o", str(tmp_path / "x")),
        ("validate", str(tmp_path / "missing.geojson")),
    ):
        done = cli(*args)
        assert done.returncode == 2, args
        assert done.stderr.startswith("error: ") and "Traceback" not in done.stderr
    evil = tmp_path / "evil.zip"
    evil.write_bytes(files.zip_of({"../x.shp": b"x"}))
    done = cli("validate", str(evil))
    assert done.returncode == 2
    assert done.stderr == "error: the archive entry '../x.shp' points outside the archive; it was not opened\n"


def test_validate_prints_the_report_and_exits_1_on_blocking_problems(tmp_path):
    good = tmp_path / "good.csv"
    good.write_text("name,lat,lon\nA,8.2,-77.5\n")
    done = cli("validate", str(good))
    assert done.returncode == 0 and "good.csv: csv, 1 features" in done.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("name,lat,lon\nA,8.2,-77.5\nB,8.3,-77.6,extra\n")
    done = cli("validate", str(bad), "--json")
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert report["summary"][0]["severity"] == "blocking"
    assert "line 3" in report["summary"][0]["problem"]


CORPUS = ROOT / "tests" / "importing" / "corpus"


def test_convert_writes_what_the_app_would_import(tmp_path):
    out = tmp_path / "tracks.geojson"
    done = cli("convert", str(CORPUS / "togeojson_gxmultitrack.kml"), "-o", str(out))
    assert done.returncode == 0, done.stderr
    features = json.loads(out.read_text())["features"]
    assert len(features) == 3 and "wrote" in done.stderr
    blocked = cli("convert", str(CORPUS / "shapefilejs_codepage_no_cpg.shp.zip"), "-o", str(tmp_path / "x.geojson"))
    assert blocked.returncode == 1 and "encoding" in blocked.stderr and not (tmp_path / "x.geojson").exists()
    chosen = cli("convert", str(CORPUS / "shapefilejs_codepage_no_cpg.shp.zip"), "--encoding", "cp1250", "-o", str(out))
    assert chosen.returncode == 0, chosen.stderr
    assert json.loads(out.read_text())["features"][1]["properties"]["field"] == "Hněvošický háj"


def test_convert_takes_the_collection_choice_and_writes_tables_as_csv(tmp_path):
    gc = tmp_path / "gc.geojson"
    gc.write_bytes(
        files.feature_collection(
            files.feature(
                {
                    "type": "GeometryCollection",
                    "geometries": [
                        {"type": "Point", "coordinates": [-77.5, 8.2]},
                        {"type": "LineString", "coordinates": [[-77, 8], [-77.1, 8.1]]},
                    ],
                },
                name="gc",
            )
        )
    )
    out = tmp_path / "out.geojson"
    done = cli("convert", str(gc), "--collections", "separate", "-o", str(out))
    assert done.returncode == 0, done.stderr
    kinds = sorted(f["geometry"]["type"] for f in json.loads(out.read_text())["features"])
    assert kinds == ["LineString", "Point"]
    table = tmp_path / "t.csv"
    done = cli("convert", str(CORPUS / "shapefilejs_codepage.dbf"), "--encoding", "cp1250", "-o", str(table))
    assert done.returncode == 0, done.stderr
    assert "Hněvošický háj" in table.read_text(encoding="utf-8-sig")


def test_validate_json_prints_the_report_and_what_was_kept():
    done = cli("validate", str(CORPUS / "pyogrio_test_gpkg_nulls.gpkg"), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    fields = {f["field"]: f for f in report["kept"]["fields"]}
    assert fields["col_bool"]["type"] == "boolean" and fields["col_int64"]["type"] == "integer"
    assert report["kept"]["features_in"] == report["kept"]["features_out"] == 4


def test_convert_and_validate_take_the_time_columns(tmp_path):
    survey = tmp_path / "puestos.csv"
    survey.write_text("lon,lat,fecha,fin\n-77.6,8.3,2023-05-14,2023-05-31\n-77.4,8.1,no sabe,\n", encoding="utf-8")
    out = tmp_path / "puestos.geojson"
    done = cli("convert", str(survey), "--valid-from", "fecha", "--valid-to", "fin", "-o", str(out))
    assert done.returncode == 0, done.stderr
    properties = [f["properties"] for f in json.loads(out.read_text())["features"]]
    assert [p["valid_from"] for p in properties] == ["2023-05-14", None]
    assert [p["valid_to"] for p in properties] == ["2023-06-01", None]  # the day after the last day
    assert [p["dated"] for p in properties] == [True, False]
    assert "cannot be read as a date" in done.stderr
    checked = cli("validate", str(survey), "--valid-from", "fecha", "--json")
    assert checked.returncode == 0, checked.stderr
    report = json.loads(checked.stdout)
    assert any("(features 2)" in row["problem"] for row in report["after_choices"])
    assert {"valid_from", "dated"} <= {f["field"] for f in report["kept"]["fields"] if f["status"] == "added"}
    plain = cli("convert", str(survey), "-o", str(out))
    assert "valid_from" not in json.loads(out.read_text())["features"][0]["properties"]
    assert plain.returncode == 0
