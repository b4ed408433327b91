"""GeoPackage (.gpkg): read through GDAL's GPKG driver; one layer at a time.
Curved geometries are linearised by GDAL on read; how many were is said."""

from __future__ import annotations

from geo.errors import ImportNeedsChoice, ImportRefused
from geo.importing import gdal
from geo.importing.formats.base import Inspection, Read, ReadOptions, note
from geo.importing.geometry import ARC_STEP_DEGREES

DRIVER = "GPKG"


def inspect(data: bytes) -> Inspection:
    return Inspection("gpkg", layers=gdal.list_layers(data))


def read(data: bytes, options: ReadOptions) -> Read:
    layers = gdal.list_layers(data)
    layer = choose_layer(layers, options.layer)
    result = gdal.read(data, layer, DRIVER)
    notes = list(result.notes)
    curved = gdal.declared_curves(data, layer)
    if curved:
        notes.append(note("curve_linearised", count=curved, step=f"{ARC_STEP_DEGREES:g}"))
    return Read(result.frame, result.crs, notes)


def choose_layer(layers: list[str], wanted: str | None) -> str:
    """The one layer, or the one the user chose; several and none chosen is a question."""
    if wanted is not None:
        if wanted not in layers:
            raise ImportNeedsChoice(key="no_such_layer", wanted=wanted, layers=", ".join(layers))
        return wanted
    if len(layers) == 1:
        return layers[0]
    if not layers:
        raise ImportRefused(key="no_layer")
    raise ImportNeedsChoice(key="choose_layer", count=len(layers), layers=", ".join(layers))
