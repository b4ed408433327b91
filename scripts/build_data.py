"""Rebuild every file in data/ from its inputs in data/sources/.

    python scripts/build_data.py            # writes data/*.geojson, data/darien_crossings.csv
    python scripts/build_data.py --check    # exits 1 if data/ differs from a fresh build

Inputs (all in data/sources/): the openly licensed reference layers copied
from the shared corridor data (reference/), places.csv (waypoints and
reception communities, with citations and, for places placed from a
description, that description), routes.csv (route segments, in order),
parks.json (the published park facts) and patrol_scenario.csv.

Every derived value (segment lengths, park areas, the country and admin unit
of a place) is computed here, never typed in. The output is deterministic:
running it twice gives byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from shapely import LineString, Point

from geo.exporting.geojson import dumps_lines, feature_collection
from geo.measure import (
    buffer_km,
    from_corridor,
    geodesic_area_km2,
    geodesic_length_km,
    to_corridor,
)

ROOT = Path(__file__).resolve().parent.parent

SOURCES = ROOT / "data" / "sources"
REFERENCE = SOURCES / "reference"
DATA = ROOT / "data"

NE = "Natural Earth (public domain)"
ODBL = "ODbL 1.0 (© OpenStreetMap contributors)"
GEONAMES = "CC BY 4.0 (GeoNames)"
PROJECT = "CC BY 4.0 (this project), built from the sources cited per feature"

#: Point-in-polygon tolerance for coastal towns: the reference polygons are
#: coarse and put some harbours up to 410 m offshore (see reference/SOURCES.md).
COAST_TOLERANCE_KM = 1.0

CAVEATS = {
    "park": "approximate, not an official boundary",
    "route": "approximate path through waypoints, not a surveyed track",
    "place": "approximate position, placed from a description",
    "patrol": "illustrative scenario, not real patrol sectors",
}


def reference(name: str) -> gpd.GeoDataFrame:
    return gpd.read_file(REFERENCE / f"{name}.geojson").set_crs(4326, allow_override=True)


def with_provenance(frame, source, confidence, licence, valid_from=None, valid_to=None):
    frame = frame.copy()
    frame["source"] = source
    frame["confidence"] = confidence
    frame["licence"] = licence
    frame["valid_from"] = valid_from
    frame["valid_to"] = valid_to
    return frame


# --- context layers: copied from the reference data, provenance added ---------


def countries():
    f = reference("countries_ne10m")[["name", "iso_a3", "source", "clipped_to_bbox", "geometry"]]
    return with_provenance(f, f["source"], "reported", NE)


def colombia_panama_border():
    f = reference("border_pan_col_ne10m")
    f = f.assign(name="Colombia–Panamá")[["name", "featurecla", "source", "geometry"]]
    return with_provenance(f, f["source"], "reported", NE)


def coastline():
    f = reference("coastline_ne10m")[["featurecla", "source", "geometry"]]
    return with_provenance(f, f["source"], "reported", NE)


def rivers():
    f = reference("rivers_ne10m")[["name", "featurecla", "source", "geometry"]]
    return with_provenance(f, f["source"], "reported", NE)


def towns():
    f = reference("populated_places_ne10m")
    f = f[["name", "adm0name", "adm1name", "featurecla", "pop_max", "source", "geometry"]]
    return with_provenance(f, f["source"], "reported", NE)


def provinces_comarcas():
    f = reference("admin1_osm_countrylevels")
    f["country"] = f["iso2"].str[:2]
    f["kind"] = f["name"].map(lambda n: "comarca" if n.startswith("Comarca") else "province")
    f["area_km2"] = [round(geodesic_area_km2(g), 1) for g in f.geometry]
    f = f[
        [
            "name",
            "iso2",
            "country",
            "kind",
            "osm_id",
            "wikidata_id",
            "area_km2",
            "source",
            "clipped_to_bbox",
            "geometry",
        ]
    ]
    return with_provenance(f, f["source"], "reported", ODBL)


# --- reception communities and waypoints --------------------------------------


def places(admin: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Every place in places.csv, positioned, with country and admin unit derived."""
    table = pd.read_csv(SOURCES / "places.csv", dtype=str, keep_default_na=False)
    ref = reference("communities").set_index("name")
    rows = []
    for row in table.to_dict("records"):
        if row["position"] == "communities.geojson":
            hit = ref.loc[row["name"]]
            geom = hit.geometry
            source = f"{hit['coord_source']}; {row['source']}"
            licence = GEONAMES
        else:
            geom = Point(float(row["lon"]), float(row["lat"]))
            source = row["source"]
            licence = PROJECT
        rows.append(
            {
                "id": row["id"],
                "name": row["name"],
                "kind": row["kind"],
                "services": row["services"] or None,
                "operator": row["operator"] or None,
                "placed_from": row["placed_from"] or None,
                "caveat": CAVEATS["place"] if row["confidence"] == "approximate" else None,
                "source": source,
                "confidence": row["confidence"],
                "licence": licence,
                "valid_from": row["valid_from"] or None,
                "valid_to": row["valid_to"] or None,
                "geometry": geom,
            }
        )
    frame = gpd.GeoDataFrame(rows, crs=4326)
    joined = [_admin_unit(g, admin) for g in frame.geometry]
    frame.insert(3, "country", [j[0] for j in joined])
    frame.insert(4, "admin_unit", [j[1] for j in joined])
    return frame


