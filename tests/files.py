"""Files of every importable format, built in memory by the tests (no binary fixtures)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import geopandas as gpd
import pyogrio
from shapely import LineString, Point, Polygon

SAMPLE = gpd.GeoDataFrame(
    {
        "name": ["Sector Norte", "Puesto <b>2</b>", "{{ 7*7 }}"],
        "code": ["007", "A-2", "x"],
        "count": [3, 0, 12],
    },
    geometry=[Point(-77.6, 8.3), Point(-77.4, 8.1), Point(-77.9, 8.45)],
    crs="EPSG:4326",
)

SAMPLE_LINES = gpd.GeoDataFrame(
    {"name": ["track 1", "track 2"]},
    geometry=[LineString([(-77.6, 8.3), (-77.5, 8.35), (-77.4, 8.2)]), LineString([(-78.0, 8.0), (-77.9, 8.1)])],
    crs="EPSG:4326",
)

SAMPLE_POLYGONS = gpd.GeoDataFrame(
    {"name": ["official park"], "area_src": ["decree"]},
    geometry=[Polygon([(-77.9, 7.5), (-77.3, 7.5), (-77.3, 8.3), (-77.9, 8.3), (-77.9, 7.5)])],
    crs="EPSG:4326",
)


def geojson_bytes(frame=SAMPLE) -> bytes:
    return frame.to_json().encode("utf-8")


def feature_collection(*features) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()


def feature(geometry, **properties) -> dict:
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def written(tmp_path: Path, frame, name: str, driver: str, **kwargs) -> bytes:
    path = tmp_path / name
    pyogrio.write_dataframe(frame, path, driver=driver, **kwargs)
    return path.read_bytes()


def gpkg_bytes(tmp_path: Path, layers: dict) -> bytes:
    path = tmp_path / "layers.gpkg"
    for name, frame in layers.items():
        pyogrio.write_dataframe(frame, path, layer=name, driver="GPKG", append=path.exists())
    return path.read_bytes()


def zip_of(files: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def shapefile_parts(tmp_path: Path, frame, stem: str = "sectors") -> dict[str, bytes]:
    folder = tmp_path / f"shp_{stem}"
    folder.mkdir(exist_ok=True)
    pyogrio.write_dataframe(frame, folder / f"{stem}.shp", driver="ESRI Shapefile")
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def kml_bytes(tmp_path: Path, frame=SAMPLE) -> bytes:
    return written(tmp_path, frame, "x.kml", "KML")


def gpx_bytes(tmp_path: Path) -> bytes:
    tracks = SAMPLE_LINES.assign(
        geometry=SAMPLE_LINES.geometry.map(lambda g: __import__("shapely").MultiLineString([g]))
    )
    return written(tmp_path, tracks[["name", "geometry"]], "x.gpx", "GPX", layer="tracks")
