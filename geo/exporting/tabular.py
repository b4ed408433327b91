"""Helpers for writing attributes to typed, flat formats (GeoPackage, Shapefile, CSV)."""

from __future__ import annotations

import numbers

import pandas as pd

from geo.exporting.geojson import json_value


def storable(frame):
    """A copy whose object columns hold one type each: text where values are mixed.

    GeoPackage and Shapefile columns are typed; a user file may mix 1 and "a"
    in one attribute. Such a column is written as text (1 -> "1").
    """
    frame = frame.copy()
    for column in frame.columns:
        if column == frame.geometry.name or frame[column].dtype != object:
            continue
        values = [v for v in frame[column] if json_value(v) is not None]
        kinds = {_kind(v) for v in values}
        if len(kinds) > 1 or kinds == {"other"}:
            frame[column] = [None if json_value(v) is None else str(json_value(v)) for v in frame[column]]
        elif kinds == {"number"}:
            frame[column] = pd.to_numeric(frame[column])
    return frame


def _kind(value) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, numbers.Number):
        return "number"
    if isinstance(value, str):
        return "text"
    return "other"
