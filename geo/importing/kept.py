"""What an import kept: features in and out, per geometry type, and per field.

The report ends with this summary so that nothing changes without a line saying so:
each field is `kept`, `renamed`, `converted`, `dropped` (with the reason) or `added`
(provenance, the CSV line, the collection a part came from, the period read from the time
columns the user chose).
"""

from __future__ import annotations

import datetime as _dt
import numbers

#: Fields the import adds, and why (their texts: `kept.added.<field>`).
ADDED = ("source", "confidence", "licence", "csv_line", "collection_feature")

#: The period fields (geo.timeline) added when the user chooses a time column (`period_added` note).
PERIOD_FIELDS = ("valid_from", "valid_from_precision", "valid_to", "valid_to_precision", "dated")


def value_type(values) -> str:
    """The kind of value a column holds: boolean, integer, number, date, datetime, text, list, mixed or empty.

    >>> import pandas as pd
    >>> value_type(pd.array([True, None], dtype="boolean")), value_type(pd.array([1, None], dtype="Int64"))
    ('boolean', 'integer')
    >>> value_type(["a", 1]), value_type([None, None])
    ('mixed', 'empty')
    """
    dtype = str(getattr(values, "dtype", "object"))
    if dtype in {"boolean", "bool"}:
        return "boolean"
    if dtype.startswith(("Int", "int", "UInt", "uint")):
        return "integer"
    if dtype.startswith(("Float", "float")):
        return "number"
    if dtype.startswith("datetime64"):
        return "datetime"
    kinds = {_kind(v) for v in values if not _missing(v)}
    if not kinds:
        return "empty"
    if kinds == {"integer", "number"}:
        return "number"
    return kinds.pop() if len(kinds) == 1 else "mixed"


def kept_summary(read_frame, final_frame, notes: list[dict], drawable: bool) -> dict:
    """Features, geometry types and fields: what the file held and what the import keeps."""
    split = next((n for n in notes if n["code"] == "collections_split"), None)
    added_rows = (split["parts"] - split["features"]) if split else 0
    rows_in, rows_out = len(read_frame), len(final_frame)
    geometry = []
    before, after = _types(read_frame), _types(final_frame)
    for kind in sorted(set(before) | set(after)):
        geometry.append({"type": kind, "in": before.get(kind, 0), "out": after.get(kind, 0)})
    return {
        "features_in": rows_in,
        "features_out": rows_out,
        "left_out": max(0, rows_in + added_rows - rows_out),
        "split": added_rows,
        "as_table": not drawable and rows_out > 0,
        "geometry": geometry,
        "fields": _fields(read_frame, final_frame, notes),
    }


def _fields(read_frame, final_frame, notes: list[dict]) -> list[dict]:
    renamed = {n["new"]: n for n in notes if n["code"] == "renamed_field"}
    converted = {n["field"]: n["how"] for n in notes if n["code"] == "field_converted"}
    period = next((n for n in notes if n["code"] == "period_added"), None)
    rows = []
    for name in [c for c in final_frame.columns if c != final_frame.geometry.name]:
        kind = value_type(final_frame[name])
        if period and name in PERIOD_FIELDS:
            column = period["end"] if name.startswith("valid_to") or not period["start"] else period["start"]
            rows.append(_row(name, kind, "added", column, name))
        elif name in renamed:
            rows.append(_row(name, kind, "renamed", renamed[name]["old"], renamed[name].get("reason", "")))
        elif name in converted:
            rows.append(_row(name, kind, "converted", name, converted[name]))
        elif name not in read_frame.columns or name in ADDED:
            if name in read_frame.columns and not read_frame[name].map(_missing).all() and name not in ADDED[3:]:
                rows.append(_row(name, kind, "kept", name, "filled_where_missing"))
            else:
                rows.append(_row(name, kind, "added", None, name if name in ADDED else ""))
        else:
            rows.append(_row(name, kind, "kept", name, ""))
    for n in notes:
        if n["code"] == "empty_gpx_fields":
            rows += [_row(f, "empty", "dropped", f, "empty_everywhere") for f in n.get("fields", "").split(", ") if f]
    return rows


def _row(name, kind, status, source, detail) -> dict:
    return {"field": name, "type": kind, "status": status, "from": source, "detail": detail}


def _types(frame) -> dict[str, int]:
    out: dict[str, int] = {}
    for geom in frame.geometry:
        kind = "none" if geom is None else "empty" if geom.is_empty else geom.geom_type
        out[kind] = out.get(kind, 0) + 1
    return out


def _missing(value) -> bool:
    import pandas as pd

    if isinstance(value, (list, tuple, dict)):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _kind(value) -> str:
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return "boolean"
    if isinstance(value, numbers.Integral):
        return "integer"
    if isinstance(value, numbers.Real):
        return "number"
    if isinstance(value, _dt.datetime) or type(value).__name__ == "Timestamp":
        return "datetime"
    if isinstance(value, _dt.date):
        return "date"
    if isinstance(value, (list, tuple)):
        return "list"
    return "text"
