"""A database layer's view on the map (geo/webmap/database.py): values stay data, the note says
when the view is capped or aggregated, in both languages. No database needed: views made by hand."""

from __future__ import annotations

import json

import pytest

from geo.database.config import parse_layer
from geo.database.view import View
from geo.i18n import t
from geo.webmap.build import build_map
from geo.webmap.database import database_group, geometries_json, view_note
from tests.database.conftest import layer_entry

HOSTILE = "</script><script>alert(1)</script>{{ 7*7 }}"


def _layer():
    return parse_layer(layer_entry(title={"es": HOSTILE, "en": HOSTILE}, source=HOSTILE))


def _features(total: int = 2) -> View:
    return View(
        "survey_points",
        "features",
        12,
        total,
        attributes=("name", "kind"),
        geometries=['{"type":"Point","coordinates":[-77.5,8.25]}', None],
        rows=[(HOSTILE, "a"), ("b", None)],
        provenance={"source": HOSTILE, "confidence": "reported", "licence": "L"},
    )


def sample_overlay():
    """One overlay with a features view and a cells view (also used by tests/webmap/test_js.py)."""
    layer = _layer()
    cells = View("survey_points", "cells", 8, 1234, cells=[(-77.5, 8.2, 1000), (-77.0, 8.0, 234)])
    return database_group([(layer, _features(total=10)), (layer, cells)], "es")


def test_the_overlay_carries_values_as_data_never_as_markup_or_template():
    fmap = build_map([], "es")
    fmap.add_child(sample_overlay())
    page = fmap.get_root().render()
    assert "<script>alert(1)" not in page and "{{ 7*7 }}" not in page
    payload = page[page.index("window.dcDatabaseView(") :]
    # The hostile value is there, escaped: JavaScript reads it back as the same text.
    assert "\\u003c/script\\u003e" in payload and "\\u007b\\u007b 7*7 \\u007d\\u007d" in payload


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_note_says_capped_aggregated_or_all_in_each_language(lang):
    layer = _layer()
    capped = view_note(layer, _features(total=10_000), lang)
    assert capped == t("db.capped", lang, layer=HOSTILE, shown=2, total=10_000)
    cells = view_note(layer, View("survey_points", "cells", 8, 5_000_000, cells=[(0, 0, 5_000_000)]), lang)
    written = {"es": "5.000.000", "en": "5,000,000"}[lang]  # as each language writes it
    assert written in cells and cells == t("db.cells", lang, layer=HOSTILE, total=5_000_000)
    assert view_note(layer, _features(total=2), lang) == t("db.all", lang, layer=HOSTILE, total=2)


def test_geometries_travel_as_written_and_anything_unexpected_is_escaped():
    assert json.loads(geometries_json(_features())) == [{"type": "Point", "coordinates": [-77.5, 8.25]}, None]
    odd = View("x", "features", 1, 1, geometries=['{"type":"Point","coordinates":[0,0],"x":"<b>{{"}'], rows=[()])
    text = geometries_json(odd)
    assert "<" not in text and "{{" not in text and json.loads(text)[0]["x"] == "<b>{{"
