"""Geometry as files write it (ISO WKB from GDAL, WKT in CSV cells) turned into shapely, keeping
what shapely cannot hold and saying what changed.

shapely (GEOS) refuses curves, TINs and polyhedral surfaces, one-point line parts (a GPS track
segment after a pause) and unclosed rings. Instead of crashing, `from_wkb` and `from_wkt` return
the geometry with:
- arcs (CIRCULARSTRING, COMPOUNDCURVE, CURVEPOLYGON, MULTICURVE, MULTISURFACE) linearised, a
  vertex at most every `ARC_STEP_DEGREES` of arc, as GDAL does by default;
- TIN, TRIANGLE, POLYHEDRALSURFACE made (multi)polygons of their faces;
- one-point line parts and rings of fewer than three distinct positions left out;
- unclosed rings closed; M values dropped (Z kept).

Each change is named in the returned set of fix codes (`curve_linearised`, `surface_to_polygons`,
`single_point_part`, `ring_too_short`, `ring_closed`, `m_dropped`).

>>> g, fixes = from_wkt("MULTILINESTRING ((0 0, 1 1), (5 5))")
>>> g.wkt, sorted(fixes)
('MULTILINESTRING ((0 0, 1 1))', ['single_point_part'])
>>> g, fixes = from_wkt("TIN (((0 0, 0 1, 1 0, 0 0)))")
>>> g.geom_type, sorted(fixes)
('MultiPolygon', ['surface_to_polygons'])
>>> from_wkt("POINT EMPTY")[0].is_empty
True
"""

from __future__ import annotations

import math
import re
import struct
from dataclasses import dataclass, field

import shapely

#: Largest angle, in degrees, between two vertices of a linearised arc (GDAL's OGR_ARC_STEPSIZE default).
ARC_STEP_DEGREES = 4.0

#: Deepest nesting of collections accepted (a file could nest them without end).
MAX_DEPTH = 32

_TYPES = {
    1: "POINT",
    2: "LINESTRING",
    3: "POLYGON",
    4: "MULTIPOINT",
    5: "MULTILINESTRING",
    6: "MULTIPOLYGON",
    7: "GEOMETRYCOLLECTION",
    8: "CIRCULARSTRING",
    9: "COMPOUNDCURVE",
    10: "CURVEPOLYGON",
    11: "MULTICURVE",
    12: "MULTISURFACE",
    15: "POLYHEDRALSURFACE",
    16: "TIN",
    17: "TRIANGLE",
}
CURVED = {"CIRCULARSTRING", "COMPOUNDCURVE", "CURVEPOLYGON", "MULTICURVE", "MULTISURFACE"}
SURFACES = {"POLYHEDRALSURFACE", "TIN", "TRIANGLE"}
#: WKT prefixes of every geometry this module reads (CSV columns are recognised by them).
WKT_PREFIXES = tuple(sorted(set(_TYPES.values()), key=len, reverse=True))


class GeometryUnreadable(ValueError):
    """The bytes or text are not a geometry this module can read; the message says where."""


@dataclass
class Node:
    """One geometry as written: its type, and coordinates (points, lines) or parts (the rest)."""

    kind: str
    coords: list[tuple] | None = None  # POINT: one position (None when EMPTY); lines: positions
    parts: list[Node] = field(default_factory=list)
    has_m: bool = False


# --- WKB -----------------------------------------------------------------------------------


def from_wkb(data: bytes) -> tuple[object, set[str]]:
    """(shapely geometry or None, fix codes) of ISO or extended WKB bytes."""
    if data is None:
        return None, set()
    reader = _WkbReader(memoryview(bytes(data)))
    node = reader.geometry(0)
    return build(node)


