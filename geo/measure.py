"""Geodesic measurement and the corridor's working projection.

Lengths and areas are computed on the WGS 84 ellipsoid (pyproj's Geod), in
kilometres, never in degrees. Operations that need planar geometry
(buffers, "within N km") are done in `CORRIDOR_CRS`, a transverse Mercator
centred on the corridor: over the corridor's 4.5 degrees of longitude its
scale error stays below 0.1 %, far less than the uncertainty of any layer we
draw, whereas the UTM zones split the corridor at 78 deg W.

>>> from shapely import LineString
>>> round(geodesic_length_km(LineString([(-78.0, 8.0), (-77.0, 8.0)])), 1)
110.2
>>> geodesic_length_km(None)
0.0
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from pyproj import CRS, Geod

from geo.errors import CRSMismatchError

WGS84 = CRS.from_epsg(4326)
GEOD = Geod(ellps="WGS84")

#: Transverse Mercator centred on the corridor (see module docstring for why).
CORRIDOR_CRS = CRS.from_proj4("+proj=tmerc +lat_0=8 +lon_0=-78.25 +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs")

#: The corridor box: lon -80.5..-76.0, lat 6.5..9.6 (minx, miny, maxx, maxy).
CORRIDOR_BOUNDS = (-80.5, 6.5, -76.0, 9.6)


def geodesic_length_km(geom) -> float:
    """Length of a (multi)line on the WGS 84 ellipsoid, in km. Empty or None is 0."""
    if geom is None or geom.is_empty:
        return 0.0
    return GEOD.geometry_length(geom) / 1000.0


def geodesic_area_km2(geom) -> float:
    """Area of a (multi)polygon on the WGS 84 ellipsoid, in km². Empty or None is 0.

    The sign pyproj gives for ring orientation is discarded.
    """
    if geom is None or geom.is_empty:
        return 0.0
    area, _perimeter = GEOD.geometry_area_perimeter(geom)
    return abs(area) / 1e6


#: Attributes derived from a feature's geometry: attribute -> (measure, decimals, as in data/).
#: A feature cut at the edge of an area has them measured again (geo.selection.clip_layers).
DERIVED_MEASURES = {
    "length_km": (geodesic_length_km, 2),
    "area_km2": (geodesic_area_km2, 1),
}


def remeasured(frame: gpd.GeoDataFrame, rows: np.ndarray) -> gpd.GeoDataFrame:
    """`frame` with every derived measure (DERIVED_MEASURES) it carries measured again,
    geodesically, on the features where `rows` is true; the others keep theirs.

    >>> from shapely import LineString
    >>> f = gpd.GeoDataFrame({"length_km": [88.32]}, geometry=[LineString([(-78, 8), (-77, 8)])], crs=4326)
    >>> remeasured(f, np.array([True]))["length_km"].tolist()
    [110.24]
    """
    present = [name for name in DERIVED_MEASURES if name in frame.columns]
    if not present or not rows.any():
        return frame
    frame = frame.copy()
    geoms = np.asarray(frame.geometry.array, dtype=object)[rows]
    for name in present:
        measure, decimals = DERIVED_MEASURES[name]
        column = frame[name].astype("float64")
        column[rows] = [round(measure(g), decimals) for g in geoms]
        frame[name] = column
    return frame


def geodesic_lengths_km(geoms) -> np.ndarray:
    """Geodesic length in km of each (multi)line of an array, in one vectorised pass.

    Every pair of consecutive vertices of every part goes to a single
    `Geod.inv` call; the pieces are summed back per geometry. Polygons count
    their rings' perimeters; points, None and empties count 0.

    >>> from shapely import LineString, MultiLineString
    >>> [round(float(v), 1) for v in geodesic_lengths_km([LineString([(-78, 8), (-77, 8)]), None,
    ...     MultiLineString([[(-78, 8), (-78, 9)], [(-77, 8), (-77, 9)]])])]
    [110.2, 0.0, 221.2]
    """
    geoms = np.asarray(geoms, dtype=object)
    out = np.zeros(len(geoms))
    present = np.array([g is not None and not g.is_empty for g in geoms], dtype=bool)
    if not present.any():
        return out
    parts, owner = shapely.get_parts(geoms[present], return_index=True)
    polygonal = shapely.get_type_id(parts) == 3
    if polygonal.any():
        rings, ring_owner = shapely.get_rings(parts[polygonal], return_index=True)
        parts = np.concatenate([parts[~polygonal], rings])
        owner = np.concatenate([owner[~polygonal], owner[polygonal][ring_owner]])
    xy, part_of = shapely.get_coordinates(parts, return_index=True)
    same = part_of[1:] == part_of[:-1]
    if not same.any():
        return out
    _az1, _az2, metres = GEOD.inv(xy[:-1, 0][same], xy[:-1, 1][same], xy[1:, 0][same], xy[1:, 1][same])
    per_part = np.bincount(part_of[:-1][same], weights=metres, minlength=len(parts))
    out[np.flatnonzero(present)] = np.bincount(owner, weights=per_part, minlength=int(present.sum())) / 1000.0
    return out


def require_wgs84(frame: gpd.GeoDataFrame) -> None:
    """Raise CRSMismatchError unless `frame` is in EPSG:4326."""
    if frame.crs is None or CRS(frame.crs) != WGS84:
        raise CRSMismatchError(
            f"expected a layer in EPSG:4326 (lon/lat), got {frame.crs!s}; "
            "reproject it with frame.to_crs(4326) where it is read"
        )


def to_corridor(geom):
    """Project one lon/lat geometry to CORRIDOR_CRS (metres)."""
    return gpd.GeoSeries([geom], crs=WGS84).to_crs(CORRIDOR_CRS).iloc[0]


def from_corridor(geom):
    """Project one CORRIDOR_CRS geometry back to lon/lat."""
    return gpd.GeoSeries([geom], crs=CORRIDOR_CRS).to_crs(WGS84).iloc[0]


def buffer_km(geom, km: float):
    """Buffer a lon/lat geometry by `km` kilometres (planar, in CORRIDOR_CRS)."""
    return from_corridor(shapely.buffer(to_corridor(geom), km * 1000.0))
