"""GPX (GPS exchange): waypoints, routes, tracks; GDAL's GPX driver, no DOCTYPEs.
Only layers that hold features are offered. A track segment of a single point
(common after a pause) is left out of the line and said, never a crash."""

from __future__ import annotations

import io

from geo.importing import gdal
from geo.importing.detect import refuse_xml_entities
from geo.importing.formats.base import Inspection, Read, ReadOptions, note
from geo.importing.formats.gpkg import choose_layer

DRIVER = "GPX"


def _non_empty_layers(data: bytes) -> list[str]:
    import pyogrio

    return [
        name
        for name in gdal.list_layers(data)
        if pyogrio.read_info(io.BytesIO(data), layer=name, force_feature_count=True)["features"] > 0
    ]


def inspect(data: bytes) -> Inspection:
    refuse_xml_entities(data)
    return Inspection("gpx", layers=_non_empty_layers(data))


def read(data: bytes, options: ReadOptions) -> Read:
    refuse_xml_entities(data)
    layer = choose_layer(_non_empty_layers(data), options.layer)
    result = gdal.read(data, layer, DRIVER)
    # GDAL adds every GPX element as a column; those without a value anywhere are left out, and said.
    attributes = result.frame.drop(columns=result.frame.geometry.name)
    empty = [c for c in attributes.columns if attributes[c].isna().all()]
    frame = result.frame.drop(columns=empty)
    notes = (
        [*result.notes, note("empty_gpx_fields", count=len(empty), fields=", ".join(empty))] if empty else result.notes
    )
    return Read(frame, result.crs, notes)
