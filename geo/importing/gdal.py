"""Reading through GDAL (pyogrio), only ever inside the import worker.

GDAL is told, before it loads, to skip every driver but the few we open
(`GDAL_SKIP`, see `worker_environment`), so a file that claims to be one
thing but is a VRT, a GML with remote schemas or anything else cannot reach
a driver that would follow links or open other files. Readers get bytes,
never a path or URL; no network access is configured.

Values keep their type: GDAL's field types decide the column's (booleans stay
booleans and integers integers, with missing values, dates stay dates), and
geometries are read from GDAL's WKB by `geo.importing.geometry`, which keeps
what shapely alone would crash on (one-point track segments, unclosed rings,
TINs) and says what it changed.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import warnings
from dataclasses import dataclass, field

from geo.importing.formats.base import note

#: GDAL drivers an import may use, and nothing else.
ALLOWED_DRIVERS = ("GeoJSON", "GPKG", "ESRI Shapefile", "KML", "GPX")

#: GDAL options that keep a reader from reaching out or wandering around.
SAFE_CONFIG = {
    "GDAL_HTTP_TIMEOUT": "1",
    "GDAL_HTTP_MAX_RETRY": "0",
    "CPL_VSIL_CURL_ALLOWED_EXTENSIONS": ".none",
    "GDAL_DISABLE_READDIR_ON_OPEN": "EMPTY_DIR",
    "OGR_GEOJSON_MAX_OBJ_SIZE": "200MB",
    "GDAL_NUM_THREADS": "1",
    "OGR_ARC_STEPSIZE": "4",  # degrees between vertices of a linearised arc (said in the report)
}

#: Curved or surface geometry types GDAL linearises on read (GeoPackage declares them).
NON_LINEAR = ("CIRCULARSTRING", "COMPOUNDCURVE", "CURVEPOLYGON", "MULTICURVE", "MULTISURFACE", "CURVE", "SURFACE")


def worker_environment(all_drivers: list[str]) -> dict[str, str]:
    """Environment variables for the worker: every non-allowed driver skipped."""
    skip = [d for d in all_drivers if d not in ALLOWED_DRIVERS]
    return {"GDAL_SKIP": ",".join(skip), **SAFE_CONFIG}


@dataclass
class GdalRead:
    frame: object  # GeoDataFrame
    layers: list[str]
    geometry_type: str
    driver: str
    notes: list[dict] = field(default_factory=list)
    crs: str | None = None


def list_layers(data: bytes) -> list[str]:
    import pyogrio

    return [str(name) for name, _kind in pyogrio.list_layers(io.BytesIO(data))]


def read(data: bytes, layer: str | int | None, expected_driver: str, encoding: str | None = None) -> GdalRead:
    """Read one layer of `data`; refuse if GDAL recognises it as another driver."""
    import pyogrio
    from pyogrio.errors import DataLayerError, DataSourceError, FieldError, GeometryError

    from geo.errors import ImportRefused

    try:
        info = pyogrio.read_info(io.BytesIO(data), layer=layer, encoding=encoding)
        driver = info.get("driver", "")
        if driver != expected_driver:
            raise (
                ImportRefused(key="wrong_driver", found=driver, expected=expected_driver)
                if driver
                else ImportRefused(key="no_driver", expected=expected_driver)
            )
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            meta, _fids, wkb, columns = pyogrio.raw.read(
                io.BytesIO(data), layer=layer, encoding=encoding, datetime_as_string=True
            )
    except (DataSourceError, DataLayerError, FieldError, GeometryError) as exc:
        raise ImportRefused(key="gdal_unreadable", driver=expected_driver, reason=_plain(exc)) from None
    frame, notes = typed_frame(meta, wkb, columns)
    if any("Measured (M)" in str(w.message) for w in seen):
        notes.append(note("m_dropped"))
    crs = meta.get("crs")
    return GdalRead(frame, list_layers(data), str(info.get("geometry_type") or ""), driver, notes, crs)


def typed_frame(meta: dict, wkb, columns) -> tuple[object, list[dict]]:
    """A GeoDataFrame of GDAL's raw read: typed columns, geometries from our WKB reader."""
    import geopandas as gpd
    import pandas as pd

    notes: list[dict] = []
    data = {}
    for name, ogr_type, subtype, values in zip(meta["fields"], meta["ogr_types"], meta["ogr_subtypes"], columns):
        data[str(name)] = typed_column(values, ogr_type, subtype)
    geometries = geometries_of(wkb, notes) if wkb is not None else [None] * len(columns[0] if columns else [])
    frame = gpd.GeoDataFrame(pd.DataFrame(data, index=range(len(geometries))), geometry=geometries)
    return frame, notes


