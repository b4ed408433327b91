"""dBASE tables (.dbf): the attribute part of a Shapefile, or a table on its own.

The text encoding is taken from, in order: the user's choice, the shapefile's `.cpg`, the DBF
header's language driver byte (LDID). When none says it and the text is not UTF-8, nothing is
guessed: the report shows the text decoded in the usual candidates and the user picks one.

>>> codec_of_cpg(b"ANSI 1250"), codec_of_cpg(b"UTF-8"), codec_of_cpg(b"88591"), codec_of_cpg(b"banana")
('cp1250', 'utf-8', 'latin-1', None)
"""

from __future__ import annotations

import re
import struct

from geo.errors import ImportRefused
from geo.importing.formats.base import Inspection, Read, ReadOptions, note

#: Encodings offered when the file does not say its own (Latin America, Europe, DOS).
CANDIDATES = ("utf-8", "cp1252", "latin-1", "cp1250", "cp850", "cp437", "cp852", "cp1251")

#: DBF language driver id (header byte 29) -> Python codec.
LDID = {
    0x01: "cp437", 0x02: "cp850", 0x03: "cp1252", 0x08: "cp865", 0x09: "cp437", 0x0A: "cp850",
    0x0B: "cp437", 0x0D: "cp437", 0x0E: "cp850", 0x0F: "cp437", 0x10: "cp850", 0x11: "cp437",
    0x12: "cp850", 0x13: "cp932", 0x14: "cp850", 0x15: "cp437", 0x16: "cp850", 0x17: "cp865",
    0x18: "cp437", 0x19: "cp437", 0x1A: "cp850", 0x1B: "cp437", 0x1C: "cp863", 0x1D: "cp850",
    0x1F: "cp852", 0x22: "cp852", 0x23: "cp852", 0x24: "cp860", 0x25: "cp850", 0x26: "cp866",
    0x37: "cp850", 0x40: "cp852", 0x4D: "cp936", 0x4E: "cp949", 0x4F: "cp950", 0x50: "cp874",
    0x57: "cp1252", 0x58: "cp1252", 0x59: "cp1252", 0x64: "cp852", 0x65: "cp866", 0x66: "cp865",
    0x67: "cp861", 0x6A: "cp737", 0x6B: "cp857", 0x78: "cp950", 0x79: "cp949", 0x7A: "cp936",
    0x7B: "cp932", 0x7C: "cp874", 0x86: "cp737", 0x87: "cp852", 0x88: "cp857", 0xC8: "cp1250",
    0xC9: "cp1251", 0xCA: "cp1254", 0xCB: "cp1253", 0xCC: "cp1257",
}  # fmt: skip

DBF_VERSIONS = (0x02, 0x03, 0x04, 0x05, 0x30, 0x31, 0x32, 0x43, 0x63, 0x83, 0x8B, 0x8E, 0xCB, 0xF5, 0xFB)


def looks_like_dbf(data: bytes) -> bool:
    """A dBASE header: version byte, a plausible date, header and record sizes that fit the file."""
    if len(data) < 33 or data[0] not in DBF_VERSIONS:
        return False
    _year, month, day = data[1], data[2], data[3]
    records, header, record = struct.unpack_from("<IHH", data, 4)
    return (
        1 <= month <= 12
        and 1 <= day <= 31
        and header >= 33
        and record >= 1
        and header <= len(data)
        and data[header - 1] == 0x0D
        and header + records * record <= len(data) + 1
    )


def codec_of_cpg(text: bytes) -> str | None:
    """The Python codec a `.cpg` names, or None when it names none we know."""
    value = text.decode("ascii", "replace").strip().upper().replace("_", "-")
    if value in ("UTF-8", "UTF8"):
        return "utf-8"
    digits = re.sub(r"^(ANSI|OEM|CP|WINDOWS-?|IBM)\s*", "", value)
    if digits in ("88591", "8859-1", "ISO-8859-1", "ISO88591", "LATIN1"):
        return "latin-1"
    match = re.fullmatch(r"(?:ISO-?)?8859-?(\d+)", digits)
    if match:
        return f"iso8859_{match.group(1)}"
    if digits.isdigit():
        codec = f"cp{int(digits)}"
        try:
            "".encode(codec)
        except LookupError:
            return None
        return codec
    return None


