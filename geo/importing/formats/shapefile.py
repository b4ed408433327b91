"""Zipped Shapefile: the archive is checked, one shapefile chosen, and only its
parts handed to GDAL's ESRI Shapefile driver, repacked into a clean zip.

The text encoding comes from the `.cpg`, else the DBF's language driver byte;
when neither says it and the text is not UTF-8 the user is asked (see `dbf`).
MultiPatch shapes (TINs, triangle strips) become polygons, and the report says so."""

from __future__ import annotations

import posixpath

from geo.errors import ImportRefused
from geo.importing import archive, gdal
from geo.importing.formats import dbf
from geo.importing.formats.base import Inspection, Read, ReadOptions, note
from geo.importing.formats.gpkg import choose_layer

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
    if not found:  # a zip of dBASE tables alone: each is a table without geometry
        for name in names:
            stem, ext = posixpath.splitext(name)
            if ext.lower() == ".dbf":
                found[posixpath.basename(stem)] = [
                    n
                    for n in names
                    if posixpath.splitext(n)[0] == stem and posixpath.splitext(n)[1].lower() in (".dbf", ".cpg")
                ]
    if not found:
        raise ImportRefused(key="shp_none")
    return found


def inspect(data: bytes) -> Inspection:
    return Inspection("shapefile", layers=sorted(shapefiles(data)))


def read(data: bytes, options: ReadOptions) -> Read:
    found = shapefiles(data)
    layer = choose_layer(sorted(found), options.layer)
    parts = {posixpath.splitext(n)[1].lower(): n for n in found[layer]}
    table = archive.read_member(data, parts[".dbf"])
    cpg = archive.read_member(data, parts[".cpg"]) if ".cpg" in parts else None
    encoding, notes = dbf.encoding_of(table, cpg, options.encoding)
    if ".shp" not in parts:
        frame, more = dbf.table(table, encoding or "cp1252")
        return Read(frame, None, [*notes, *more, note("table_only", what="dBASE (.dbf)")])
    clean = archive.repack(data, [n for ext, n in parts.items() if ext != ".cpg"])
    result = gdal.read(clean, None, DRIVER, encoding=encoding or "cp1252")
    return Read(result.frame, result.crs, [*result.notes, *notes])
