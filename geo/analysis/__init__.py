"""Corridor analysis: what the layers say together.

Each question has its module: `inside` (routes and the park), `coverage`
(patrol zones and gaps), `reach` (communities near routes, nearest to a
point), `crossings` (the border). `analyse` answers them all for the layers
on the map, whichever plays each role: a user's layer that takes the place
of a bundled one (their real patrol sectors, the official park) is used
instead, and every figure follows. The layers are those the map shows: as of a month
(geo.selection.Filters.as_of), only what held in that month, so every figure is of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd
import shapely

from geo.analysis.coverage import coverage_gaps, zones_union
from geo.analysis.crossings import border_crossings
from geo.analysis.inside import entries_and_exits, length_inside_km
from geo.analysis.reach import communities_within, nearest_to_point, reach_pairs
from geo.load import Layer
from geo.measure import geodesic_lengths_km
from geo.spec import CONFIDENCE_LEVELS, DERIVED_LICENCE, LayerSpec

#: Bundled layer id -> the role its layer (or its replacement) plays.
ROLE_OF = {
    "migration_routes": "routes",
    "darien_national_park": "park",
    "patrol_zones": "zones",
    "reception_communities": "communities",
    "colombia_panama_border": "border",
}

DEFAULT_REACH_KM = 10.0


@dataclass
class Roles:
    layers: dict[str, Layer] = field(default_factory=dict)  # role -> layer

    def frame(self, role: str) -> gpd.GeoDataFrame | None:
        layer = self.layers.get(role)
        if layer is None:
            return None
        frame = layer.frame
        return frame[frame.geometry.notna() & ~frame.geometry.is_empty]

    def union(self, role: str):
        frame = self.frame(role)
        return None if frame is None or frame.empty else shapely.union_all(frame.geometry.values)


def roles(layers: Sequence[Layer]) -> Roles:
    """Which of `layers` plays each role (by bundled id, or by the id a user layer replaces)."""
    found = Roles()
    for layer in layers:
        role = ROLE_OF.get(layer.spec.id) or ROLE_OF.get(layer.replaces or "")
        if role:
            found.layers[role] = layer
    return found


def segments(routes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Route segments with `route` and `segment_id`; a user's lines without them are one route each."""
    out = routes.copy()
    if "route" not in out:
        names = (
            out["name"].astype(str)
            if "name" in out
            else pd.Series([f"#{i + 1}" for i in range(len(out))], index=out.index)
        )
        out["route"] = names.to_numpy()
    if "segment_id" not in out:
        out["segment_id"] = [f"{r}-{i + 1}" for i, r in enumerate(out["route"])]
    return out.reset_index(drop=True)


@dataclass
class Analysis:
    segments: pd.DataFrame  # per segment: lengths in park, in patrol zones, in gaps
    summary: pd.DataFrame  # per route
    park_crossings: gpd.GeoDataFrame
    border_crossings: gpd.GeoDataFrame
    gaps: gpd.GeoDataFrame
    in_reach: gpd.GeoDataFrame
    confidence: str  # the weakest confidence of the inputs: what the results can claim
    sources: list[str]


