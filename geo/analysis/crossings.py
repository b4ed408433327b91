"""Where routes cross the Colombia–Panama border."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from geo.measure import WGS84, require_wgs84


def border_crossings(lines: gpd.GeoDataFrame, border, id_column: str) -> gpd.GeoDataFrame:
    """One point per place a line meets `border`, with the line's id.

    >>> from shapely import LineString
    >>> frame = gpd.GeoDataFrame({"id": ["a"]}, geometry=[LineString([(-78, 8), (-77, 9)])], crs=4326)
    >>> border_crossings(frame, LineString([(-78, 9), (-77, 8)]), "id").geometry.iloc[0].wkt
    'POINT (-77.5 8.5)'
    """
    require_wgs84(lines)
    rows = []
    if border is not None and not border.is_empty:
        tree = shapely.STRtree([border])
        hits = tree.query(lines.geometry.values, predicate="intersects")[0]
        for i in sorted(set(hits.tolist())):
            meeting = lines.geometry.iloc[i].intersection(border)
            for part in shapely.get_parts(meeting):
                point = part if part.geom_type == "Point" else part.representative_point()
                rows.append(
                    {
                        id_column: lines[id_column].iloc[i],
                        "lon": round(point.x, 6),
                        "lat": round(point.y, 6),
                        "geometry": point,
                    }
                )
    return gpd.GeoDataFrame(
        pd.DataFrame(rows, columns=[id_column, "lon", "lat", "geometry"]), geometry="geometry", crs=WGS84
    )