class _WkbReader:
    def __init__(self, buf: memoryview):
        self.buf, self.pos = buf, 0

    def take(self, fmt: str):
        size = struct.calcsize(fmt)
        if self.pos + size > len(self.buf):
            raise GeometryUnreadable(f"WKB ends early at byte {self.pos}")
        values = struct.unpack_from(fmt, self.buf, self.pos)
        self.pos += size
        return values

    def count(self, order: str, item_size: int) -> int:
        (n,) = self.take(order + "I")
        if n * item_size > len(self.buf) - self.pos:
            raise GeometryUnreadable(f"WKB announces {n} items at byte {self.pos} but is shorter")
        return n

    def geometry(self, depth: int) -> Node:
        if depth > MAX_DEPTH:
            raise GeometryUnreadable("geometries nested too deeply")
        (flag,) = self.take("B")
        if flag not in (0, 1):
            raise GeometryUnreadable(f"byte order {flag} at byte {self.pos - 1} is neither 0 nor 1")
        order = "<" if flag == 1 else ">"
        (code,) = self.take(order + "I")
        has_z = bool(code & 0x80000000) or (code & 0x0FFFFFFF) // 1000 in (1, 3)
        has_m = bool(code & 0x40000000) or (code & 0x0FFFFFFF) // 1000 in (2, 3)
        base = (code & 0x0FFFFFFF) % 1000
        kind = _TYPES.get(base)
        if kind is None:
            raise GeometryUnreadable(f"unknown WKB geometry type {code}")
        if code & 0x20000000:  # EWKB SRID: skipped (the layer says its CRS)
            self.take(order + "I")
        dims = 2 + has_z + has_m
        point = order + "d" * dims

        def positions(n):
            return [self._position(self.take(point), has_z, has_m) for _ in range(n)]

        if kind == "POINT":
            position = self._position(self.take(point), has_z, has_m)
            empty = all(math.isnan(v) for v in position)
            return Node(kind, None if empty else [position], has_m=has_m)
        if kind in ("LINESTRING", "CIRCULARSTRING"):
            return Node(kind, positions(self.count(order, 8 * dims)), has_m=has_m)
        if kind in ("POLYGON", "TRIANGLE"):
            rings = [Node("LINESTRING", positions(self.count(order, 8 * dims))) for _ in range(self.count(order, 4))]
            return Node(kind, parts=rings, has_m=has_m)
        return Node(kind, parts=[self.geometry(depth + 1) for _ in range(self.count(order, 5))], has_m=has_m)

    @staticmethod
    def _position(values: tuple, has_z: bool, has_m: bool) -> tuple:
        return values[:3] if has_z else values[:2]


# --- WKT -----------------------------------------------------------------------------------

_TOKEN = re.compile(r"\s*(?:([A-Za-z]+)|([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|nan|NaN)|([(),]))")


def from_wkt(text: str) -> tuple[object, set[str]]:
    """(shapely geometry, fix codes) of WKT text, curves and surfaces included.

    Raises GeometryUnreadable naming the first place that does not parse.
    """
    tokens = _tokens(text)
    node, end = _wkt_geometry(tokens, 0, 0)
    if end != len(tokens):
        raise GeometryUnreadable(f"unexpected {tokens[end]!r} after the geometry")
    return build(node)


def _tokens(text: str) -> list[str]:
    out, pos = [], 0
    text = text.strip()
    if text.upper().startswith("SRID="):  # EWKT
        text = text.split(";", 1)[-1]
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            if text[pos:].strip() == "":
                break
            raise GeometryUnreadable(f"cannot read {text[pos : pos + 20]!r}")
        out.append(next(g for g in match.groups() if g is not None))
        pos = match.end()
    return out


def _wkt_geometry(tokens: list[str], i: int, depth: int) -> tuple[Node, int]:
    if depth > MAX_DEPTH:
        raise GeometryUnreadable("geometries nested too deeply")
    if i >= len(tokens):
        raise GeometryUnreadable("the text ends before a geometry type")
    kind = tokens[i].upper()
    if kind not in _TYPES.values():
        raise GeometryUnreadable(f"unknown geometry type {tokens[i][:30]!r}")
    i += 1
    has_m = False
    if i < len(tokens) and tokens[i].upper() in ("Z", "M", "ZM"):
        has_m = "M" in tokens[i].upper()
        i += 1
    if i < len(tokens) and tokens[i].upper() == "EMPTY":
        return Node(kind, None if kind == "POINT" else [], has_m=has_m), i + 1
    return _wkt_body(kind, tokens, i, depth, has_m)


