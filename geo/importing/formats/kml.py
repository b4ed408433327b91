"""KML and KMZ (Google Earth, Google My Maps), read by this module with the standard library's
expat parser, after DOCTYPEs and entities are refused (`refuse_xml_entities`).

Every Placemark becomes a feature, with or without geometry, in one layer:
- `Name`, `description` (as GDAL names them), `folder` (the path of Folder names holding it);
- every `ExtendedData` field: `<Data name>` values as text, `<SchemaData>` values typed by their
  `<Schema>` (int, double, bool; the rest text);
- `timestamp` (TimeStamp), `begin`/`end` (TimeSpan, and a track's first and last time);
- simple styles the map can use: `stroke`, `stroke_opacity`, `stroke_width`, `fill`,
  `fill_opacity` (inline, or shared through `styleUrl` and `StyleMap`);
- geometry: Point, LineString, LinearRing, Polygon (rings closed if the file left them open),
  MultiGeometry (a geometry collection when its parts differ), several geometries side by side,
  `gx:Track` and `gx:MultiTrack` (lines, with every `when` kept in `timestamps`), Model (its location).

A KMZ's main document is read; its images and other files are never opened.
"""

from __future__ import annotations

import datetime as _dt
import re
from xml.etree import ElementTree as ET

import geopandas as gpd
import pandas as pd

from geo.errors import ImportRefused
from geo.importing import archive
from geo.importing.detect import refuse_xml_entities
from geo.importing.formats.base import Inspection, Read, ReadOptions, note
from geo.importing.geometry import GeometryUnreadable, Node, build

#: Geometry elements of a Placemark (local names).
GEOMETRIES = ("Point", "LineString", "LinearRing", "Polygon", "MultiGeometry", "Track", "MultiTrack", "Model")
#: OGC names some writers use instead of MultiGeometry.
MULTI_ALIASES = ("MultiPolygon", "MultiLineString", "MultiPoint")
#: SimpleField types -> how their values are read.
SCHEMA_TYPES = {"int": "int", "uint": "int", "short": "int", "ushort": "int", "float": "float", "double": "float"}


def kml_document(data: bytes, fmt: str) -> tuple[bytes, list[dict]]:
    """(the KML text of a .kml file or of a .kmz archive's main document, notes)."""
    notes = []
    if fmt == "kmz":
        names = [m.name for m in archive.members(data)]
        kmls = [n for n in names if n.lower().endswith(".kml")]
        main = [n for n in kmls if n.lower().endswith("doc.kml")] or kmls
        if len(main) != 1:
            raise ImportRefused(key="kmz_no_doc", count=len(kmls))
        others = [n for n in names if n != main[0]]
        if others:
            notes.append(note("kmz_files_ignored", count=len(others), files=", ".join(others[:10])))
        data = archive.read_member(data, main[0])
    refuse_xml_entities(data)
    return data, notes


def inspect(data: bytes, fmt: str = "kml") -> Inspection:
    kml_document(data, fmt)
    return Inspection(fmt)


def read(data: bytes, options: ReadOptions, fmt: str = "kml") -> Read:
    document, notes = kml_document(data, fmt)
    try:
        root = ET.fromstring(document)
    except ET.ParseError as exc:
        line, column = exc.position
        raise ImportRefused(key="kml_unreadable", line=line, column=column, reason=_expat_reason(exc)) from None
    if _local(root.tag) != "kml":
        raise ImportRefused(key="xml_unknown", root=_local(root.tag)[:40])
    reader = _Reader(root)
    reader.walk(root, [])
    frame = gpd.GeoDataFrame(_columns(reader.records, reader.types), geometry=reader.geometries)
    notes += reader.notes
    return Read(frame, None, notes)


