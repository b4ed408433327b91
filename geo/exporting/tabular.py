"""Helpers for writing attributes to typed, flat formats (GeoPackage, Shapefile, CSV).

Types survive: booleans and integers (with gaps) stay booleans and integers, dates stay
dates and date-times date-times (with their UTC offsets) wherever the format has the type.
"""

from __future__ import annotations

import datetime as _dt
import numbers

import numpy as np
import pandas as pd
import shapely

from geo.exporting.geojson import json_value


def storable(frame):
    """A copy whose object columns hold one type each: text where values are mixed.

    GeoPackage and Shapefile columns are typed; a user file may mix 1 and "a"
    in one attribute. Such a column is written as text (1 -> "1"). Columns of
    dates, or of date-times all with or all without a UTC offset, are kept.
    """
    frame = frame.copy()
    for column in frame.columns:
        if column == frame.geometry.name or frame[column].dtype != object:
            continue
        values = [v for v in frame[column] if json_value(v) is not None]
        kinds = {_kind(v) for v in values}
        if kinds == {"datetime"} and len({v.utcoffset() is None for v in values}) == 1:
            continue
        if kinds == {"date"}:
            continue
        if len(kinds) > 1 or kinds & {"other", "datetime"}:
            frame[column] = [None if json_value(v) is None else str(json_value(v)) for v in frame[column]]
        elif kinds == {"number"}:
            frame[column] = pd.to_numeric(frame[column])
    return frame


def as_text(layers, kinds: tuple[str, ...]) -> list[dict]:
    """The export's changes for a format without a type for `kinds` ("date", "datetime"): each
    such field, written as ISO 8601 text (`<kind>_as_text`, one per layer and field)."""
    from geo.importing.kept import value_type

    return [
        {"change": f"{kind}_as_text", "layer": layer.spec.id, "field": str(column)}
        for layer in layers
        for column in layer.frame.columns
        if column != layer.frame.geometry.name and (kind := value_type(layer.frame[column])) in kinds
    ]


#: Drivers whose date-times are UTC by their specification (GeoPackage: "YYYY-MM-DDTHH:MM:SS.SSSZ").
UTC_DRIVERS = ("GPKG",)


def write_layer(frame, path, layer: str, driver: str, **options) -> None:
    """`frame` (already `storable`) as one layer of `path`, every column with its own type
    (pyogrio's raw writer, so that dates are written as dates). Date-times with a UTC offset
    keep their instant: in UTC where the format asks for it, else with their offset."""
    import pyogrio

    fields = [c for c in frame.columns if c != frame.geometry.name]
    data, masks, offsets = [], [], {}
    for name in fields:
        values, mask, offset = _field(frame[name], utc=driver in UTC_DRIVERS)
        data.append(values)
        masks.append(mask)
        if offset is not None:
            offsets[name] = offset
    geoms = np.asarray(frame.geometry.array, dtype=object)
    geometry_type, promote = _geometry_type(geoms)
    wkb = np.array([None if g is None else shapely.to_wkb(g) for g in geoms], dtype=object)
    crs = frame.crs.to_string() if frame.crs is not None else None
    pyogrio.raw.write(
        path,
        wkb,
        data,
        fields,
        field_mask=masks,
        layer=layer,
        driver=driver,
        geometry_type=geometry_type,
        crs=crs,
        promote_to_multi=promote,
        gdal_tz_offsets=offsets,
        **options,
    )


def _field(column: pd.Series, utc: bool = False):
    """(numpy values, mask or None, GDAL time-zone offsets or None) of one column; `utc`: date-times
    with an offset are written in UTC."""
    values = column.array
    if isinstance(values, pd.arrays.BooleanArray | pd.arrays.IntegerArray | pd.arrays.FloatingArray):
        return values._data, values._mask, None
    if pd.api.types.is_datetime64_any_dtype(column.dtype):
        # as objects, so that a time zone travels with each value as below (NaT is missing)
        column = pd.Series([None if v is pd.NaT else v for v in column], index=column.index, dtype=object)
    if column.dtype != object:
        return column.to_numpy(), None, None
    present = [v for v in column if not _missing(v)]
    if present and all(_kind(v) == "date" for v in present):
        days = np.array([np.datetime64("NaT") if _missing(v) else np.datetime64(v, "D") for v in column])
        return days.astype("datetime64[D]"), None, None
    if present and all(_kind(v) == "datetime" for v in present):
        naive = np.array(
            [np.datetime64("NaT") if _missing(v) else np.datetime64(v.replace(tzinfo=None), "ms") for v in column]
        ).astype("datetime64[ms]")
        if present[0].utcoffset() is None:
            return naive, None, None
        if utc:
            column = pd.Series([v if _missing(v) else v.astimezone(_dt.UTC) for v in column], dtype=object)
            return _field(column)
        quarters = [0 if _missing(v) else int(v.utcoffset() // _dt.timedelta(minutes=15)) + 100 for v in column]
        return naive, None, np.array(quarters, dtype="int64")
    return np.asarray(column.to_numpy(dtype=object)), None, None


def _missing(value) -> bool:
    return value is None or value is pd.NaT or (isinstance(value, float) and value != value)  # noqa: PLR0124


def _geometry_type(geoms) -> tuple[str, bool]:
    kinds = {g.geom_type for g in geoms if g is not None and not g.is_empty}
    z = " Z" if any(g is not None and not g.is_empty and g.has_z for g in geoms) else ""
    if len(kinds) == 1:
        return next(iter(kinds)) + z, False
    bases = {k.replace("Multi", "") for k in kinds}
    if len(bases) == 1:
        return "Multi" + next(iter(bases)) + z, True
    return ("Unknown" if kinds else "Point"), False


def _kind(value) -> str:
    if isinstance(value, bool | np.bool_):
        return "bool"
    if isinstance(value, numbers.Number):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, _dt.datetime) or type(value).__name__ == "Timestamp":
        return "datetime"
    if isinstance(value, _dt.date):
        return "date"
    return "other"
