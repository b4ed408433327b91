"""What a file is, decided by its content, never by its name."""

from __future__ import annotations

import re

from geo.errors import ImportRefused
from geo.importing import archive

ZIP_MAGIC = b"PK\x03\x04"
SQLITE_MAGIC = b"SQLite format 3\x00"
GPKG_APPLICATION_IDS = (b"GPKG", b"GP10", b"GP11")

_XML_ROOT = re.compile(rb"<(?![?!])([A-Za-z_][\w.:-]*)")

#: Members only an Esri JSON FeatureSet has (GeoJSON has "type": "Feature..." instead).
_ESRI_KEYS = re.compile(rb'"(geometryType|spatialReference|attributes|objectIdFieldName)"\s*:')
#: A whole file that is one JSON value other than an object or array (`null`, `true`, `12`, `"x"`):
#: JSON, refused by the GeoJSON reader as such, not a one-column CSV without rows.
_JSON_SCALAR = re.compile(rb'null|true|false|-?\d+(\.\d+)?([eE][+-]?\d+)?|"[^"\r\n]*"')

_GEOJSON_TYPE = re.compile(
    rb'"type"\s*:\s*"(Feature|FeatureCollection|Point|LineString|Polygon|Multi|GeometryCollection)'
)


def detect(data: bytes) -> str:
    """One of 'geojson', 'esrijson', 'gpkg', 'shapefile', 'kml', 'kmz', 'gpx', 'dbf', 'csv'.

    Raises ImportRefused, saying what the file seems to be, for anything else.
    """
    if not data:
        raise ImportRefused(key="empty")
    if data.startswith(ZIP_MAGIC):
        return _zip_kind(data)
    if data.startswith(SQLITE_MAGIC):
        if data[68:72] in GPKG_APPLICATION_IDS:
            return "gpkg"
        raise ImportRefused(key="sqlite_not_gpkg")
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"{", b"[")) or (len(data) <= 4096 and _JSON_SCALAR.fullmatch(head.rstrip(b" \t\r\n"))):
        sample = data[:65536]
        if _ESRI_KEYS.search(sample) and not _GEOJSON_TYPE.search(sample):
            return "esrijson"
        return "geojson"
    if head.startswith(b"<"):
        return _xml_kind(data)
    from geo.importing.formats.dbf import looks_like_dbf

    if looks_like_dbf(data):
        return "dbf"
    if b"\x00" in data[:4096]:
        raise ImportRefused(key="binary_unknown")
    return "csv"


def _zip_kind(data: bytes) -> str:
    names = [m.name.lower() for m in archive.members(data)]
    if any(n.endswith(".shp") for n in names):
        return "shapefile"
    if any(n.endswith(".kml") for n in names):
        return "kmz"
    if any(n.endswith(".dbf") for n in names):
        return "shapefile"  # dBASE tables alone: read as tables without geometry
    raise ImportRefused(key="zip_unknown")


def _xml_kind(data: bytes) -> str:
    match = _XML_ROOT.search(data[:65536])
    name = match.group(1).split(b":")[-1] if match else b""
    root = name.lower()
    if root == b"kml":
        return "kml"
    if root == b"gpx":
        return "gpx"
    shown = name.decode("ascii", "replace")[:40] or "unknown"
    raise ImportRefused(key="xml_unknown", root=shown)


def refuse_xml_entities(data: bytes) -> None:
    """KML and GPX never need a DOCTYPE; one is how entity expansion attacks start."""
    lowered = data[:1_000_000].lower()
    if b"<!doctype" in lowered or b"<!entity" in lowered:
        raise ImportRefused(key="xml_entities")
