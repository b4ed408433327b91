"""Exports follow the date: what a file holds is the corridor as of the month chosen, and its
name and metadata say which month and what was done with undated features."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from xml.etree import ElementTree as ET

import pyogrio
import pytest
from matplotlib.figure import Figure

from geo.exporting.export import EXPORT_FORMATS, export, export_filename, geojson_text
from geo.selection import Filters, timed_ids, what_to_export

NOW = dt.datetime(2026, 11, 23, 14, 30, tzinfo=dt.UTC)
MISSION = ("migration_routes", "patrol_zones", "reception_communities")
KML = "{http://www.opengis.net/kml/2.2}"


@pytest.fixture(scope="module")
def visible(bundled):
    """The mission layers and one context layer, as loaded (every feature)."""
    return [layer for layer in bundled if layer.spec.id in (*MISSION, "countries")]


def as_of(visible, month, undated="show"):
    """What the map shows of `visible` as of `month`: what an export of it holds."""
    return what_to_export("filtered", visible, Filters(as_of=month, undated=undated))


@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
def test_every_format_is_named_for_its_month(visible, fmt):
    result = export(as_of(visible, "2023-09"), fmt, "en", now=NOW, as_of="2023-09", timed=timed_ids(visible))
    extension = EXPORT_FORMATS[fmt][0]
    if fmt in ("png", "pdf"):  # a print map is named by its map ID, which says the month too
        assert result.filename == f"COL-PAN_darien_corridor_A4_asof-2023-09_20261123.{extension}"
    else:
        assert result.filename == f"darien-corridor_4-layers_asof-2023-09_20261123-1430.{extension}"
    assert len(result.data) > 100


def test_a_name_without_a_month_is_as_before_and_a_wrong_month_is_refused():
    assert export_filename(["towns"], NOW) == "darien-corridor_towns_20261123-1430.geojson"
    with pytest.raises(ValueError, match="YYYY-MM"):
        export_filename(["towns"], NOW, as_of="2023-9")


def test_the_geojson_holds_the_month_and_says_which(visible):
    layers = as_of(visible, "2016-01", "hide")
    doc = json.loads(geojson_text(layers, "en", NOW, as_of="2016-01", undated="hide", timed=timed_ids(visible)))
    assert {k: v for k, v in doc["as_of"].items() if k != "note"} == {
        "month": "2016-01",
        "from": "2016-01-01",
        "to": "2016-02-01",
        "undated": "hide",
    }
    assert "left out" in doc["as_of"]["note"] and "context layers" in doc["as_of"]["note"]
    features = doc["features"]
    # The Cuban route through Puerto Obaldía (2015 to 9 May 2016), Lajas Blancas station (2009 to 2025),
    # no patrol zone yet (Operación Chocó: June 2023), no village (undated: hidden); the countries whole.
    assert {f["properties"]["route"] for f in features if f["properties"]["layer"] == "migration_routes"} == {
        "caribbean_puerto_obaldia"
    }
    assert [f["properties"]["id"] for f in features if f["properties"]["layer"] == "reception_communities"] == [
        "erm_lajas_blancas"
    ]
    assert not [f for f in features if f["properties"]["layer"] == "patrol_zones"]
    assert len([f for f in features if f["properties"]["layer"] == "countries"]) == 2
    meta = {m["id"]: m for m in doc["layers"]}
    assert meta["reception_communities"].items() >= {"as_of": "2016-01", "timed": True, "undated_features": 0}.items()
    assert meta["patrol_zones"]["timed"] is True and meta["patrol_zones"]["features"] == 0
    assert meta["countries"]["timed"] is False and meta["countries"]["undated_features"] is None


def test_undated_features_shown_are_counted_per_layer(visible):
    layers = as_of(visible, "2023-09")
    doc = json.loads(geojson_text(layers, "es", NOW, as_of="2023-09", timed=timed_ids(visible)))
    meta = {m["id"]: m for m in doc["layers"]}
    undated = [f for f in doc["features"] if f["properties"]["layer"] == "reception_communities"]
    assert meta["reception_communities"]["undated_features"] == sum(not f["properties"]["dated"] for f in undated)
    assert meta["reception_communities"]["undated_features"] == 19  # the towns and villages: no known period
    assert "incluidos" in doc["as_of"]["note"]


def test_a_timed_layer_left_with_only_undated_features_is_still_timed(visible):
    # As of 2010-01 no route is dated yet and only Lajas Blancas of the stations: judged on the layers
    # as loaded (timed_ids), the communities stay a timed layer whose 19 villages are undated.
    layers = as_of(visible, "2010-01")
    routes = next(layer for layer in layers if layer.spec.id == "migration_routes")
    assert routes.frame.empty
    doc = json.loads(geojson_text(layers, "en", NOW, as_of="2010-01", timed=timed_ids(visible)))
    meta = {m["id"]: m for m in doc["layers"]}
    assert meta["migration_routes"]["timed"] is True and meta["migration_routes"]["undated_features"] == 0


def test_geopackage_kml_and_shapefile_say_the_month(visible, tmp_path):
    layers = as_of(visible, "2023-09", "hide")
    timed = timed_ids(visible)
    gpkg = tmp_path / "x.gpkg"
    gpkg.write_bytes(export(layers, "gpkg", "en", now=NOW, as_of="2023-09", undated="hide", timed=timed).data)
    meta = pyogrio.read_info(gpkg, layer="reception_communities")["layer_metadata"]
    assert meta["as_of"] == "2023-09" and meta["undated"] == "hide" and "left out" in meta["as_of_note"]

    kml = ET.fromstring(export(layers, "kml", "es", now=NOW, as_of="2023-09", undated="hide", timed=timed).data)
    description = kml.find(f"{KML}Document/{KML}description").text
    assert "Situación a sep. 2023." in description and "omitidos" in description
    folder = next(f for f in kml.iter(f"{KML}Folder") if f.find(f"{KML}name").text == "Rutas migratorias")
    assert "as_of: 2023-09" in folder.find(f"{KML}description").text

    archive = zipfile.ZipFile(io.BytesIO(export(layers, "shapefile", "en", now=NOW, as_of="2023-09").data))
    readme = archive.read("README.txt").decode()
    assert "As of Sep 2023" in readme and "included" in readme and "as_of: 2023-09" in readme


def test_the_standalone_map_shows_its_month(visible):
    layers = as_of(visible, "2023-09")
    page = export(layers, "html", "en", now=NOW, as_of="2023-09", timed=timed_ids(visible)).data.decode()
    assert "As of Sep 2023" in page and "Undated features: shown, grey dashed outline" in page
    assert 'dcSetAsOf({"month":"2023-09"' in page.replace(" ", "")


@pytest.fixture
def drawn_text(monkeypatch):
    """Every text the print map writes: on the figure, and the legend's title and labels."""
    written = []
    text, legend = Figure.text, Figure.legend

    def record_text(self, x, y, s, *args, **kwargs):
        written.append(s)
        return text(self, x, y, s, *args, **kwargs)

    def record_legend(self, handles, labels, *args, **kwargs):
        written.extend([kwargs.get("title", ""), *labels])
        return legend(self, handles, labels, *args, **kwargs)

    monkeypatch.setattr(Figure, "text", record_text)
    monkeypatch.setattr(Figure, "legend", record_legend)
    return written