def typed_column(values, ogr_type: str, subtype: str):
    """One column with the type GDAL gives the field (missing values kept missing)."""
    import numpy as np
    import pandas as pd

    if ogr_type in ("OFTInteger", "OFTInteger64"):
        dtype = "boolean" if subtype == "OFSTBoolean" else "Int64"
        numbers = np.asarray(values, dtype="float64") if values.dtype.kind == "f" else values
        if values.dtype.kind == "f":
            mask = np.isnan(numbers)
            out = pd.array(np.where(mask, 0, numbers).astype("int64"), dtype=dtype)
            out[mask] = pd.NA
            return out
        return pd.array(values, dtype=dtype)
    if ogr_type == "OFTDate":
        return pd.array([_date(v) for v in values], dtype=object)
    if ogr_type == "OFTDateTime":
        return pd.array([_datetime(v) for v in values], dtype=object)
    if ogr_type.endswith("List"):
        return pd.array([None if v is None else [_python(x) for x in v] for v in values], dtype=object)
    if ogr_type == "OFTBinary":
        return pd.array([None if v is None else bytes(v).hex() for v in values], dtype=object)
    if ogr_type == "OFTString":
        return pd.array(list(values), dtype=object)
    return values


def geometries_of(wkb, notes: list[dict]) -> list:
    """Shapely geometries of GDAL's WKB; what was changed or could not be read goes in `notes`."""
    from geo.importing.geometry import GeometryUnreadable, from_wkb

    out, fixed = [], {}
    for i, blob in enumerate(wkb):
        try:
            geometry, fixes = from_wkb(blob)
        except GeometryUnreadable as exc:
            notes.append(note("geometry_unreadable", feature=i, reason=str(exc)))
            geometry, fixes = None, set()
        for code in fixes:
            fixed.setdefault(code, []).append(i)
        out.append(geometry)
    notes += [note("geometry_fixed", fix=code, features=rows) for code, rows in sorted(fixed.items())]
    return out


def _python(value):
    return value.item() if hasattr(value, "item") else value


def _date(value):
    if value is None or value == "":
        return None
    try:
        return _dt.date.fromisoformat(str(value)[:10].replace("/", "-"))
    except ValueError:
        return str(value)


def _datetime(value):
    if value is None or value == "":
        return None
    text = str(value).replace("/", "-")
    try:
        return _dt.datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
    except ValueError:
        return str(value)


def _plain(exc: Exception) -> str:
    """GDAL's message without the temporary in-memory path it names."""
    text = re.sub(r"/vsi\w+/[^\s:'\"]*", "the file", str(exc))
    return text.replace("\n", " ")[:200]


def declared_curves(data: bytes, layer: str) -> int:
    """How many features of a GeoPackage layer are stored as curves (GDAL linearises them on read)."""
    import pyogrio
    from pyogrio.errors import DataLayerError, DataSourceError

    safe = layer.replace('"', '""')
    kinds = "', '".join(NON_LINEAR)
    try:
        columns = pyogrio.raw.read(
            io.BytesIO(data),
            sql=f"SELECT column_name FROM gpkg_geometry_columns WHERE table_name = '{safe.replace(chr(39), chr(39) * 2)}'",
            read_geometry=False,
        )[3]
        if not len(columns) or not len(columns[0]):
            return 0
        column = str(columns[0][0]).replace('"', '""')
        counted = pyogrio.raw.read(
            io.BytesIO(data),
            sql=f'SELECT COUNT(*) FROM "{safe}" WHERE upper(ST_GeometryType("{column}")) IN (\'{kinds}\')',
            read_geometry=False,
        )[3]
    except (DataSourceError, DataLayerError):
        return 0
    return int(counted[0][0]) if len(counted) and len(counted[0]) else 0
