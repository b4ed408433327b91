"""CSV with longitude/latitude columns or a WKT geometry column.

Every cell is kept as the text it was (no number guessing: "007" stays
"007"); the coordinate columns are parsed for the geometry only. Rows that
do not parse are reported by line number, never skipped silently.
"""

from __future__ import annotations

import csv as _csv
import io
import math

import geopandas as gpd
import shapely

from geo.errors import ImportNeedsChoice, ImportRefused
from geo.importing.formats.base import Inspection, Read, ReadOptions, note
from geo.importing.geometry import WKT_PREFIXES, GeometryUnreadable, from_wkt

LON_NAMES = ("lon", "lng", "long", "longitude", "longitud", "x", "lon_dd", "longitude_dd")
LAT_NAMES = ("lat", "latitude", "latitud", "y", "lat_dd", "latitude_dd")
WKT_NAMES = ("wkt", "geometry", "geom", "the_geom", "geometria", "geometría")
DELIMITERS = ",;\t|"


def decode(data: bytes, encoding: str | None = None) -> tuple[str, list[dict]]:
    """The text, and a note: the encoding chosen, or the question when the text is not UTF-8
    (read meanwhile as Windows-1252, with a preview in each candidate encoding)."""
    from geo.importing.formats.dbf import encoding_question

    if encoding:
        try:
            return data.decode(encoding, errors="replace"), [note("encoding_chosen", encoding=encoding)]
        except LookupError:
            raise ImportNeedsChoice(key="unknown_encoding", encoding=encoding[:40]) from None
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        lines = [line for line in data.splitlines() if any(b > 0x7F for b in line)]
        return data.decode("cp1252", errors="replace"), [encoding_question([line[:80] for line in lines[:3]])]


def _rows(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    try:
        dialect = _csv.Sniffer().sniff(text[:65536], delimiters=DELIMITERS)
        delimiter = dialect.delimiter
    except _csv.Error:
        delimiter = ","
    reader = _csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportRefused(key="csv_no_header") from None
    rows = []
    try:
        for row in reader:
            if row:
                rows.append((reader.line_num, row))
    except _csv.Error as exc:
        raise ImportRefused(key="csv_unreadable", line=reader.line_num, reason=str(exc)) from None
    return [h.strip() for h in header], rows


def guess_columns(header: list[str], rows) -> ReadOptions:
    lowered = {h.lower(): h for h in header}
    lon = next((lowered[n] for n in LON_NAMES if n in lowered), None)
    lat = next((lowered[n] for n in LAT_NAMES if n in lowered), None)
    if lon and lat:
        return ReadOptions(lon_column=lon, lat_column=lat)
    wkt = next((lowered[n] for n in WKT_NAMES if n in lowered), None)
    if wkt is None:
        for i, name in enumerate(header):
            sample = [r[i] for _, r in rows[:20] if i < len(r) and r[i].strip()]
            if sample and all(v.strip().upper().startswith(WKT_PREFIXES) for v in sample):
                wkt = name
                break
    return ReadOptions(wkt_column=wkt)


def inspect(data: bytes) -> Inspection:
    text, _ = decode(data)
    header, rows = _rows(text)
    return Inspection("csv", columns=header, guess=guess_columns(header, rows))


def read(data: bytes, options: ReadOptions) -> Read:
    text, notes = decode(data, options.encoding)
    header, rows = _rows(text)
    chosen = (
        options if (options.wkt_column or (options.lon_column and options.lat_column)) else guess_columns(header, rows)
    )
    if not (chosen.wkt_column or (chosen.lon_column and chosen.lat_column)):
        notes.append(note("table_only", what="CSV"))
    for column in (chosen.wkt_column, chosen.lon_column, chosen.lat_column):
        if column is not None and column not in header:
            raise ImportNeedsChoice(key="csv_no_column", column=column)
    names = _unique(header, notes)
    records, geometries, unparsed, no_geometry, fixed = [], [], [], [], {}
    for line, row in rows:
        if len(row) != len(header):
            unparsed.append(
                {
                    "line": line,
                    "reason": f"{len(row)} fields where the header has {len(header)}",
                    "text": ",".join(row)[:200],
                }
            )
            continue
        record = dict(zip(names, row))
        geometry, problem, fixes = _geometry(dict(zip(header, row)), chosen)
        for code in fixes:
            fixed.setdefault(code, []).append(len(records))
        if problem:
            no_geometry.append({"line": line, "reason": problem})
        records.append(record | {"csv_line": line})
        geometries.append(geometry)
    if unparsed:
        notes.append(note("csv_rows_unparsed", rows=unparsed))
    if no_geometry:
        notes.append(note("csv_coordinates_unparsed", rows=no_geometry))
    notes += [note("geometry_fixed", fix=code, features=rows) for code, rows in sorted(fixed.items())]
    frame = gpd.GeoDataFrame(records, geometry=geometries, columns=[*names, "csv_line"])
    return Read(frame, None, [*notes, note("csv_columns", **{k: v for k, v in chosen.__dict__.items() if v})])


def _geometry(row: dict, chosen: ReadOptions):
    """(geometry or None, problem or None, fix codes) of one row."""
    if not (chosen.wkt_column or (chosen.lon_column and chosen.lat_column)):
        return None, None, set()
    if chosen.wkt_column:
        value = row[chosen.wkt_column].strip()
        if not value:
            return None, None, set()
        try:
            geometry, fixes = from_wkt(value)
        except (GeometryUnreadable, shapely.errors.GEOSException) as exc:
            return None, f"WKT does not parse ({str(exc)[:80]})", set()
        return geometry, None, fixes
    lon, lat = row[chosen.lon_column].strip(), row[chosen.lat_column].strip()
    if not lon and not lat:
        return None, None, set()
    try:
        x, y = float(lon.replace(",", ".")), float(lat.replace(",", "."))
    except ValueError:
        return None, f"coordinates {lon!r}, {lat!r} are not numbers", set()
    if not (math.isfinite(x) and math.isfinite(y)):
        return shapely.Point(x, y), None, set()  # kept; the report flags non-finite coordinates
    return shapely.Point(x, y), None, set()


def _unique(header: list[str], notes: list[dict]) -> list[str]:
    """Header names made unique (a repeated name gets _2, _3...), each rename noted."""
    seen: dict[str, int] = {}
    out = []
    for name in header:
        key = name or "column"
        if key in seen:
            seen[key] += 1
            new = f"{key}_{seen[key]}"
            notes.append(note("renamed_field", old=name, new=new, reason="duplicate"))
            out.append(new)
        else:
            seen[key] = 1
            out.append(key)
    return out