def _admin_unit(point: Point, admin: gpd.GeoDataFrame) -> tuple[str, str]:
    """(country code, province or comarca) of a point; nearest unit within the coast tolerance."""
    inside = admin[admin.contains(point)]
    if len(inside) == 1:
        return inside.iloc[0]["country"], inside.iloc[0]["name"]
    near = admin[[g.intersects(buffer_km(point, COAST_TOLERANCE_KM)) for g in admin.geometry]]
    if len(near) == 0:
        raise SystemExit(f"place at {point.wkt} is in no admin unit, even within {COAST_TOLERANCE_KM} km")
    p = to_corridor(point)
    best = min(near.itertuples(), key=lambda u: to_corridor(u.geometry).distance(p))
    return best.country, best.name


RECEPTION_KINDS = ("indigenous_community", "town", "reception_station", "port_of_departure")


def reception_communities(place_frame):
    keep = place_frame[place_frame["kind"].isin(RECEPTION_KINDS)]
    return keep.reset_index(drop=True)


# --- migration routes ------------------------------------------------------------


def border_crossing_point(border, start: Point, end: Point) -> Point:
    """Where a path from `start` to `end` meets the border: the border point nearest
    to the straight line between them (the trail's marker, "Las Banderas", has no
    open coordinates)."""
    line = to_corridor(LineString([start, end]))
    b = to_corridor(border)
    nearest_on_border, _ = shapely.ops.nearest_points(b, line)
    return from_corridor(nearest_on_border)


def migration_routes(place_frame, border) -> gpd.GeoDataFrame:
    table = pd.read_csv(SOURCES / "routes.csv", dtype=str, keep_default_na=False)
    where = {r.id: r.geometry for r in place_frame.itertuples()}
    names = dict(zip(place_frame["id"], place_frame["name"]))
    where["las_banderas"] = border_crossing_point(border, where["acandi"], where["bajo_chiquito"])
    names["las_banderas"] = "Las Banderas (frontera)"
    rows = []
    for r in table.to_dict("records"):
        geom = LineString([where[r["from"]], where[r["to"]]])
        geom = shapely.set_precision(geom, 1e-5)
        rows.append(
            {
                "segment_id": f"{r['route']}-{int(r['seq']):02d}",
                "route": r["route"],
                "seq": int(r["seq"]),
                "stage": r["stage"],
                "mode": r["mode"],
                "direction": r["direction"],
                "from_place": names[r["from"]],
                "to_place": names[r["to"]],
                "length_km": round(geodesic_length_km(geom), 2),
                "typical_days": float(r["typical_days"]) if r["typical_days"] else None,
                "caveat": CAVEATS["route"],
                "source": r["source"],
                "confidence": "approximate",
                "licence": PROJECT,
                "valid_from": r["valid_from"] or None,
                "valid_to": r["valid_to"] or None,
                "geometry": geom,
            }
        )
    return gpd.GeoDataFrame(rows, crs=4326)


# --- parks -------------------------------------------------------------------------


def _fit(make, target_km2: float, lo: float, hi: float):
    """Bisect the size parameter of `make(size) -> polygon` so its area is `target_km2`."""
    for _ in range(40):
        mid = (lo + hi) / 2
        if geodesic_area_km2(make(mid)) < target_km2:
            lo = mid
        else:
            hi = mid
    return make((lo + hi) / 2)


def _clean(geom):
    geom = shapely.set_precision(geom, 1e-5)
    parts = [p for p in getattr(geom, "geoms", [geom]) if geodesic_area_km2(p) > 1.0]
    return shapely.MultiPolygon(parts) if len(parts) > 1 else parts[0]


def darien_national_park(panama, border, facts):
    e = facts["extent"]
    box = shapely.box(e["min_lon"], e["min_lat"], e["max_lon"], e["max_lat"])
    land = panama.intersection(box)
    land_m, border_m = to_corridor(land), to_corridor(border)
    # Clip to the extent again in lon/lat: a straight edge projected there and back bulges by metres.
    geom = _fit(
        lambda km: from_corridor(land_m.intersection(border_m.buffer(km * 1000))).intersection(box),
        facts["area_km2"],
        1,
        150,
    )
    return _park_frame(_clean(geom), facts)


def los_katios_national_park(colombia, border, atrato, facts):
    # The land west of the Atrato: cut Colombia's land by the river and keep the
    # part touching the Panama border.
    land_m = to_corridor(colombia)
    cut = shapely.ops.split(land_m, to_corridor(atrato).buffer(1))
    west = [p for p in getattr(cut, "geoms", [cut]) if p.distance(to_corridor(border)) < 1]
    west_m = shapely.union_all(west)
    centre_m = to_corridor(Point(facts["centre"]))
    geom = _fit(lambda km: from_corridor(west_m.intersection(centre_m.buffer(km * 1000))), facts["area_km2"], 1, 80)
    return _park_frame(_clean(geom), facts)