class _Reader:
    def __init__(self, root):
        self.records: list[dict] = []
        self.geometries: list = []
        self.notes: list[dict] = []
        self.types: dict[str, str] = {}
        self.styles = _styles(root)
        self.schemas = _schemas(root)
        self.fixed: dict[str, list[int]] = {}

    def walk(self, element, folders: list[str]) -> None:
        for child in element:
            tag = _local(child.tag)
            if tag == "Folder":
                self.walk(child, [*folders, _text(child, "name") or ""])
            elif tag == "Document":
                self.walk(child, folders)
            elif tag == "Placemark":
                self.placemark(child, folders)
        if element is not None and _local(element.tag) == "kml":
            for code, rows in sorted(self.fixed.items()):
                self.notes.append(note("geometry_fixed", fix=code, features=rows))

    def placemark(self, placemark, folders: list[str]) -> None:
        index = len(self.records)
        record: dict = {"Name": _text(placemark, "name"), "description": _text(placemark, "description")}
        if folders:
            record["folder"] = " / ".join(f for f in folders if f) or None
        for key, value in self.extended(placemark).items():
            self.put(record, key, value)
        when = _child(_child(placemark, "TimeStamp"), "when")
        if when is not None:
            record["timestamp"] = _when(when.text)
        span = _child(placemark, "TimeSpan")
        if span is not None:
            record["begin"], record["end"] = _when(_text(span, "begin")), _when(_text(span, "end"))
        record |= self.style(placemark)
        geometries = [g for g in placemark if _local(g.tag) in GEOMETRIES + MULTI_ALIASES]
        geometry = None
        try:
            nodes = [self.node(g, record) for g in geometries]
            nodes = [n for n in nodes if n is not None]
            if nodes:
                node = nodes[0] if len(nodes) == 1 else Node("GEOMETRYCOLLECTION", parts=nodes)
                geometry, fixes = build(node)
                for code in fixes:
                    self.fixed.setdefault(code, []).append(index)
        except GeometryUnreadable as exc:
            self.notes.append(note("geometry_unreadable", feature=index, reason=str(exc)))
        self.records.append({k: v for k, v in record.items() if v is not None})
        self.geometries.append(geometry)

    def put(self, record: dict, key: str, value) -> None:
        name, n = key, 1
        while name in record:
            n += 1
            name = f"{key}_{n}"
        if name != key and not any(x.get("old") == key and x.get("new") == name for x in self.notes):
            self.notes.append(note("renamed_field", old=key, new=name, reason="duplicate"))
        record[name] = value

    def extended(self, placemark) -> dict:
        out: dict = {}
        data = _child(placemark, "ExtendedData")
        if data is None:
            return out
        for item in data:
            tag = _local(item.tag)
            if tag == "Data" and item.get("name"):
                out[item.get("name")] = _text(item, "value") or ""
            elif tag == "SchemaData":
                fields = self.schemas.get((item.get("schemaUrl") or "").lstrip("#"), {})
                for simple in item:
                    if _local(simple.tag) == "SimpleData" and simple.get("name"):
                        name = simple.get("name")
                        kind = fields.get(name, "string")
                        out[name] = _typed(simple.text, kind)
                        self.types.setdefault(name, kind)
        return out

    def style(self, placemark) -> dict:
        inline = _child(placemark, "Style")
        if inline is not None:
            return _style_values(inline)
        url = (_text(placemark, "styleUrl") or "").strip()
        return self.styles.get(url.split("#")[-1], {}) if url.startswith("#") or "#" not in url else {}

    def node(self, element, record: dict) -> Node | None:
        tag = _local(element.tag)
        if tag == "Point":
            positions = _coordinates(_text(element, "coordinates"))
            return Node("POINT", positions[:1] or None)
        if tag in ("LineString", "LinearRing"):
            return Node("LINESTRING", _coordinates(_text(element, "coordinates")))
        if tag == "Polygon":
            rings = []
            for boundary in element:
                if _local(boundary.tag) in ("outerBoundaryIs", "innerBoundaryIs"):
                    for ring in boundary:
                        if _local(ring.tag) == "LinearRing":
                            line = Node("LINESTRING", _coordinates(_text(ring, "coordinates")))
                            rings.insert(0, line) if _local(boundary.tag) == "outerBoundaryIs" else rings.append(line)
            return Node("POLYGON", parts=rings)
        if tag == "Model":
            location = _child(element, "Location")
            lon, lat = _text(location, "longitude"), _text(location, "latitude")
            return None if lon is None or lat is None else Node("POINT", [(_number(lon), _number(lat))])
        if tag == "Track":
            return self.track(element, record)
        parts = [self.node(child, record) for child in element if _local(child.tag) in GEOMETRIES + MULTI_ALIASES]
        parts = [p for p in parts if p is not None]
        kinds = {p.kind for p in parts}
        if tag == "MultiTrack" or kinds == {"LINESTRING"}:
            return Node("MULTILINESTRING", parts=parts)
        if kinds == {"POINT"}:
            return Node("MULTIPOINT", parts=parts)
        if kinds == {"POLYGON"}:
            return Node("MULTIPOLYGON", parts=parts)
        return Node("GEOMETRYCOLLECTION", parts=parts)

    def track(self, element, record: dict) -> Node:
        positions, times = [], []
        for child in element:
            tag = _local(child.tag)
            if tag == "coord" and child.text:
                values = [_number(v) for v in child.text.split()]
                if len(values) < 2:
                    raise GeometryUnreadable(f"gx:coord {child.text.strip()[:30]!r} has fewer than two numbers")
                positions.append(tuple(values[:3]))
            elif tag == "when":
                times.append((child.text or "").strip())
        if times:
            stamps = record.setdefault("timestamps", [])
            stamps += times
            parsed = [t for t in (_when(s) for s in stamps) if isinstance(t, _dt.datetime)]
            if parsed:
                record["begin"], record["end"] = min(parsed), max(parsed)
        return Node("LINESTRING", positions)


