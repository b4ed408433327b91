"""Database layers on the live map: one overlay per view (geo.database.View), never the map again.

The map itself is built once (geo/webmap/build.py); what a database layer shows depends on the
view, so it travels as an overlay for streamlit-folium's `feature_group_to_add`: after a pan or a
zoom the app queries the new view and the component swaps the overlay on the live map. The overlay
draws the features (or, for a wide view of a big point table, the counts per cell, marked as
aggregates) with js/databaselayer.js and puts the layer's note on the map ("zoom in to see all N",
"counts per cell"). Values travel as JSON made by geo.escape and reach the page as text
(`textContent`), never as HTML.
"""

from __future__ import annotations

import json

import folium
from branca.element import MacroElement
from jinja2 import Template

from geo.database.config import DatabaseLayer
from geo.database.view import View
from geo.escape import script_json
from geo.i18n import field_label, label, t
from geo.webmap import resources
from geo.webmap.elements import RawScriptMacro


def view_note(layer: DatabaseLayer, view: View, lang: str) -> str:
    """What the map and the page say about the view: capped, aggregated, or all of it."""
    title = layer.spec.title[lang]
    if view.kind == "cells":
        return t("db.cells", lang, layer=title, total=view.total)
    if view.capped:
        return t("db.capped", lang, layer=title, shown=view.shown, total=view.total)
    return t("db.all", lang, layer=title, total=view.total)


class DatabaseView(RawScriptMacro, MacroElement):
    """One database layer's view, drawn into its parent group by js/databaselayer.js."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.library }}
        window.dcDatabaseView({{ this._parent.get_name() }}, {{ this.payload }}, {{ this.geometries }});
        {% endmacro %}
        """
    )

    def __init__(self, payload: dict, geometries: str):
        super().__init__()
        self._name = "DatabaseView"
        self.library = resources.js("infobox.js") + resources.js("databaselayer.js")
        self.payload = script_json(payload)
        self.geometries = geometries


def geometries_json(view: View) -> str:
    """The view's geometries as one JSON array, from the GeoJSON text PostGIS wrote.

    That text holds numbers, brackets and the type names only (no attribute, no text from data),
    so it is put on the page as it is; anything else (never seen) goes through script_json."""
    text = "[" + ",".join(g if g is not None else "null" for g in view.geometries) + "]"
    if any(mark in text for mark in ("<", ">", "&", "'", "{{", "{%", "{#", "\u2028", "\u2029")):
        return script_json(json.loads(text))
    return text


def view_payload(layer: DatabaseLayer, view: View, lang: str) -> dict:
    """What js/databaselayer.js takes for one layer's view (the geometries apart: `geometries_json`).
    Attributes travel by column: each field's values in feature order."""
    spec = layer.spec
    fields = [*layer.attributes, "confidence", "source"]
    return {
        "id": spec.id,
        "title": spec.title[lang],
        "kind": view.kind,
        "style": spec.style.for_feature({"confidence": layer.confidence}),
        "radius": spec.style.radius,
        "columns": {a: [row[i] for row in view.rows] for i, a in enumerate(layer.attributes)},
        "provenance": layer.provenance,
        "cells": [[x, y, n, t("db.cell_count", lang, n=n)] for x, y, n in view.cells],
        "fields": fields,
        "labels": {f: field_label(f, lang) for f in fields},
        "values": {"confidence": {layer.confidence: label("confidence", layer.confidence, lang)}},
        "note": view_note(layer, view, lang) if view.kind == "cells" or view.capped else "",
    }


def database_group(views: list[tuple[DatabaseLayer, View]], lang: str) -> folium.FeatureGroup:
    """Every database layer's view as one overlay for `feature_group_to_add`."""
    group = folium.FeatureGroup(name="database_layers", control=False)
    for layer, view in views:
        group.add_child(DatabaseView(view_payload(layer, view, lang), geometries_json(view)))
    return group
