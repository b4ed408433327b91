"""Exporting the bundled layers: valid, complete, labelled, named for what is in them."""

from __future__ import annotations

import datetime as dt
import io

import pyogrio
import pytest
import shapely
from shapely.geometry import shape

from geo.errors import ExportError
from geo.exporting.export import geojson_export
from geo.exporting.geojson import json_value
from tests.rfc7946 import problems, strict_loads

NOW = dt.datetime(2026, 11, 23, 14, 30, tzinfo=dt.UTC)


def test_all_visible_layers_export_as_one_valid_feature_collection(bundled):
    name, text = geojson_export(bundled, "en", now=NOW)
    doc = strict_loads(text)
    assert problems(doc) == []
    assert name == "darien-corridor_11-layers_20261123-1430.geojson"
    assert len(doc["features"]) == sum(len(layer.frame) for layer in bundled)
    counts = {}
    for feature in doc["features"]:
        counts[feature["properties"]["layer"]] = counts.get(feature["properties"]["layer"], 0) + 1
    assert counts == {layer.spec.id: len(layer.frame) for layer in bundled}


def test_every_exported_feature_keeps_its_provenance_and_caveat(bundled):
    doc = strict_loads(geojson_export(bundled, "es", now=NOW)[1])
    for feature in doc["features"]:
        props = feature["properties"]
        assert props["source"] and props["confidence"] and props["licence"]
        if props["confidence"] in ("approximate", "illustrative"):
            assert props["caveat"], props["layer"]
    meta = {m["id"]: m for m in doc["layers"]}
    assert meta["darien_national_park"]["caveat"] == "Aproximado, no es un límite oficial."
    assert meta["patrol_zones"]["caveat"].startswith("Escenario ilustrativo")
    assert meta["provinces_comarcas"]["licence"] == "ODbL 1.0"


@pytest.mark.parametrize(
    "layer_id", ["migration_routes", "darien_national_park", "patrol_zones", "reception_communities"]
)
def test_one_layer_round_trips_features_and_values(bundled, layer_id):
    layer = next(candidate for candidate in bundled if candidate.spec.id == layer_id)
    name, text = geojson_export([layer], "es", now=NOW)
    assert name == f"darien-corridor_{layer_id}_20261123-1430.geojson"
    doc = strict_loads(text)
    assert problems(doc) == []
    source = layer.frame.drop(columns="geometry").to_dict(orient="records")
    assert len(doc["features"]) == len(source)
    for feature, record, geom in zip(doc["features"], source, layer.frame.geometry):
        props = dict(feature["properties"])
        assert props.pop("layer") == layer_id
        assert props == {k: json_value(v) for k, v in record.items()}
        assert shapely.equals_exact(
            shapely.normalize(shape(feature["geometry"])), shapely.normalize(geom), tolerance=1e-6
        )
    # GDAL reads it back with every feature and column.
    reread = pyogrio.read_dataframe(io.BytesIO(text.encode("utf-8")))
    assert len(reread) == len(layer.frame)
    assert set(layer.frame.columns) <= set(reread.columns)


def test_nothing_visible_is_a_clear_error():
    with pytest.raises(ExportError, match="no visible layer"):
        geojson_export([], "es")


def test_exported_values_equal_the_bundled_files_exactly(bundled):
    """Nothing is quietly altered between the data file and the download."""
    from geo.load import DATA_DIR

    doc = strict_loads(geojson_export(bundled, "es", now=NOW)[1])
    exported = [{k: v for k, v in f["properties"].items() if k != "layer"} for f in doc["features"]]
    original = []
    for layer in bundled:
        original += [
            f["properties"] for f in strict_loads((DATA_DIR / layer.spec.data_file).read_text("utf-8"))["features"]
        ]
    assert exported == original