def _wkt_body(kind: str, tokens: list[str], i: int, depth: int, has_m: bool) -> tuple[Node, int]:
    i = _expect(tokens, i, "(")
    if kind == "POINT":
        position, i = _wkt_position(tokens, i, has_m)
        return Node(kind, [position], has_m=has_m), _expect(tokens, i, ")")
    if kind in ("LINESTRING", "CIRCULARSTRING"):
        positions, i = _wkt_positions(tokens, i - 1, has_m)
        return Node(kind, positions, has_m=has_m), i
    parts = []
    while True:
        if kind == "MULTIPOINT" and tokens[i] != "(" and not tokens[i].isalpha():
            position, i = _wkt_position(tokens, i, has_m)  # MULTIPOINT (1 2, 3 4)
            parts.append(Node("POINT", [position]))
        elif tokens[i] == "(":
            implied = {
                "POLYGON": "LINESTRING",
                "TRIANGLE": "LINESTRING",
                "MULTIPOINT": "POINT",
                "MULTILINESTRING": "LINESTRING",
                "MULTIPOLYGON": "POLYGON",
                "COMPOUNDCURVE": "LINESTRING",
                "CURVEPOLYGON": "LINESTRING",
                "MULTICURVE": "LINESTRING",
                "MULTISURFACE": "POLYGON",
                "POLYHEDRALSURFACE": "POLYGON",
                "TIN": "TRIANGLE",
            }.get(kind)
            if implied is None:
                raise GeometryUnreadable(f"{kind} needs typed members")
            part, i = _wkt_body(implied, tokens, i, depth + 1, has_m)
            parts.append(part)
        else:
            part, i = _wkt_geometry(tokens, i, depth + 1)
            parts.append(part)
        if i >= len(tokens):
            raise GeometryUnreadable(f"{kind} is not closed")
        if tokens[i] == ")":
            return Node(kind, parts=parts, has_m=has_m), i + 1
        i = _expect(tokens, i, ",")


def _wkt_positions(tokens, i, has_m) -> tuple[list[tuple], int]:
    i = _expect(tokens, i, "(")
    positions = []
    while True:
        position, i = _wkt_position(tokens, i, has_m)
        positions.append(position)
        if i < len(tokens) and tokens[i] == ")":
            return positions, i + 1
        i = _expect(tokens, i, ",")


def _wkt_position(tokens, i, has_m) -> tuple[tuple, int]:
    values = []
    while i < len(tokens) and tokens[i] not in (",", ")", "("):
        try:
            values.append(float(tokens[i]))
        except ValueError:
            raise GeometryUnreadable(f"{tokens[i][:20]!r} is not a number") from None
        i += 1
    if len(values) < 2 or len(values) > 4:
        raise GeometryUnreadable(f"a position has {len(values)} numbers")
    if has_m or len(values) == 4:
        values = values[:-1]
    return tuple(values[:3]), i


def _expect(tokens, i, what) -> int:
    if i >= len(tokens) or tokens[i] != what:
        found = "the end" if i >= len(tokens) else repr(tokens[i][:20])
        raise GeometryUnreadable(f"expected {what!r}, found {found}")
    return i + 1


# --- building shapely geometries ------------------------------------------------------------


def build(node: Node) -> tuple[object, set[str]]:
    """The shapely geometry of `node` and the fix codes of what had to change."""
    fixes: set[str] = set()
    if _has_m(node):
        fixes.add("m_dropped")
    geom = _build(node, fixes)
    return geom, fixes


def _has_m(node: Node) -> bool:
    return node.has_m or any(_has_m(p) for p in node.parts)


def _build(node: Node, fixes: set[str]):
    kind = node.kind
    if kind == "POINT":
        return shapely.Point() if not node.coords else shapely.Point(node.coords[0])
    if kind in ("LINESTRING", "CIRCULARSTRING", "COMPOUNDCURVE"):
        line = _line(node, fixes)
        return shapely.LineString() if line is None else line
    if kind in ("POLYGON", "TRIANGLE", "CURVEPOLYGON"):
        if kind == "TRIANGLE":
            fixes.add("surface_to_polygons")
        polygon = _polygon(node, fixes)
        return shapely.Polygon() if polygon is None else polygon
    if kind == "MULTIPOINT":
        return shapely.MultiPoint([p.coords[0] for p in node.parts if p.coords])
    if kind in ("MULTILINESTRING", "MULTICURVE"):
        lines = [line for part in node.parts if (line := _line(part, fixes)) is not None]
        return shapely.MultiLineString(lines)
    if kind in ("MULTIPOLYGON", "MULTISURFACE", "POLYHEDRALSURFACE", "TIN"):
        if kind in SURFACES:
            fixes.add("surface_to_polygons")
        polygons = [polygon for part in node.parts if (polygon := _polygon(part, fixes)) is not None]
        return shapely.MultiPolygon(polygons)
    return shapely.GeometryCollection([g for part in node.parts if not (g := _build(part, fixes)).is_empty])