def _park_frame(geom, facts):
    return gpd.GeoDataFrame(
        [
            {
                "name": facts["name"],
                "country": facts["country"],
                "area_km2": round(geodesic_area_km2(geom), 1),
                "published_area_km2": float(facts["area_km2"]),
                "designations": facts["designations"],
                "wdpa_id": facts["wdpa_id"],
                "method": facts["method"],
                "caveat": CAVEATS["park"],
                "source": facts["source"],
                "confidence": "approximate",
                "licence": PROJECT,
                "valid_from": None,
                "valid_to": None,
                "geometry": geom,
            }
        ],
        crs=4326,
    )


# --- patrol zones (illustrative) ----------------------------------------------------


def patrol_zones(panama, border, park, place_frame, admin):
    table = pd.read_csv(SOURCES / "patrol_scenario.csv", dtype=str, keep_default_na=False)
    darien = admin[admin["name"].isin(["Darién", "Comarca Emberá-Wounaan"])].union_all()
    stations = place_frame[
        place_frame["id"].isin(["bajo_chiquito", "canaan_membrillo", "erm_lajas_blancas", "erm_san_vicente"])
    ]
    shapes = {
        "border_band_10km": panama.intersection(buffer_km(border, 10)),
        "darien_province_east_of_-78.2": darien.intersection(shapely.box(-78.2, 7.0, -77.0, 9.0)),
        "national_park": park,
        "communities_5km": shapely.union_all([buffer_km(g, 5) for g in stations.geometry]),
    }
    rows = []
    for r in table.to_dict("records"):
        geom = _clean(shapes[r["shape"]])
        rows.append(
            {
                "id": r["id"],
                "name": r["name_es"],
                "name_en": r["name_en"],
                "agency": r["agency"],
                "mode": r["mode"],
                "area_km2": round(geodesic_area_km2(geom), 1),
                "caveat": CAVEATS["patrol"],
                "source": r["source"],
                "confidence": "illustrative",
                "licence": PROJECT,
                "valid_from": r["valid_from"] or None,
                "valid_to": r["valid_to"] or None,
                "geometry": geom,
            }
        )
    return gpd.GeoDataFrame(rows, crs=4326)


# --- crossing statistics -------------------------------------------------------------


def darien_crossings() -> pd.DataFrame:
    raw = pd.read_csv(REFERENCE / "darien_crossings_reported.csv", dtype=str, keep_default_na=False)
    out = raw.rename(columns={"source_url": "source"})
    out["value"] = out["value"].astype(int)
    note = out["note"].str.lower()
    out["conflicting_figures"] = note.str.contains(r"conflict|gives|cited", regex=True)
    out["confidence"] = "reported"
    return out[["period", "period_type", "value", "conflicting_figures", "note", "source", "confidence"]]


# --- assembly ------------------------------------------------------------------------


def build() -> dict[str, str]:
    """Every output file's name -> its exact text."""
    world = reference("countries_ne10m").set_index("name").geometry
    panama, colombia = world["Panama"], world["Colombia"]
    border = reference("border_pan_col_ne10m").geometry.iloc[0]
    atrato = reference("rivers_ne10m").query("name == 'Atrato'").geometry.iloc[0]
    facts = json.loads((SOURCES / "parks.json").read_text(encoding="utf-8"))

    admin = provinces_comarcas()
    place_frame = places(admin)
    park = darien_national_park(panama, border, facts["darien_national_park"])
    layers = {
        "countries": countries(),
        "colombia_panama_border": colombia_panama_border(),
        "coastline": coastline(),
        "rivers": rivers(),
        "towns": towns(),
        "provinces_comarcas": admin,
        "reception_communities": reception_communities(place_frame),
        "migration_routes": migration_routes(place_frame, border),
        "darien_national_park": park,
        "los_katios_national_park": los_katios_national_park(
            colombia, border, atrato, facts["los_katios_national_park"]
        ),
        "patrol_zones": patrol_zones(panama, border, park.geometry.iloc[0], place_frame, admin),
    }
    out = {
        f"{name}.geojson": dumps_lines(feature_collection([(None, frame)], precision=5))
        for name, frame in layers.items()
    }
    buf = io.StringIO()
    darien_crossings().to_csv(buf, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    out["darien_crossings.csv"] = buf.getvalue()
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare data/ with a fresh build; write nothing")
    args = parser.parse_args(argv)
    files = build()
    stale = [
        n for n, text in files.items() if not (DATA / n).exists() or (DATA / n).read_text(encoding="utf-8") != text
    ]
    if args.check:
        for name in stale:
            print(f"out of date: data/{name}", file=sys.stderr)
        return 1 if stale else 0
    for name, text in files.items():
        (DATA / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} files to data/ ({len(stale)} changed)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
