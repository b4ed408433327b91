"""What the store writes: a layer's declaration, its columns and its attribute values, as JSON.

- `spec_to_dict` / `spec_from_dict`: a `LayerSpec` (with its `Style` and `Labels`) as plain JSON and back,
  equal to the original (tuples stay tuples, ints stay ints).
- `value_to_json` / `value_from_json`: one attribute value. JSON's own types (str, int, float,
  bool, None) are written as they are; everything JSON would lose is tagged `{"$": kind, "v": ...}`
  so it comes back as the same type: NaN and ±inf, pandas' NA and NaT, dates, datetimes and
  timestamps (ISO text, with their time zone), lists, dicts, bytes.
- `row_to_json` / `row_from_json`: one feature's attributes as a JSON object keyed by column;
  `rebuild_column`: a column back with its dtype (nullable integers stay Int64, text stays text).

>>> value_from_json(value_to_json(float("nan"))) != value_from_json(value_to_json(float("nan")))
True
>>> import datetime as dt
>>> value_from_json(value_to_json(dt.date(2024, 2, 29)))
datetime.date(2024, 2, 29)
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as _dt
import json
import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from geo.spec import Labels, LayerSpec, Style

#: Changes when the JSON written here changes shape; read back only what this version wrote.
FORMAT = 1

_TUPLE_FIELDS = {
    cls: {f.name for f in dataclasses.fields(cls) if str(f.type).startswith("tuple")}
    for cls in (LayerSpec, Style, Labels)
}


def _plain(value):
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def spec_to_dict(spec: LayerSpec) -> dict:
    """The declaration as JSON-able data (every field, the style included)."""
    nested = ("style", "labels")
    out = {f.name: _plain(getattr(spec, f.name)) for f in dataclasses.fields(LayerSpec) if f.name not in nested}
    out["style"] = {f.name: _plain(getattr(spec.style, f.name)) for f in dataclasses.fields(Style)}
    labels = spec.labels
    out["labels"] = (
        None if labels is None else {f.name: _plain(getattr(labels, f.name)) for f in dataclasses.fields(Labels)}
    )
    out["format"] = FORMAT
    return out


def _fields_of(cls, data: Mapping) -> dict:
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = set(data) - names
    if unknown:
        raise ValueError(f"{cls.__name__}: unknown fields {sorted(unknown)}")
    return {k: tuple(v) if k in _TUPLE_FIELDS[cls] and v is not None else v for k, v in data.items()}


def spec_from_dict(data: Mapping) -> LayerSpec:
    """The declaration `spec_to_dict` wrote (checked again by LayerSpec itself)."""
    data = dict(data)
    if data.pop("format", FORMAT) != FORMAT:
        raise ValueError("a layer declaration written by another version of the store")
    style = Style(**_fields_of(Style, data.pop("style")))
    labels = data.pop("labels", None)
    labels = None if labels is None else Labels(**_fields_of(Labels, labels))
    return LayerSpec(style=style, labels=labels, **_fields_of(LayerSpec, data))


# --- attribute values --------------------------------------------------------------------------


def _tag(kind: str, value=None) -> dict:
    return {"$": kind} if value is None else {"$": kind, "v": value}


def value_to_json(value):
    """One attribute value as JSON-able data that `value_from_json` turns back into the same type."""
    if value is None or isinstance(value, (str, bool)):
        return value
    if value is pd.NA:
        return _tag("na")
    if value is pd.NaT:
        return _tag("nat")
    if isinstance(value, np.generic):
        if isinstance(value, np.datetime64):
            return value_to_json(pd.Timestamp(value))
        return _tag("np", [value.dtype.str, value_to_json(value.item())])
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return _tag("nan")
        if math.isinf(value):
            return _tag("inf" if value > 0 else "-inf")
        return value
    if isinstance(value, pd.Timestamp):
        return _tag("timestamp", value.isoformat())
    if isinstance(value, _dt.datetime):
        return _tag("datetime", value.isoformat())
    if isinstance(value, _dt.date):
        return _tag("date", value.isoformat())
    if isinstance(value, _dt.time):
        return _tag("time", value.isoformat())
    if isinstance(value, pd.Timedelta):
        return _tag("timedelta", value.value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return _tag("bytes", base64.b64encode(bytes(value)).decode("ascii"))
    if isinstance(value, tuple):
        return _tag("tuple", [value_to_json(v) for v in value])
    if isinstance(value, (list, np.ndarray)):
        return _tag("list", [value_to_json(v) for v in list(value)])
    if isinstance(value, Mapping):
        return _tag("dict", [[value_to_json(k), value_to_json(v)] for k, v in value.items()])
    if isinstance(value, _dt.timedelta):
        return _tag("timedelta", pd.Timedelta(value).value)
    # Anything else (a Decimal, a shapely geometry in an attribute...) is kept as its text.
    return _tag("text", str(value))


def value_from_json(data):
    """The value `value_to_json` wrote."""
    if not isinstance(data, dict):
        return data
    kind, value = data.get("$"), data.get("v")
    decoders = {
        "na": lambda: pd.NA,
        "nat": lambda: pd.NaT,
        "nan": lambda: float("nan"),
        "inf": lambda: float("inf"),
        "-inf": lambda: float("-inf"),
        "timestamp": lambda: pd.Timestamp(value),
        "datetime": lambda: _dt.datetime.fromisoformat(value),
        "date": lambda: _dt.date.fromisoformat(value),
        "time": lambda: _dt.time.fromisoformat(value),
        "timedelta": lambda: pd.Timedelta(value),
        "bytes": lambda: base64.b64decode(value),
        "tuple": lambda: tuple(value_from_json(v) for v in value),
        "list": lambda: [value_from_json(v) for v in value],
        "dict": lambda: {value_from_json(k): value_from_json(v) for k, v in value},
        "np": lambda: np.dtype(value[0]).type(value_from_json(value[1])),
        "text": lambda: value,
    }
    if kind not in decoders:
        raise ValueError(f"an attribute value of unknown kind {kind!r}")
    return decoders[kind]()


def dumps(data) -> str:
    """Compact JSON text, non-ASCII kept as is, NaN refused (it must have been tagged)."""
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def column_keys(names) -> list[str]:
    """The key of each attribute column in a feature's JSON object: its name when that is text
    (a GIS user reading the file sees `{"name": ..., "count": ...}`), else the name's JSON; numbered
    only in the odd case where two names would give one key."""
    keys = [name if isinstance(name, str) else dumps(value_to_json(name)) for name in names]
    if len(set(keys)) != len(keys):
        keys = [f"{i}:{key}" for i, key in enumerate(keys)]
    return keys


def row_to_json(keys: list[str], values) -> str:
    """One feature's attribute values as a JSON object (in column order), each value typed."""
    return dumps({key: value_to_json(v) for key, v in zip(keys, values)})


def row_from_json(text: str) -> dict:
    return {key: value_from_json(v) for key, v in json.loads(text).items()}


# --- columns ----------------------------------------------------------------------------------


def rebuild_column(values: list, dtype: str) -> pd.Series:
    """A column of `values` with the dtype it had (object when that dtype cannot be rebuilt)."""
    series = pd.Series(values, dtype=object)
    if dtype == "object":
        return series
    try:
        return series.astype(dtype)
    except (TypeError, ValueError):
        return series
