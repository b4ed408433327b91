"""File formats: one module per format. This list is explicit; nothing registers itself.

`inspect` and `read` are what the import worker calls; `detect` decides the
format from the bytes.
"""

from __future__ import annotations

from geo.importing.detect import detect
from geo.importing.formats import csv, dbf, esrijson, geojson, gpkg, gpx, kml, shapefile
from geo.importing.formats.base import Inspection, Read, ReadOptions

#: Format id -> (human name, module). KMZ is KML inside a zip.
FORMATS = {
    "geojson": ("GeoJSON", geojson),
    "esrijson": ("Esri JSON", esrijson),
    "gpkg": ("GeoPackage", gpkg),
    "shapefile": ("Shapefile (zip)", shapefile),
    "kml": ("KML", kml),
    "kmz": ("KMZ", kml),
    "gpx": ("GPX", gpx),
    "csv": ("CSV", csv),
    "dbf": ("dBASE table (.dbf)", dbf),
}


def inspect(fmt: str, data: bytes) -> Inspection:
    module = FORMATS[fmt][1]
    return module.inspect(data, fmt) if module is kml else module.inspect(data)


def read(fmt: str, data: bytes, options: ReadOptions) -> Read:
    module = FORMATS[fmt][1]
    return module.read(data, options, fmt) if module is kml else module.read(data, options)


__all__ = ["FORMATS", "Inspection", "Read", "ReadOptions", "detect", "inspect", "read"]
