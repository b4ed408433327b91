"""Reading through GDAL (pyogrio), only ever inside the import worker.

GDAL is told, before it loads, to skip every driver but the few we open
(`GDAL_SKIP`, see `worker_environment`), so a file that claims to be one
thing but is a VRT, a GML with remote schemas or anything else cannot reach
a driver that would follow links or open other files. Readers get bytes,
never a path or URL; no network access is configured.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

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
}


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
    notes: list[str] = field(default_factory=list)


def list_layers(data: bytes) -> list[str]:
    import pyogrio

    return [str(name) for name, _kind in pyogrio.list_layers(io.BytesIO(data))]


def read(data: bytes, layer: str | None, expected_driver: str) -> GdalRead:
    """Read one layer of `data`; refuse if GDAL recognises it as another driver."""
    import pyogrio

    from geo.errors import ImportRefused

    info = pyogrio.read_info(io.BytesIO(data), layer=layer)
    driver = info.get("driver", "")
    if driver != expected_driver:
        raise (
            ImportRefused(key="wrong_driver", found=driver, expected=expected_driver)
            if driver
            else ImportRefused(key="no_driver", expected=expected_driver)
        )
    frame = pyogrio.read_dataframe(io.BytesIO(data), layer=layer, datetime_as_string=True)
    return GdalRead(frame, list_layers(data), str(info.get("geometry_type") or ""), driver)