def _line(node: Node, fixes: set[str]):
    """A LineString (None when it has fewer than two positions), arcs linearised."""
    positions = _positions(node, fixes)
    if len(positions) == 1:
        fixes.add("single_point_part")
    return shapely.LineString(positions) if len(positions) >= 2 else None


def _positions(node: Node, fixes: set[str]) -> list[tuple]:
    if node.kind == "CIRCULARSTRING":
        fixes.add("curve_linearised")
        return _arcs(node.coords or [])
    if node.kind == "COMPOUNDCURVE":
        fixes.add("curve_linearised")
        out: list[tuple] = []
        for part in node.parts:
            positions = _positions(part, fixes)
            out += positions[1:] if out and positions and positions[0] == out[-1] else positions
        return out
    if node.kind == "LINESTRING":
        return list(node.coords or [])
    raise GeometryUnreadable(f"{node.kind} where a line was expected")


def _polygon(node: Node, fixes: set[str]):
    if node.kind in ("MULTIPOLYGON", "MULTISURFACE", "POLYHEDRALSURFACE", "TIN"):
        raise GeometryUnreadable(f"{node.kind} where a polygon was expected")
    if node.kind in ("CURVEPOLYGON", "MULTISURFACE"):
        fixes.add("curve_linearised")
    if node.kind == "TRIANGLE":
        fixes.add("surface_to_polygons")
    rings = []
    for ring in node.parts:
        positions = _positions(ring, fixes)
        if positions and positions[0] != positions[-1]:
            fixes.add("ring_closed")
            positions = [*positions, positions[0]]
        if len(positions) < 4:
            if positions:
                fixes.add("ring_too_short")
            if not rings:
                return None  # no exterior: nothing of this polygon can be drawn
            continue
        rings.append(positions)
    if not rings:
        return None
    return shapely.Polygon(rings[0], rings[1:])


def _arcs(positions: list[tuple]) -> list[tuple]:
    """The positions of a CIRCULARSTRING, each arc replaced by short straight steps."""
    if len(positions) < 3:
        return list(positions)
    out = [positions[0]]
    for k in range(0, len(positions) - 2, 2):
        out += _arc(positions[k], positions[k + 1], positions[k + 2])[1:]
    return out


def _arc(p0: tuple, p1: tuple, p2: tuple) -> list[tuple]:
    (x0, y0), (x1, y1), (x2, y2) = p0[:2], p1[:2], p2[:2]
    if (x0, y0) == (x2, y2):  # a full circle: p1 is the opposite point
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        sweep = 2 * math.pi
    else:
        d = 2 * (x0 * (y1 - y2) + x1 * (y2 - y0) + x2 * (y0 - y1))
        if abs(d) < 1e-12 * max(1.0, abs(x0), abs(y0), abs(x2), abs(y2)) ** 2:
            return [p0, p1, p2]  # collinear: already straight
        s0, s1, s2 = x0 * x0 + y0 * y0, x1 * x1 + y1 * y1, x2 * x2 + y2 * y2
        cx = (s0 * (y1 - y2) + s1 * (y2 - y0) + s2 * (y0 - y1)) / d
        cy = (s0 * (x2 - x1) + s1 * (x0 - x2) + s2 * (x1 - x0)) / d
        a0, _a1, a2 = (math.atan2(y - cy, x - cx) for x, y in ((x0, y0), (x1, y1), (x2, y2)))
        clockwise = (x1 - x0) * (y2 - y0) - (y1 - y0) * (x2 - x0) < 0
        sweep = (a0 - a2) % (2 * math.pi) if clockwise else (a2 - a0) % (2 * math.pi)
        sweep = -sweep if clockwise else sweep
    radius = math.hypot(x0 - cx, y0 - cy)
    start = math.atan2(y0 - cy, x0 - cx)
    steps = max(2, math.ceil(abs(math.degrees(sweep)) / ARC_STEP_DEGREES))
    with_z = len(p0) == 3 and len(p2) == 3
    out = []
    for k in range(steps + 1):
        if k == steps:
            out.append(p2)
            break
        angle = start + sweep * k / steps
        point = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
        out.append((*point, p0[2] + (p2[2] - p0[2]) * k / steps) if with_z else point)
    out[0] = p0
    return out
