"""Reach of services: communities near the routes, and what is nearest to a point.

Candidate pairs come from a spatial index (STRtree) in the corridor's
transverse Mercator, after densifying lines to ~1 km edges; the distances
reported are then measured geodesically between the two nearest points, in
one vectorised `Geod.inv` call.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer

from geo.measure import CORRIDOR_CRS, GEOD, WGS84, require_wgs84

TO_LONLAT = Transformer.from_crs(CORRIDOR_CRS, WGS84, always_xy=True)


#: Longest edge, in degrees (~1 km), before projecting: a long straight lon/lat edge
#: would otherwise become a chord in the projection, off by ~100 m over 100 km.
DENSIFY_DEGREES = 0.01


def _projected(frame: gpd.GeoDataFrame) -> np.ndarray:
    return np.asarray(frame.geometry.segmentize(DENSIFY_DEGREES).to_crs(CORRIDOR_CRS).array, dtype=object)


def _geodesic_between(a_m: np.ndarray, b_m: np.ndarray) -> np.ndarray:
    """Geodesic km between the nearest points of paired projected geometries."""
    ends = shapely.get_coordinates(shapely.shortest_line(a_m, b_m)).reshape(-1, 2, 2)
    lon, lat = TO_LONLAT.transform(ends[:, :, 0].ravel(), ends[:, :, 1].ravel())
    lon, lat = np.asarray(lon).reshape(-1, 2), np.asarray(lat).reshape(-1, 2)
    _f, _b, metres = GEOD.inv(lon[:, 0], lat[:, 0], lon[:, 1], lat[:, 1])
    return metres / 1000.0


def nearest_route_km(communities: gpd.GeoDataFrame, lines: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    """For each community: (geodesic km to the nearest line, position of that line in `lines`)."""
    require_wgs84(communities)
    require_wgs84(lines)
    if communities.empty or lines.empty:
        return np.full(len(communities), np.nan), np.full(len(communities), -1)
    points_m, lines_m = _projected(communities), _projected(lines)
    tree = shapely.STRtree(lines_m)
    (point_index, line_index), _ = tree.query_nearest(points_m, return_distance=True, all_matches=False)
    km = np.full(len(communities), np.nan)
    nearest = np.full(len(communities), -1)
    km[point_index] = _geodesic_between(points_m[point_index], lines_m[line_index])
    nearest[point_index] = line_index
    return km, nearest


def reach_pairs(communities: gpd.GeoDataFrame, lines: gpd.GeoDataFrame, distance_km: float) -> pd.DataFrame:
    """Every (community, line) pair within `distance_km`, with the geodesic distance.

    Columns: `community` and `line` (positions in the frames), `distance_km`.
    The index is queried with a 0.5 % margin (the projection's error is below
    0.1 %) and the geodesic distance decides.
    """
    require_wgs84(communities)
    require_wgs84(lines)
    empty = pd.DataFrame(
        {"community": pd.Series(dtype=int), "line": pd.Series(dtype=int), "distance_km": pd.Series(dtype=float)}
    )
    if communities.empty or lines.empty:
        return empty
    points_m, lines_m = _projected(communities), _projected(lines)
    tree = shapely.STRtree(lines_m)
    point_index, line_index = tree.query(points_m, predicate="dwithin", distance=distance_km * 1000.0 * 1.005)
    if len(point_index) == 0:
        return empty
    km = _geodesic_between(points_m[point_index], lines_m[line_index])
    keep = km <= distance_km
    return pd.DataFrame(
        {"community": point_index[keep], "line": line_index[keep], "distance_km": np.round(km[keep], 2)}
    )


def communities_within(
    communities: gpd.GeoDataFrame, lines: gpd.GeoDataFrame, distance_km: float, id_column: str
) -> gpd.GeoDataFrame:
    """The communities within `distance_km` of any line, nearest first, with that distance and line."""
    pairs = reach_pairs(communities, lines, distance_km).sort_values(["community", "distance_km"])
    best = pairs.drop_duplicates("community")
    out = communities.iloc[best["community"].to_numpy()].copy()
    out["distance_km"] = best["distance_km"].to_numpy()
    out["nearest"] = lines[id_column].iloc[best["line"].to_numpy()].to_numpy()
    return out.sort_values("distance_km", kind="stable").reset_index(drop=True)


def nearest_to_point(
    lon: float, lat: float, communities: gpd.GeoDataFrame, lines: gpd.GeoDataFrame, n: int = 3
) -> tuple[pd.DataFrame, dict | None]:
    """(the `n` nearest communities with geodesic km, the nearest line's row and km) from a point."""
    require_wgs84(communities)
    nearest = pd.DataFrame(columns=["name", "distance_km"])
    if not communities.empty:
        xy = shapely.get_coordinates(communities.geometry.values)
        _f, _b, metres = GEOD.inv(np.full(len(xy), lon), np.full(len(xy), lat), xy[:, 0], xy[:, 1])
        order = np.argsort(metres)[:n]
        nearest = (
            communities.iloc[order]
            .drop(columns=communities.geometry.name)
            .assign(distance_km=np.round(metres[order] / 1000.0, 2))
            .reset_index(drop=True)
        )
    segment = None
    if lines is not None and not lines.empty:
        point = gpd.GeoDataFrame(geometry=[shapely.Point(lon, lat)], crs=WGS84)
        km, index = nearest_route_km(point, lines)
        if index[0] >= 0:
            segment = lines.iloc[int(index[0])].drop(lines.geometry.name).to_dict() | {
                "distance_km": round(float(km[0]), 2)
            }
    return nearest, segment
