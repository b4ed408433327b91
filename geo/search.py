"""Find a place, offline: the corridor's gazetteer (data/gazetteer.csv, built by
scripts/build_data.py) and the names in the user's own layers, searched with accents and
case folded away.

A query matches a name (or one of its alternate names) exactly, at its start or at the start
of one of its words, or anywhere inside it; results are ranked in that order, then places the
bundled layers draw before GeoNames' populated places, then shorter names, then alphabetically.

>>> normalise("  Canaán   MEMBRILLO ")
'canaan membrillo'
>>> normalise("Darién"), normalise("Ñ-ú"), normalise(None)
('darien', 'n u', '')
>>> rank("canaan", ["Canaán Membrillo"]), rank("membrillo", ["Canaán Membrillo"])
(1, 1)
>>> rank("anaan", ["Canaán Membrillo"]), rank("x", ["Canaán"]), rank("", ["Canaán"])
(2, None, None)
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import shapely

from geo.load import Layer

GAZETTEER = Path(__file__).resolve().parent.parent / "data" / "gazetteer.csv"

#: Ranks, best first: the whole name, the start of the name or of one of its words, inside it.
EXACT, PREFIX, SUBSTRING = 0, 1, 2

#: How many results a search returns unless told.
LIMIT = 8

#: Columns of a user's layer that name its features, in order of preference (lower case).
NAME_COLUMNS = ("name", "nombre", "name_es", "name_en", "title", "titulo", "label", "etiqueta", "place", "lugar")

#: A user's layer is searched over its first features only, so a huge layer keeps the box quick.
USER_FEATURES_MAX = 50_000

_SPACE = re.compile(r"[^0-9a-z]+")


def normalise(text: str | None) -> str:
    """Lower case, accents and punctuation folded away, single spaces: what names are compared as."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACE.sub(" ", plain).strip()


def rank(query: str, names: Iterable[str]) -> int | None:
    """The best rank of `query` against any of `names` (EXACT, PREFIX, SUBSTRING), or None."""
    q = normalise(query)
    if not q:
        return None
    best = None
    for name in names:
        n = normalise(name)
        if not n:
            continue
        if n == q:
            return EXACT
        if f" {q}" in f" {n}":  # the start of the name or of one of its words
            found = PREFIX
        elif q in n:
            found = SUBSTRING
        else:
            continue
        best = found if best is None else min(best, found)
    return best


@dataclass(frozen=True)
class Place:
    """One entry of the gazetteer, or one named feature of a user's layer.

    `layer` and `feature` say which drawn feature it is (a layer id and its row), when it is
    one; `bbox` is (west, south, east, north) for the map to fit."""

    name: str
    kind: str
    lon: float
    lat: float
    bbox: tuple[float, float, float, float]
    source: str
    licence: str
    country: str = ""
    alt_names: tuple[str, ...] = ()
    layer: str = ""
    feature: int | None = None
    confidence: str = "reported"
    origin: str = "bundled"  # bundled (a bundled layer), gazetteer (GeoNames), user
    key: str = field(default="", compare=False)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.alt_names)

    def zoom(self) -> int:
        """A zoom that shows the whole place: 12 for a point, less for a wide line or area."""
        west, south, east, north = self.bbox
        span = max(east - west, (north - south) * 1.2, 1e-9)
        return int(max(6, min(12, math.floor(math.log2(360 / span)) - 1)))


def load_gazetteer(path: Path = GAZETTEER) -> list[Place]:
    """The built gazetteer, one Place per row."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    return [
        Place(
            name=r["name"],
            kind=r["kind"],
            lon=float(r["lon"]),
            lat=float(r["lat"]),
            bbox=(float(r["west"]), float(r["south"]), float(r["east"]), float(r["north"])),
            source=r["source"],
            licence=r["licence"],
            country=r["country"],
            alt_names=tuple(a for a in r["alt_names"].split("|") if a),
            layer=r["layer"],
            feature=int(r["feature"]) if r["feature"] else None,
            confidence=r["confidence"],
            origin="bundled" if r["layer"] else "gazetteer",
            key=r["id"],
        )
        for r in table.to_dict("records")
    ]


def name_column(layer: Layer) -> str | None:
    """The column that names a layer's features: a known name column, else its first text column."""
    frame = layer.frame
    columns = [c for c in frame.columns if c != frame.geometry.name]
    lowered = {str(c).lower(): c for c in columns}
    for candidate in NAME_COLUMNS:
        if candidate in lowered:
            return lowered[candidate]
    for column in columns:
        if frame[column].dtype == object and column not in ("source", "licence", "confidence", "caveat"):
            return column
    return None


def user_places(layer: Layer) -> list[Place]:
    """The named features of a user's layer (its first USER_FEATURES_MAX), as places."""
    column = name_column(layer)
    if column is None:
        return []
    frame = layer.frame.iloc[:USER_FEATURES_MAX]
    names = frame[column]
    present = names.notna() & (names.astype(str).str.strip() != "")
    geoms = frame.geometry.to_numpy()
    keep = present.to_numpy() & ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    rows = keep.nonzero()[0]
    if not len(rows):
        return []
    bounds = shapely.bounds(geoms[rows])
    centres = shapely.point_on_surface(geoms[rows])
    xs, ys = shapely.get_x(centres), shapely.get_y(centres)
    spec = layer.spec
    sources = frame["source"].astype(str).to_numpy() if "source" in frame else [spec.source] * len(frame)
    licences = frame["licence"].astype(str).to_numpy() if "licence" in frame else [spec.licence] * len(frame)
    return [
        Place(
            name=str(names.iloc[row]),
            kind="user_feature",
            lon=float(x),
            lat=float(y),
            bbox=tuple(float(v) for v in box),
            source=str(sources[row]),
            licence=str(licences[row]),
            layer=spec.id,
            feature=int(row),
            origin="user",
            key=f"{spec.id}:{row}",
        )
        for row, x, y, box in zip(rows, xs, ys, bounds)
    ]


_ORIGIN_ORDER = {"bundled": 0, "user": 1, "gazetteer": 2}


def search(query: str, places: Sequence[Place], limit: int = LIMIT, kinds: Iterable[str] | None = None) -> list[Place]:
    """The places matching `query`, best first (see the module docstring), at most `limit`;
    only those of `kinds` when given."""
    wanted = set(kinds) if kinds is not None else None
    scored = []
    for place in places:
        if wanted is not None and place.kind not in wanted:
            continue
        found = rank(query, place.names)
        if found is not None:
            scored.append(((found, _ORIGIN_ORDER.get(place.origin, 3), len(place.name), normalise(place.name)), place))
    scored.sort(key=lambda pair: pair[0])
    return [place for _, place in scored[:limit]]
