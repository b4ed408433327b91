"""Zipped Shapefile: the archive is checked, one shapefile chosen, and only its
parts handed to GDAL's ESRI Shapefile driver, repacked into a clean zip."""

from __future__ import annotations

import posixpath

from geo.errors import ImportRefused
from geo.importing import archive, gdal
from geo.importing.formats.base import Inspection, Read, ReadOptions
from geo.importing.formats.gpkg import _crs, _m, choose_layer

DRIVER = "ESRI Shapefile"
REQUIRED_PARTS = (".shp", ".shx", ".dbf")
OPTIONAL_PARTS = (".prj", ".cpg")


def shapefiles(data: bytes) -> dict[str, list[str]]:
    """Each shapefile in the archive (by name) -> the member names of its parts."""
    found: dict[str, list[str]] = {}
    names = [m.name for m in archive.members(data)]
    for name in names:
        stem, ext = posixpath.splitext(name)
        if ext.lower() == ".shp":
            parts = [
                n
                for n in names
                if posixpath.splitext(n)[0] == stem
                and posixpath.splitext(n)[1].lower() in REQUIRED_PARTS + OPTIONAL_PARTS
            ]
            missing = [e for e in REQUIRED_PARTS if not any(p.lower().endswith(e) for p in parts)]
            if missing:
                raise ImportRefused(key="shp_missing_parts", name=posixpath.basename(stem), parts=", ".join(missing))
            found[posixpath.basename(stem)] = parts
    if not found:
        raise ImportRefused(key="shp_none")
    return found


def inspect(data: bytes) -> Inspection:
    return Inspection("shapefile", layers=sorted(shapefiles(data)))


def read(data: bytes, options: ReadOptions) -> Read:
    found = shapefiles(data)
    layer = choose_layer(sorted(found), options.layer)
    clean = archive.repack(data, found[layer])
    result = gdal.read(clean, None, DRIVER)
    return Read(result.frame, _crs(result.frame), dropped_dimensions=_m(result.geometry_type))