def test_the_print_map_says_its_month_in_the_users_language(visible, drawn_text):
    layers = as_of(visible, "2023-09")
    export(layers, "png", "es", now=NOW, as_of="2023-09", timed=timed_ids(visible), print_size=(800, 600))
    assert "Leyenda · Situación a sep. 2023" in drawn_text
    assert any(s.startswith("Situación a sep. 2023 · Elementos sin fecha conocida: mostrados") for s in drawn_text)
    assert "   19 sin fecha: se muestran marcados" in drawn_text
    drawn_text.clear()
    hidden = as_of(visible, "2023-09", "hide")
    export(hidden, "pdf", "en", now=NOW, as_of="2023-09", undated="hide", timed=timed_ids(visible))
    assert "Legend · As of Sep 2023" in drawn_text and not any("undated: shown" in s for s in drawn_text)


def test_a_print_map_without_a_month_says_none(visible, drawn_text):
    export(visible, "png", "en", now=NOW, print_size=(800, 600))
    assert "Legend" in drawn_text and not any("As of" in s or "undated" in s for s in drawn_text)


@pytest.mark.parametrize(("month", "undated"), [("2023-9", "show"), ("2023-09", "grey")])
def test_a_month_or_choice_that_is_not_one_is_refused(visible, month, undated):
    with pytest.raises(ValueError):
        export(visible, "geojson", "en", now=NOW, as_of=month, undated=undated)
