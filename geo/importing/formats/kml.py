"""KML and KMZ (Google Earth): GDAL's own KML driver (expat), no DOCTYPEs,
and for KMZ the archive checks first and only the main .kml document read."""

from __future__ import annotations

from geo.errors import ImportRefused
from geo.importing import archive, gdal
from geo.importing.detect import refuse_xml_entities
from geo.importing.formats.base import Inspection, Read, ReadOptions
from geo.importing.formats.gpkg import _crs, choose_layer

DRIVER = "KML"


def kml_document(data: bytes, fmt: str) -> bytes:
    """The KML text of a .kml file or of a .kmz archive (its doc.kml, or its only .kml)."""
    if fmt == "kmz":
        kmls = [m.name for m in archive.members(data) if m.name.lower().endswith(".kml")]
        main = [n for n in kmls if n.lower().endswith("doc.kml")] or kmls
        if len(main) != 1:
            raise ImportRefused(key="kmz_no_doc", count=len(kmls))
        data = archive.read_member(data, main[0])
    refuse_xml_entities(data)
    return data


def inspect(data: bytes, fmt: str = "kml") -> Inspection:
    return Inspection(fmt, layers=gdal.list_layers(kml_document(data, fmt)))


def read(data: bytes, options: ReadOptions, fmt: str = "kml") -> Read:
    document = kml_document(data, fmt)
    layer = choose_layer(gdal.list_layers(document), options.layer)
    result = gdal.read(document, layer, DRIVER)
    return Read(result.frame, _crs(result.frame))