def _columns(records: list[dict], types: dict[str, str]) -> pd.DataFrame:
    names: list[str] = []
    for record in records:
        names += [k for k in record if k not in names]
    frame = pd.DataFrame(
        {n: pd.array([r.get(n) for r in records], dtype=object) for n in names}, index=range(len(records))
    )
    for name, kind in types.items():
        if name in frame and kind == "int":
            frame[name] = pd.array([None if v is None else v for v in frame[name]], dtype="Int64")
        elif name in frame and kind == "bool":
            frame[name] = pd.array(list(frame[name]), dtype="boolean")
        elif name in frame and kind == "float":
            frame[name] = pd.to_numeric(frame[name])
    return frame


def _styles(root) -> dict[str, dict]:
    """Shared styles by id (StyleMap ids resolve to their `normal` style)."""
    styles = {e.get("id"): _style_values(e) for e in root.iter() if _local(e.tag) == "Style" and e.get("id")}
    for style_map in (e for e in root.iter() if _local(e.tag) == "StyleMap" and e.get("id")):
        for pair in style_map:
            if _text(pair, "key") == "normal":
                styles[style_map.get("id")] = styles.get((_text(pair, "styleUrl") or "").split("#")[-1], {})
    return styles


def _style_values(style) -> dict:
    out: dict = {}
    line, poly = _child(style, "LineStyle"), _child(style, "PolyStyle")
    if line is not None and (colour := _colour(_text(line, "color"))):
        out["stroke"], out["stroke_opacity"] = colour
    if line is not None and _text(line, "width"):
        out["stroke_width"] = _number(_text(line, "width"), None)
    if poly is not None and (colour := _colour(_text(poly, "color"))):
        out["fill"], out["fill_opacity"] = colour
    return out


def _colour(text: str | None):
    """KML's aabbggrr as ('#rrggbb', opacity), None when it is not a colour."""
    value = (text or "").strip().lstrip("#")
    if not re.fullmatch(r"[0-9A-Fa-f]{8}", value):
        return None
    a, b, g, r = value[0:2], value[2:4], value[4:6], value[6:8]
    return f"#{r}{g}{b}".lower(), round(int(a, 16) / 255, 3)


def _schemas(root) -> dict[str, dict[str, str]]:
    out = {}
    for schema in (e for e in root.iter() if _local(e.tag) == "Schema"):
        fields = {
            f.get("name"): SCHEMA_TYPES.get((f.get("type") or "").lower(), (f.get("type") or "string").lower())
            for f in schema
            if _local(f.tag) == "SimpleField" and f.get("name")
        }
        for key in (schema.get("id"), schema.get("name")):
            if key:
                out[key] = fields
    return out


def _typed(text: str | None, kind: str):
    value = (text or "").strip()
    if value == "":
        return None
    try:
        if kind == "int":
            return int(value)
        if kind == "float":
            return float(value)
    except ValueError:
        return value
    if kind == "bool":
        return value.lower() in ("1", "true")
    return text


def _coordinates(text: str | None) -> list[tuple]:
    if not text or not text.strip():
        return []
    text = re.sub(r"\s*,\s*", ",", text.strip())
    positions = []
    for item in text.split():
        values = [_number(v) for v in item.split(",") if v != ""]
        if len(values) < 2:
            raise GeometryUnreadable(f"coordinates {item[:30]!r} have fewer than two numbers")
        positions.append(tuple(values[:3]))
    return positions


def _number(text: str, default=...):
    try:
        return float(text)
    except (TypeError, ValueError):
        if default is not ...:
            return default
        raise GeometryUnreadable(f"{str(text)[:20]!r} is not a number") from None


def _when(text: str | None):
    """An ISO date-time as a datetime (a date alone as a date); other text as it is."""
    value = (text or "").strip()
    if not value:
        return None
    try:
        if len(value) == 10:
            return _dt.date.fromisoformat(value)
        return _dt.datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith("Z") else value)
    except ValueError:
        return value


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child(element, name: str):
    if element is None:
        return None
    return next((c for c in element if _local(c.tag) == name), None)


def _text(element, name: str) -> str | None:
    child = _child(element, name)
    return None if child is None or child.text is None else child.text.strip()


def _expat_reason(exc: ET.ParseError) -> str:
    return str(exc).split(":")[0][:80]