def analyse(found: Roles, reach_km: float = DEFAULT_REACH_KM) -> Analysis | None:
    """Every answer for the routes on the map; None when no routes are shown."""
    routes = found.frame("routes")
    if routes is None or routes.empty:
        return None
    lines = segments(routes)
    park, zones, communities = found.union("park"), found.frame("zones"), found.frame("communities")
    zones_all = zones_union(zones)
    gaps = coverage_gaps(lines, zones, communities, reach_km)
    per_segment = pd.DataFrame(
        {
            "route": lines["route"],
            "segment_id": lines["segment_id"],
            "total_km": geodesic_lengths_km(lines.geometry.values),
            "in_park_km": length_inside_km(lines, park),
            "in_patrol_km": length_inside_km(lines, zones_all),
        }
    )
    per_segment["in_gaps_km"] = per_segment["segment_id"].map(gaps.set_index("segment_id")["gap_km"]).fillna(0.0)
    has_communities = communities is not None and not communities.empty
    in_reach = communities_within(communities, lines, reach_km, "segment_id") if has_communities else gpd.GeoDataFrame()
    pairs = (
        reach_pairs(communities, lines, reach_km) if has_communities else pd.DataFrame(columns=["community", "line"])
    )
    reached_by_route = {
        route: sorted(
            {
                str(communities["name"].iloc[c]) if "name" in communities else f"#{c + 1}"
                for c in pairs.loc[pairs["line"].map(lines["route"]) == route, "community"]
            }
        )
        for route in lines["route"].unique()
    }
    confidence = weakest([found.layers[r] for r in found.layers if r != "border"])
    return Analysis(
        segments=per_segment.round(2),
        summary=_summary(lines, per_segment, reached_by_route),
        park_crossings=entries_and_exits(lines, park, "segment_id").merge(
            lines[["segment_id", "route"]], on="segment_id"
        ),
        border_crossings=border_crossings(lines, found.union("border"), "segment_id").merge(
            lines[["segment_id", "route"]], on="segment_id"
        ),
        gaps=gaps,
        in_reach=in_reach,
        confidence=confidence,
        sources=[layer.spec.title["en"] for layer in found.layers.values()],
    )


def derived_layers(result: Analysis, specs: dict[str, LayerSpec], reach_km: float) -> list[Layer]:
    """The analysis' map layers, each feature with its provenance.

    `specs` maps "coverage_gaps", "park_crossings", "border_crossings" to their declarations.
    """
    provenance = {
        "source": "Computed by this project from: " + ", ".join(result.sources),
        "confidence": result.confidence,
        "licence": DERIVED_LICENCE,
    }
    frames = {
        "coverage_gaps": result.gaps[["route", "segment_id", "gap_km", "geometry"]].assign(reach_km=reach_km),
        "park_crossings": result.park_crossings[["route", "segment_id", "kind", "along_km", "geometry"]],
        "border_crossings": result.border_crossings[["route", "segment_id", "lon", "lat", "geometry"]],
    }
    out = []
    for key, frame in frames.items():
        spec = specs[key]
        frame = gpd.GeoDataFrame(frame.assign(**provenance, caveat=spec.caveat["en"]), geometry="geometry", crs=4326)
        out.append(Layer(spec, frame.reset_index(drop=True)))
    return out


def weakest(layers: Sequence[Layer]) -> str:
    """The least certain confidence found in `layers` (results can claim no more)."""
    levels = {c for layer in layers if "confidence" in layer.frame for c in layer.frame["confidence"].dropna()}
    ranked = [c for c in CONFIDENCE_LEVELS if c in levels]
    return ranked[-1] if ranked else "reported"


def _summary(lines, per_segment: pd.DataFrame, reached_by_route: dict[str, list[str]]) -> pd.DataFrame:
    rows = []
    for route, group in per_segment.groupby("route", sort=False):
        days = lines.loc[lines["route"] == route, "typical_days"] if "typical_days" in lines else pd.Series(dtype=float)
        reached = reached_by_route.get(route, [])
        total = group["total_km"].sum()
        rows.append(
            {
                "route": route,
                "segments": len(group),
                "total_km": round(total, 2),
                "in_park_km": round(group["in_park_km"].sum(), 2),
                "in_patrol_km": round(group["in_patrol_km"].sum(), 2),
                "patrol_share_pct": round(100 * group["in_patrol_km"].sum() / total, 1) if total else None,
                "in_gaps_km": round(group["in_gaps_km"].sum(), 2),
                "communities_in_reach": len(reached),
                "communities": ", ".join(reached),
                "typical_days": float(days.sum()) if len(days) and days.notna().all() else None,
            }
        )
    return pd.DataFrame(rows)


__all__ = [
    "DEFAULT_REACH_KM",
    "Analysis",
    "Roles",
    "analyse",
    "derived_layers",
    "nearest_to_point",
    "roles",
    "segments",
    "weakest",
]
