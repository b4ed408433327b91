"""`python -m geo.database`: check, set up the overviews, export a layer streamed."""

from __future__ import annotations

from geo.database.__main__ import main
from tests.database.conftest import layer_entry
from tests.database.test_app import _toml
from tests.rfc7946 import problems, strict_loads


def test_check_setup_and_export_from_the_command_line(db_url, conn, tmp_path, monkeypatch, capsys):
    conn.execute("TRUNCATE survey_points")
    conn.execute(
        "INSERT INTO survey_points (name, kind, geom) SELECT 'p' || i, 'k', ST_SetSRID(ST_MakePoint(-78 + i * 0.01, 8), 4326)"
        " FROM generate_series(1, 50) i"
    )
    config = tmp_path / "layers.toml"
    config.write_text(_toml(layer_entry()), encoding="utf-8")
    monkeypatch.setenv("DARIEN_DB_LAYERS", str(config))
    monkeypatch.setenv("DARIEN_DB_URL", db_url)
    assert main(["check"]) == 0 and "1 layer(s) match" in capsys.readouterr().out
    assert main(["setup", "--rebuild"]) == 0 and "survey_points: overviews built" in capsys.readouterr().out
    out = tmp_path / "out.geojson"
    assert main(["export", "survey_points", str(out), "--bbox", "-78", "7.9", "-77.7995", "8.1"]) == 0
    doc = strict_loads(out.read_text(encoding="utf-8"))
    assert problems(doc) == [] and len(doc["features"]) == 20
    assert main(["export", "nothing", str(out)]) == 2 and "no layer 'nothing'" in capsys.readouterr().err
    monkeypatch.setenv("DARIEN_DB_URL", "postgresql://secret@127.0.0.1:1/none")
    assert main(["check"]) == 2 and "secret" not in capsys.readouterr().err
    conn.execute("TRUNCATE survey_points")
