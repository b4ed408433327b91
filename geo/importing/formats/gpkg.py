"""GeoPackage (.gpkg): read through GDAL's GPKG driver; one layer at a time."""

from __future__ import annotations

from geo.errors import ImportNeedsChoice
from geo.importing import gdal
from geo.importing.formats.base import Inspection, Read, ReadOptions

DRIVER = "GPKG"


def inspect(data: bytes) -> Inspection:
    return Inspection("gpkg", layers=gdal.list_layers(data))


def read(data: bytes, options: ReadOptions) -> Read:
    layers = gdal.list_layers(data)
    layer = choose_layer(layers, options.layer)
    result = gdal.read(data, layer, DRIVER)
    return Read(result.frame, _crs(result.frame), dropped_dimensions=_m(result.geometry_type))


def choose_layer(layers: list[str], wanted: str | None) -> str:
    """The one layer, or the one the user chose; several and none chosen is a question."""
    if wanted is not None:
        if wanted not in layers:
            raise ImportNeedsChoice(key="no_such_layer", wanted=wanted, layers=", ".join(layers))
        return wanted
    if len(layers) == 1:
        return layers[0]
    if not layers:
        from geo.errors import ImportRefused

        raise ImportRefused(key="no_layer")
    raise ImportNeedsChoice(key="choose_layer", count=len(layers), layers=", ".join(layers))


def _crs(frame) -> str | None:
    return frame.crs.to_wkt() if frame.crs is not None else None


def _m(geometry_type: str) -> str | None:
    return "M" if geometry_type.upper().endswith(("M", "ZM")) and not geometry_type.upper().endswith("NM") else None
