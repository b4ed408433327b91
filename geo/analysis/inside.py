"""Routes and an area (the national park): length inside, and where routes enter and leave.

Intersections are taken in lon/lat, where the route segments are defined as
straight lines (GeoJSON's convention); lengths of the pieces are geodesic.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.measure import WGS84, geodesic_lengths_km, require_wgs84


def length_inside_km(lines: gpd.GeoDataFrame, area) -> np.ndarray:
    """Geodesic length, in km, of each line of `lines` that lies inside `area` (a polygon or None).

    >>> from shapely import LineString, box
    >>> frame = gpd.GeoDataFrame(geometry=[LineString([(-78, 8.5), (-76, 8.5)])], crs=4326)
    >>> [round(float(v), 1) for v in length_inside_km(frame, box(-77.5, 8, -77, 9))]
    [55.1]
    >>> [float(v) for v in length_inside_km(frame, None)]
    [0.0]
    """
    require_wgs84(lines)
    if area is None or area.is_empty or lines.empty:
        return np.zeros(len(lines))
    # The area's disjoint parts, paired with the lines they touch through a spatial
    # index: each line meets only the parts near it, not the whole (multi)polygon,
    # and parts that do not overlap cannot count a stretch twice.
    parts = shapely.get_parts(area)
    geoms = np.asarray(lines.geometry.array, dtype=object)
    line_index, part_index = shapely.STRtree(parts).query(geoms, predicate="intersects")
    if len(line_index) == 0:
        return np.zeros(len(lines))
    shapely.prepare(parts)
    # A line wholly inside a part counts whole; only lines crossing a boundary are cut.
    whole = shapely.contains(parts[part_index], geoms[line_index])
    pieces = geoms[line_index].copy()
    pieces[~whole] = shapely.intersection(geoms[line_index][~whole], parts[part_index][~whole])
    return np.bincount(line_index, weights=geodesic_lengths_km(pieces), minlength=len(lines))


def entries_and_exits(lines: gpd.GeoDataFrame, area, id_column: str) -> gpd.GeoDataFrame:
    """Points where each line crosses the boundary of `area`, labelled `enter` or `leave`
    (in the line's own direction), with the distance along the line in km."""
    require_wgs84(lines)
    rows = []
    if area is not None and not area.is_empty:
        boundary = area.boundary
        for ident, line in zip(lines[id_column], lines.geometry):
            if line is None or line.is_empty or not line.intersects(boundary):
                continue
            crossing = shapely.get_parts(line.intersection(boundary))
            points = [
                p
                for g in crossing
                for p in (shapely.get_parts(g) if g.geom_type != "Point" else [g])
                if p.geom_type == "Point"
            ]
            for point in sorted(points, key=line.project):
                along = line.project(point)
                after = line.interpolate(min(along + 1e-6, line.length))
                before = line.interpolate(max(along - 1e-6, 0.0))
                going_in = area.contains(after) and not area.contains(before)
                going_out = area.contains(before) and not area.contains(after)
                if not (going_in or going_out):
                    continue  # touches the boundary without crossing it
                head = shapely.LineString([line.coords[0], point.coords[0]]) if along > 0 else None
                rows.append(
                    {
                        id_column: ident,
                        "kind": "enter" if going_in else "leave",
                        "along_km": round(float(geodesic_lengths_km([_substring(line, along)])[0]), 2)
                        if head is not None
                        else 0.0,
                        "geometry": point,
                    }
                )
    return gpd.GeoDataFrame(
        pd.DataFrame(rows, columns=[id_column, "kind", "along_km", "geometry"]), geometry="geometry", crs=WGS84
    )


def _substring(line, distance):
    return shapely.ops.substring(line, 0, distance)
