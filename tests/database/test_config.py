"""The configuration names the tables; the catalogue must agree; names are never SQL text."""

from __future__ import annotations

import pytest

from geo.database import check_catalogue, query_view
from geo.database.config import DatabaseConfigError, database_url, parse_layer, read_config
from tests.database.conftest import layer_entry

HOSTILE = "x'); DROP TABLE survey_points; --"


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"table": "survey_points"}, "schema.table"),
        ({"table": 'public."survey_points"'}, "plain lower-case SQL name"),
        ({"table": "public.survey_points; DROP TABLE x"}, "plain lower-case SQL name"),
        ({"geometry_column": 'geom"'}, "plain lower-case SQL name"),
        ({"attributes": ["name", HOSTILE]}, "plain lower-case SQL name"),
        ({"attributes": ["Name"]}, "plain lower-case SQL name"),
        ({"id": "a b"}, "plain lower-case SQL name"),
        ({"geometry": "Circle"}, "geometry must be"),
        ({"confidence": "sure"}, "confidence must be"),
        ({"attributes": ["source"]}, "may not be"),
        ({"color": "red; background:url(x)"}, "#rrggbb"),
        ({"title": {"es": "Solo"}}, "title needs"),
        ({"extra": 1}, "unknown keys ['extra']"),
        ({"overviews": "yes"}, "true or false"),
    ],
)
def test_a_malformed_entry_is_refused_naming_the_problem(changes, problem):
    with pytest.raises(DatabaseConfigError) as caught:
        parse_layer(layer_entry(**changes))
    assert problem in str(caught.value)
    assert caught.value.message("es").startswith("la configuración")


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"table": "public.no_such_table"}, "no geometry column public.no_such_table.geom"),
        ({"geometry_column": "shape"}, "no geometry column public.survey_points.shape"),
        ({"attributes": ["name", "colour"]}, "no columns ['colour']"),
        ({"geometry": "Polygon", "overviews": False}, "is POINT, not Polygon"),
    ],
)
def test_names_the_catalogue_does_not_know_are_refused(conn, changes, problem):
    with pytest.raises(DatabaseConfigError, match=problem.replace("[", r"\[").replace("]", r"\]")):
        check_catalogue(conn, parse_layer(layer_entry(**changes)))


def test_sql_in_a_title_or_source_stays_a_value(conn):
    layer = parse_layer(layer_entry(title={"es": HOSTILE, "en": HOSTILE}, source=HOSTILE))
    check_catalogue(conn, layer)
    conn.execute(
        "INSERT INTO survey_points (name, kind, geom) VALUES (%s, 'k', ST_SetSRID(ST_MakePoint(-78, 8), 4326))",
        (HOSTILE,),
    )
    view = query_view(conn, layer, (-78.1, 7.9, -77.9, 8.1), zoom=15)
    assert HOSTILE in {f["properties"]["name"] for f in view.features()}
    assert {f["properties"]["source"] for f in view.features()} == {HOSTILE}
    assert conn.execute("SELECT to_regclass('public.survey_points') IS NOT NULL").fetchone()[0]
    conn.execute("DELETE FROM survey_points WHERE name = %s", (HOSTILE,))


def test_the_file_is_read_and_a_duplicate_id_is_refused(tmp_path):
    path = tmp_path / "layers.toml"
    entry = '[[layer]]\nid = "a"\ntitle = { es = "A", en = "A" }\ntable = "public.t"\ngeometry_column = "geom"\n'
    entry += 'geometry = "Point"\nsource = "S"\nlicence = "L"\nconfidence = "official"\n'
    path.write_text(entry, encoding="utf-8")
    (layer,) = read_config(path)
    assert (layer.schema, layer.table, layer.spec.origin, layer.overviews) == ("public", "t", "database", True)
    path.write_text(entry + entry, encoding="utf-8")
    with pytest.raises(DatabaseConfigError, match="duplicate"):
        read_config(path)
    path.write_text("[[layer]\n", encoding="utf-8")
    with pytest.raises(DatabaseConfigError, match="TOMLDecodeError"):
        read_config(path)


def test_the_url_comes_from_darien_db_url_else_a_postgresql_store():
    assert database_url({"DARIEN_DB_URL": "postgresql://a/b", "DARIEN_STORE": "postgresql://c/d"}) == "postgresql://a/b"
    assert database_url({"DARIEN_STORE": "postgresql://c/d"}) == "postgresql://c/d"
    assert database_url({"DARIEN_STORE": "var/workspaces.gpkg"}) is None
    assert database_url({}) is None


def test_an_id_already_used_by_a_layer_and_a_missing_url_are_refused():
    from geo.database.config import check_ids_free, required_url

    layer = parse_layer(layer_entry(id="migration_routes"))
    with pytest.raises(DatabaseConfigError, match="already used"):
        check_ids_free([layer], {"migration_routes", "towns"})
    check_ids_free([parse_layer(layer_entry())], {"migration_routes"})
    with pytest.raises(DatabaseConfigError, match="DARIEN_DB_URL"):
        required_url({"DARIEN_DB_LAYERS": "x.toml", "DARIEN_STORE": "var/store.gpkg"})
