"""Small defects of #15 item 1f: the export file name counts the layers actually exported, two
uploaded layers never share a colour, the sources table never says a period "open – open"."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from geo.exporting.export import export, geojson_export
from geo.importing.pipeline import import_file
from geo.load import Layer
from geo.provenance import layer_summary, period_text
from geo.selection import Filters, what_to_export
from tests import files

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def test_the_file_name_counts_only_the_layers_with_features_in_the_file(bundled):
    chosen = [layer for layer in bundled if layer.spec.id in ("migration_routes", "patrol_zones", "towns")]
    # As of 2015-06, before Operación Chocó: the patrol zones are empty, the file holds two layers.
    shown = what_to_export("filtered", chosen, Filters(as_of="2015-06", undated="hide"))
    empty = [layer.spec.id for layer in shown if not len(layer.frame)]
    assert empty == ["patrol_zones"]
    for fmt in ("geojson", "csv", "gpkg"):
        name = export(shown, fmt, "en", now=NOW, as_of="2015-06", undated="hide").filename
        assert name.startswith("darien-corridor_migration_routes+towns_asof-2015-06_"), name
    name, text = geojson_export(shown, "en", NOW, as_of="2015-06", undated="hide")
    assert "patrol_zones" not in name
    assert {f["properties"]["layer"] for f in json.loads(text)["features"]} == {"migration_routes", "towns"}


def test_many_layers_counted_as_exported(bundled):
    layers = list(bundled)
    emptied = [Layer(layers[0].spec, layers[0].frame.iloc[:0], layers[0].replaces), *layers[1:]]
    assert f"_{len(layers) - 1}-layers_" in export(emptied, "geojson", "en", now=NOW).filename


def coloured(colour: str | None) -> bytes:
    frame = files.SAMPLE_LINES.assign(stroke=colour) if colour else files.SAMPLE_LINES
    return files.geojson_bytes(frame)


def test_two_uploaded_layers_never_get_the_same_colour():
    taken: list[str] = []
    for serial in range(1, 10):  # more layers than the palette has colours
        result = import_file(coloured(None), f"f{serial}.geojson", serial=serial, taken_colours=taken)
        taken += [layer.spec.style.color for layer in result.layers]
    assert len(taken) == 9 and len({c.lower() for c in taken}) == 9


def test_a_files_own_colour_is_kept_unless_another_layer_has_it():
    first = import_file(coloured("#ff0000"), "a.geojson").layers[0].spec.style.color
    second = import_file(coloured("#ff0000"), "b.geojson", serial=2, taken_colours=[first]).layers[0].spec.style.color
    assert first == "#ff0000" and second.lower() != "#ff0000"


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_sources_table_never_says_open_to_open(bundled, lang):
    table = layer_summary(list(bundled), lang)
    periods = table.iloc[:, 3].tolist()
    open_word = {"es": "abierto", "en": "open"}[lang]
    assert f"{open_word} – {open_word}" not in periods
    countries = periods[[layer.spec.id for layer in bundled].index("countries")]
    assert countries == {"es": "sin fechas", "en": "no dates"}[lang]  # a context layer has no period


def test_a_layer_with_some_undated_features_says_how_many():
    import pandas as pd

    frame = pd.DataFrame({"dated": [True, False], "valid_from": ["2022-11-25", None], "valid_to": [None, None]})
    assert period_text(frame, "es") == "25 nov. 2022 – abierto (1 sin fecha)"  # the day as Spanish writes it
