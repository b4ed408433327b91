"""Layers straight from PostGIS: tables or views named in the configuration only.

- config.py     the TOML file (DARIEN_DB_LAYERS) -> DatabaseLayer; names checked against the catalogue
- connect.py    the connection pool (DARIEN_DB_URL, else DARIEN_STORE when it is postgresql://)
- view.py       one view: bounding box on the index, simplification and precision per zoom, a cap
- overviews.py  counts per grid cell per zoom for wide views of big point tables, kept by triggers
- analysis.py   the corridor measures in SQL (geography casts: geodesic values)
- export.py     RFC 7946 GeoJSON streamed from a server-side cursor, feature by feature
"""

from __future__ import annotations

from geo.database.analysis import Measures
from geo.database.analysis import measure as measure_layer
from geo.database.config import DatabaseConfigError, DatabaseLayer, check_catalogue, database_url, read_config
from geo.database.overviews import ensure_overviews
from geo.database.view import FEATURE_CAP, View, query_view, zoom_for

__all__ = [
    "FEATURE_CAP",
    "DatabaseConfigError",
    "DatabaseLayer",
    "Measures",
    "View",
    "check_catalogue",
    "database_url",
    "ensure_overviews",
    "measure_layer",
    "query_view",
    "read_config",
    "zoom_for",
]