def text_samples(dbf: bytes, limit: int = 5) -> list[bytes]:
    """Up to `limit` non-ASCII text cells of the table, as bytes (for a preview)."""
    if not looks_like_dbf(dbf):
        return []
    records, header, record = struct.unpack_from("<IHH", dbf, 4)
    fields, offset = [], 1
    for pos in range(32, header - 1, 32):
        descriptor = dbf[pos : pos + 32]
        if len(descriptor) < 32 or descriptor[0] == 0x0D:
            break
        kind, size = chr(descriptor[11]), descriptor[16]
        if kind == "C":
            fields.append((offset, size))
        offset += size
    out = []
    for k in range(records):
        row = dbf[header + k * record : header + (k + 1) * record]
        for start, size in fields:
            cell = row[start : start + size].strip(b" \x00")
            if cell and any(b > 0x7F for b in cell) and cell not in out:
                out.append(cell)
                if len(out) >= limit:
                    return out
    return out


def encoding_of(dbf: bytes, cpg: bytes | None, chosen: str | None) -> tuple[str | None, list[dict]]:
    """(codec, notes): the codec to read the table with; None with an `encoding_unknown` note
    (and a preview in each candidate) when nothing says it and the text is not UTF-8."""
    if chosen:
        return chosen, [note("encoding_chosen", encoding=chosen)]
    if cpg is not None and (codec := codec_of_cpg(cpg)):
        return codec, [note("encoding_declared", encoding=codec, by=".cpg")]
    ldid = dbf[29] if len(dbf) > 29 else 0
    if ldid in LDID:
        return LDID[ldid], [note("encoding_declared", encoding=LDID[ldid], by=f"LDID {ldid:#04x}")]
    samples = text_samples(dbf)
    try:
        for cell in samples:
            cell.decode("utf-8")
    except UnicodeDecodeError:
        return None, [encoding_question(samples)]
    return "utf-8", []


def encoding_question(samples: list[bytes]) -> dict:
    """The note that asks the user for an encoding, with each candidate's reading of the samples."""
    preview = {}
    for codec in CANDIDATES:
        texts = [cell.decode(codec, errors="replace") for cell in samples[:3]]
        preview[codec] = " | ".join(texts)
    return note("encoding_unknown", preview=preview, example=preview.get("cp1252", ""))


def inspect(data: bytes) -> Inspection:
    return Inspection("dbf")


def read(data: bytes, options: ReadOptions) -> Read:
    """A lone .dbf: a table without geometry."""
    encoding, notes = encoding_of(data, None, options.encoding)
    frame, more = table(data, encoding or "cp1252")
    return Read(frame, None, [*notes, *more, note("table_only", what="dBASE (.dbf)")])


def table(dbf: bytes, encoding: str):
    """(GeoDataFrame without geometry, notes) of a dBASE table: text, numbers (integers stay
    integers), logicals as booleans, dates as dates; deleted records are left out and counted."""
    import datetime as _dt

    import geopandas as gpd
    import pandas as pd

    if not looks_like_dbf(dbf):
        raise ImportRefused(key="dbf_unreadable")
    records, header, record = struct.unpack_from("<IHH", dbf, 4)
    fields, offset = [], 1
    for pos in range(32, header - 1, 32):
        descriptor = dbf[pos : pos + 32]
        if len(descriptor) < 32 or descriptor[0] == 0x0D:
            break
        name = descriptor[:11].split(b"\x00")[0].decode(encoding, errors="replace").strip()
        fields.append((name, chr(descriptor[11]), offset, descriptor[16], descriptor[17]))
        offset += descriptor[16]
    columns: dict[str, list] = {f[0]: [] for f in fields}
    deleted = 0
    for k in range(records):
        row = dbf[header + k * record : header + (k + 1) * record]
        if len(row) < record:
            break
        if row[:1] == b"*":
            deleted += 1
            continue
        for name, kind, start, size, decimals in fields:
            cell = row[start : start + size]
            columns[name].append(_cell(cell, kind, decimals, encoding, _dt))
    notes = [note("dbf_deleted_records", count=deleted)] if deleted else []
    data = {}
    for name, kind, _start, _size, decimals in fields:
        values = columns[name]
        if kind == "L":
            data[name] = pd.array(values, dtype="boolean")
        elif kind in "NF" and decimals == 0 and all(v is None or isinstance(v, int) for v in values):
            data[name] = pd.array(values, dtype="Int64")
        else:
            data[name] = pd.array(values, dtype=object)
    n = len(next(iter(columns.values()))) if columns else 0
    return gpd.GeoDataFrame(pd.DataFrame(data, index=range(n)), geometry=[None] * n), notes


def _cell(cell: bytes, kind: str, decimals: int, encoding: str, _dt):
    text = cell.decode(encoding, errors="replace").strip(" \x00")
    if kind == "C" or not text:
        return text if kind == "C" else None
    if kind in "NF":
        try:
            return int(text) if decimals == 0 and "." not in text else float(text)
        except ValueError:
            return None
    if kind == "L":
        return True if text[:1] in "TtYy" else False if text[:1] in "FfNn" else None
    if kind == "D":
        try:
            return _dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
        except ValueError:
            return text
    return text
