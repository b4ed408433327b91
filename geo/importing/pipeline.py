"""Bring your own layers: the same import for the app and for scripts.

    from geo.importing.pipeline import import_file
    result = import_file(open("park.gpkg", "rb").read(), "park.gpkg")
    result.report.summary("en"), [layer.spec.id for layer in result.layers]

Steps: `detect` the format from the bytes; `inspect` what must be chosen
(a layer, CSV columns, an encoding); `read` in the limited worker (geo.importing.sandbox);
`check` every feature (geo.importing.report); then `apply` the user's `Decisions`. Blocking
problems stop the import with ImportNeedsChoice until a decision resolves
them; nothing is left out unless `Decisions.leave_out` says so, and the report ends with
what was kept (`geo.importing.kept`): features, geometry types and fields, in and out.
A file whose features have no drawable geometry is kept as a table (`ImportResult.tables`).

Time: `Decisions.valid_from_column` / `valid_to_column` put a layer on the app's "as of" clock
(geo.timeline): see `_with_period`. `time_columns` suggests the columns; none is chosen unless
the user picks it.
"""

from __future__ import annotations

import colorsys
import datetime as _dt
import itertools
import numbers
import re
from collections.abc import Collection
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError

from geo import colours
from geo.errors import ImportNeedsChoice, ImportRefused
from geo.i18n import LANGUAGES, t
from geo.i18n.catalogue import text as catalogue_text
from geo.importing import formats, sandbox
from geo.importing.formats.base import Inspection, Read, ReadOptions, note
from geo.importing.kept import PERIOD_FIELDS, kept_summary, value_type
from geo.importing.report import Problem, Report, check, repair_changes
from geo.load import Layer
from geo.measure import WGS84
from geo.spec import CONFIDENCE_LEVELS, LayerSpec, Style

#: Explicit upload limit (the app also sets Streamlit's server.maxUploadSize).
MAX_BYTES = 50 * 1024 * 1024

#: Attribute names the tool itself uses in exports: kept under another name.
RESERVED_FIELDS = {"layer": "layer_original"}

#: The period fields (geo.timeline) a chosen time column adds: a file's own are kept renamed.
PERIOD_RENAMES = {name: f"{name}_original" for name in PERIOD_FIELDS}

#: Colours for user layers (geo.colours.USER): told apart under every colour-vision deficiency.
USER_COLOURS = colours.USER

#: Blocking problems that leaving features out resolves.
DROPPABLE = ("non_finite", "out_of_range", "geometry_collection", "csv_rows_unparsed")

#: What to do with GeometryCollections: each part in the layer of its type, or one layer of every type.
COLLECTION_CHOICES = ("separate", "mixed")

#: Formats whose rule is WGS 84 lon/lat: no note when they declare no CRS.
WGS84_BY_RULE = ("geojson", "kml", "kmz", "gpx")


@dataclass
class Decisions:
    """What the user chose for one file. The defaults change nothing."""

    crs: str | None = None  # e.g. "EPSG:32617", for a file that declares none
    swap_xy: bool = False
    repair: bool = False  # make invalid geometries valid (shapely.make_valid)
    leave_out: bool = False  # leave out the features with blocking problems
    collections: str | None = None  # "separate" or "mixed": see COLLECTION_CHOICES
    confidence: str = "reported"  # for features that carry no confidence of their own
    name: str | None = None
    replaces: str | None = None  # id of a bundled layer this one takes the place of
    valid_from_column: str | None = None  # a date column: the first day each feature held (see _with_period)
    valid_to_column: str | None = None  # a date column: the last day each feature held (stored + 1 day)


@dataclass
class Table:
    """Features without drawable geometry, kept as a table the user can see and export."""

    name: str
    frame: object  # pandas DataFrame, no geometry column


@dataclass
class ImportResult:
    report: Report  # of the file as read, before any decision
    after: Report  # after the decisions; `after.kept` says what was kept
    layers: list[Layer] = field(default_factory=list)
    changes: list[dict] = field(default_factory=list)  # what repair changed, feature by feature
    tables: list[Table] = field(default_factory=list)


def inspect_file(data: bytes, limits: dict | None = None) -> Inspection:
    """Format and the choices a file offers, without reading its features."""
    fmt = _checked_format(data)
    return sandbox.run({"op": "inspect", "format": fmt, "data": data}, **(limits or {}))


def read_file(data: bytes, options: ReadOptions | None = None, limits: dict | None = None) -> tuple[str, Read]:
    fmt = _checked_format(data)
    read = sandbox.run(
        {"op": "read", "format": fmt, "data": data, "options": options or ReadOptions()}, **(limits or {})
    )
    return fmt, read


def import_file(
    data: bytes,
    filename: str,
    options: ReadOptions | None = None,
    decisions: Decisions | None = None,
    serial: int = 1,
    limits: dict | None = None,
    taken_colours: Collection[str] = (),
) -> ImportResult:
    """Read, check and turn a file into layers; see the module docstring."""
    fmt, read = read_file(data, options, limits)
    return finish(fmt, read, filename, decisions or Decisions(), serial, taken_colours)


def finish(
    fmt: str, read: Read, filename: str, decisions: Decisions, serial: int = 1, taken_colours: Collection[str] = ()
) -> ImportResult:
    """Check what was read, apply the decisions, and make the layers, each in a colour that no
    layer of `taken_colours` (the user's layers already on the map) nor of this file has."""
    report, after, changes, frame = _run(fmt, read, filename, decisions)
    unresolved = [p for p in after.blocking() if not (decisions.leave_out and p.code == "csv_rows_unparsed")]
    if unresolved:
        raise ImportNeedsChoice(texts={lang: "; ".join(p.message(lang) for p in unresolved) for lang in LANGUAGES})
    if not _drawable(frame).any():
        name = (decisions.name or filename).strip() or filename
        return ImportResult(report, after, [], changes, [Table(name, _without_geometry(frame))])
    layers = _layers(frame, filename, decisions, serial, {c.lower() for c in taken_colours})
    return ImportResult(report, after, layers, changes)


def preview(fmt: str, read: Read, filename: str, decisions: Decisions) -> tuple[Report, Report, list[dict]]:
    """(report as read, report after the decisions, repair changes) without raising."""
    report, after, changes, _frame = _run(fmt, read, filename, decisions)
    return report, after, changes


def _run(fmt: str, read: Read, filename: str, decisions: Decisions):
    if decisions.collections not in (None, *COLLECTION_CHOICES):
        raise ImportNeedsChoice(key="collections_choice", choices=", ".join(COLLECTION_CHOICES))
    frame, notes, crs_known = _in_wgs84(fmt, read, decisions)
    report = check(frame, fmt, notes, crs_known)
    frame, changes, extra = _apply(frame, report, decisions, filename)
    after = check(frame, fmt, notes + extra, crs_known)
    if decisions.collections == "mixed" and after.find("geometry_collection"):
        kept = after.find("geometry_collection")
        after.problems[after.problems.index(kept)] = Problem("collections_mixed", kept.features)
    after.kept = kept_summary(read.frame, frame, notes + extra, _drawable(frame).any())
    return report, after, changes, frame


# --- steps ---------------------------------------------------------------------------


def _checked_format(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise ImportRefused(key="too_big", size=f"{len(data) / 2**20:.1f}", limit=f"{MAX_BYTES / 2**20:.0f}")
    return formats.detect(data)


def _looks_like_degrees(frame) -> bool:
    """True unless every finite coordinate lies outside ±180/±90: then it is projected.
    (A few coordinates out of range in a degree file are reported as such instead.)"""
    xy = shapely.get_coordinates(np.asarray(frame.geometry.array, dtype=object))
    xy = xy[np.isfinite(xy).all(axis=1)]
    return len(xy) == 0 or bool(((np.abs(xy[:, 0]) <= 180) & (np.abs(xy[:, 1]) <= 90)).any())


def _in_wgs84(fmt: str, read: Read, decisions: Decisions):
    """The frame in lon/lat when its CRS is known; notes on what was done."""
    frame = read.frame.copy()
    notes = list(read.notes)
    if read.dropped_dimensions:
        notes.append(note("m_dropped"))
    declared = decisions.crs or read.crs
    if decisions.swap_xy:
        frame = frame.set_geometry(
            shapely.transform(np.asarray(frame.geometry.array, dtype=object), lambda xy: xy[:, ::-1])
        )
    if declared is None:
        if not _looks_like_degrees(frame):
            return frame.set_crs(None, allow_override=True), notes, False
        if fmt not in WGS84_BY_RULE and _drawable(frame).any():  # for those, WGS 84 is the format's own rule
            notes.append(note("no_crs_assumed_wgs84"))
        return frame.set_crs(WGS84, allow_override=True), notes, True
    try:
        crs = CRS.from_user_input(declared)
    except CRSError:
        raise ImportNeedsChoice(key="unknown_crs", crs=str(declared)[:60]) from None
    frame = frame.set_crs(crs, allow_override=True)
    if crs != WGS84:
        notes.append(note("reprojected", crs=crs.to_string()))
        frame = frame.to_crs(WGS84)
    return frame, notes, True


def _apply(frame, report: Report, decisions: Decisions, filename: str):
    """Repair, leave out and rename as decided; (frame, repair changes, notes)."""
    frame = frame.copy()
    changes, extra = [], []
    geoms = np.asarray(frame.geometry.array, dtype=object)
    if decisions.repair:
        problem = report.find("invalid_geometry")
        for i in problem.features if problem else []:
            before = geoms[i]
            after = shapely.make_valid(before)
            if not after.equals(before) or after.geom_type != before.geom_type:
                changes.append({"feature": i + 1, "change": repair_changes(before, after)})
            geoms[i] = after
        frame = frame.set_geometry(gpd.GeoSeries(geoms, crs=frame.crs, index=frame.index))
    collections = report.find("geometry_collection")
    # make_valid can make a GeometryCollection of an invalid polygon: split it as chosen too
    made = [i for i, g in enumerate(frame.geometry) if g is not None and g.geom_type == "GeometryCollection"]
    if decisions.leave_out:
        drop = sorted({i for p in report.problems if p.code in DROPPABLE for i in p.features})
        if decisions.collections and collections:
            drop = [i for i in drop if i not in collections.features]
        frame = frame.drop(index=frame.index[drop])
        made = [i for i in made if i not in drop]
    if decisions.collections == "separate" and made:
        frame, split = _split_collections(frame.reset_index(drop=True))
        extra.append(note("collections_split", features=split["features"], parts=split["parts"]))
    chosen = [c for c in (decisions.valid_from_column, decisions.valid_to_column) if c]
    for column in chosen:
        if column not in frame.columns:
            names = ", ".join(str(c) for c in frame.columns if c != frame.geometry.name)
            raise ImportNeedsChoice(key="time_column_unknown", column=str(column)[:60], columns=names[:300])
    renamed = {}
    for old, new in [*RESERVED_FIELDS.items(), *(PERIOD_RENAMES.items() if chosen else ())]:
        if old in frame.columns:
            new = _free_name(new, frame.columns)
            frame = frame.rename(columns={old: new})
            renamed[old] = new
            extra.append(note("renamed_field", old=old, new=new, reason="reserved"))
    if chosen:
        frame, notes = _with_period(
            frame,
            renamed.get(decisions.valid_from_column, decisions.valid_from_column),
            renamed.get(decisions.valid_to_column, decisions.valid_to_column),
        )
        extra += notes
    filled = _provenance_gaps(frame)
    if filled:
        extra.append(note("provenance_added", fields=", ".join(f"{k} ({n})" for k, n in filled.items())))
    frame = _with_provenance(frame, filename, decisions)
    return frame.reset_index(drop=True), changes, extra


def _free_name(name: str, taken) -> str:
    """`name`, or `name_2`, `name_3`... when the file already has it."""
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name}_{n}"
    return candidate


# --- time: a layer on the "as of" clock ------------------------------------------------------

_YEAR = re.compile(r"\d{4}")
_YEAR_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

#: How many distinct values of a text column are looked at to suggest it as a time column.
SUGGEST_SAMPLE = 200


def read_day(value) -> tuple[_dt.date, _dt.date, str] | None:
    """(first day, first day after, precision) of what a date cell says; None when empty.
    Raises ValueError when it cannot be read as a date. Dates and date-times (objects, or ISO
    text with any time part and offset: the date written is the date meant) are a day;
    "2023-05" is a month, "2023" a year.

    >>> read_day("2023-05")
    (datetime.date(2023, 5, 1), datetime.date(2023, 6, 1), 'month')
    >>> read_day("2023-05-14T23:30:00-05:00")[1:]
    (datetime.date(2023, 5, 15), 'day')
    >>> read_day("2023-02-30")
    Traceback (most recent call last):
    ValueError: not a date: '2023-02-30'
    """
    if isinstance(value, (list, tuple, dict)):
        raise ValueError(f"not a date: {str(value)[:40]!r}")
    if value is None or pd.isna(value):
        return None
    if isinstance(value, _dt.datetime):  # pandas Timestamps too: the date on the clock where written
        day = value.date()
        return day, day + _dt.timedelta(days=1), "day"
    if isinstance(value, _dt.date):
        return value, value + _dt.timedelta(days=1), "day"
    if isinstance(value, np.datetime64):
        day = pd.Timestamp(value).date()
        return day, day + _dt.timedelta(days=1), "day"
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(f"not a date: {str(value)[:40]!r}")
    text = value.strip()
    if not text:
        return None
    if _YEAR.fullmatch(text):
        year = int(text)
        if year < 1:
            raise ValueError(f"not a date: {text[:40]!r}")
        return _dt.date(year, 1, 1), _dt.date(year + 1, 1, 1), "year"
    found = _YEAR_MONTH.fullmatch(text)
    if found:
        year, month = int(found[1]), int(found[2])
        return _dt.date(year, month, 1), _dt.date(year + month // 12, month % 12 + 1, 1), "month"
    if _ISO_DAY.match(text):
        try:
            day = _dt.datetime.fromisoformat(text).date() if len(text) > 10 else _dt.date.fromisoformat(text)
        except ValueError:
            pass
        else:
            return day, day + _dt.timedelta(days=1), "day"
    raise ValueError(f"not a date: {text[:40]!r}")


def time_columns(frame) -> list[str]:
    """Columns worth offering as a period's start or end: date or date-time columns, and text
    columns most of whose values read as ISO dates ("2023-05-14", "2023-05", "2023",
    "2023-05-14T10:00Z"): KML/GPX `begin`, `end`, `time`, a CSV's `fecha`..."""
    out = []
    for column in frame.columns:
        if column == frame.geometry.name:
            continue
        values = frame[column]
        kind = value_type(values)
        if kind in ("date", "datetime"):
            out.append(str(column))
        elif kind in ("text", "mixed"):
            distinct = pd.unique(values.dropna().astype(str).str.strip())[:SUGGEST_SAMPLE]
            distinct = [v for v in distinct if v]
            read = sum(1 for v in distinct if _readable(v))
            if distinct and read * 2 > len(distinct):
                out.append(str(column))
    return out


def _readable(value) -> bool:
    try:
        return read_day(value) is not None
    except ValueError:
        return False


def _with_period(frame, start_column: str | None, end_column: str | None):
    """The frame with `valid_from`/`valid_to` (ISO dates, half-open), their precisions and `dated`,
    read from the chosen columns; (frame, notes).

    - A start is the first day of the value: "2023-05-14" → 2023-05-14; "2023-05" → 2023-05-01
      (precision month); "2023" → 2023-01-01 (precision year).
    - An end is the **last day the feature held**: a date or date-time marks that day, and
      `valid_to` (exclusive) is the next day ("2023-05-14" → 2023-05-15); a month or a year
      ends with it ("2023-05" → 2023-06-01).
    - `dated` is true where a start could be read (with only an end column: where an end could).
    - A value that cannot be read as a date is never guessed and its feature never dropped: the
      feature is kept, undated where it has no readable start, and reported (`period_unreadable`).
    """
    frame = frame.copy()
    unreadable: dict[int, str] = {}
    added = {}
    for column, bound, pick in ((start_column, "valid_from", 0), (end_column, "valid_to", 1)):
        if column is None:
            continue
        days, precisions = [], []
        memo: dict = {}
        for i, value in enumerate(frame[column].tolist()):
            key = (type(value).__name__, str(value))
            if key not in memo:
                try:
                    memo[key] = read_day(value)
                except ValueError:
                    memo[key] = ValueError
            read = memo[key]
            if read is ValueError:
                said = f"{column}: {str(value)[:40]}"
                if said not in unreadable.get(i, ""):
                    unreadable[i] = (unreadable[i] + "; " if i in unreadable else "") + said
                read = None
            days.append(None if read is None else read[pick].isoformat())
            precisions.append(None if read is None else read[2])
        added[bound] = days
        added[f"{bound}_precision"] = precisions
    dated_by = "valid_from" if start_column is not None else "valid_to"
    for bound in ("valid_from", "valid_to"):
        frame[bound] = pd.Series(added.get(bound, [None] * len(frame)), index=frame.index, dtype=object)
        frame[f"{bound}_precision"] = pd.Series(
            added.get(f"{bound}_precision", [None] * len(frame)), index=frame.index, dtype=object
        )
    frame["dated"] = pd.Series([day is not None for day in added[dated_by]], index=frame.index, dtype=bool)
    columns = "; ".join(
        f"{column} → {bound}" for column, bound in ((start_column, "valid_from"), (end_column, "valid_to")) if column
    )
    dated = int(frame["dated"].sum())
    notes = [
        note(
            "period_added",
            columns=columns,
            dated=dated,
            undated=len(frame) - dated,
            start=start_column or "",
            end=end_column or "",
        )
    ]
    if unreadable:
        rows = sorted(unreadable)
        shown = ", ".join(str(i + 1) for i in rows[:30]) + (", …" if len(rows) > 30 else "")
        notes.append(note("period_unreadable", features=rows, details=unreadable, numbers=shown))
    return frame, notes


def by_family(geom) -> dict[str, object]:
    """A geometry's parts grouped by family, each group one (multi) geometry; collections flattened.

    >>> sorted(by_family(shapely.from_wkt("GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (0 0, 1 1))")).items())
    [('LineString', <LINESTRING (0 0, 1 1)>), ('Point', <POINT (1 2)>)]
    """
    members: dict[str, list] = {}

    def add(part):
        if part.is_empty:
            return
        if part.geom_type == "GeometryCollection" or part.geom_type.startswith("Multi"):
            for inner in part.geoms:
                add(inner)
        else:
            members.setdefault(part.geom_type.replace("LinearRing", "LineString"), []).append(part)

    add(geom)
    multi = {"Point": shapely.MultiPoint, "LineString": shapely.MultiLineString, "Polygon": shapely.MultiPolygon}
    return {family: parts[0] if len(parts) == 1 else multi[family](parts) for family, parts in members.items()}


def _split_collections(frame):
    """Each GeometryCollection made one feature per geometry type it holds, with the feature's attributes
    and `collection_feature` (its number in the file); nothing of it is left out."""
    positions, geometries, origin = [], [], []
    split_features = parts = 0
    for i, geom in enumerate(frame.geometry):
        if geom is not None and geom.geom_type == "GeometryCollection":
            groups = by_family(geom)
            split_features += 1
            parts += len(groups)
            for family in ("Polygon", "LineString", "Point"):
                if family in groups:
                    positions.append(i)
                    geometries.append(groups[family])
                    origin.append(i + 1)
            if not groups:  # an empty collection keeps its feature, without geometry
                positions.append(i)
                geometries.append(None)
                origin.append(i + 1)
        else:
            positions.append(i)
            geometries.append(geom)
            origin.append(None)
    out = frame.iloc[positions].reset_index(drop=True)
    out = out.set_geometry(gpd.GeoSeries(geometries, crs=frame.crs))
    out["collection_feature"] = pd.array(origin, dtype="Int64")
    return out, {"features": split_features, "parts": parts}


def _drawable(frame):
    return frame.geometry.map(lambda g: g is not None and not g.is_empty)


def _without_geometry(frame):
    return pd.DataFrame(frame.drop(columns=frame.geometry.name)).reset_index(drop=True)


def _layers(frame, filename: str, decisions: Decisions, serial: int, taken: set[str]) -> list[Layer]:
    """One layer per geometry family (features without geometry go with the first), or one layer
    of every type when the user chose a mixed layer for geometry collections."""
    families = frame.geometry.map(
        lambda g: (
            None
            if g is None or g.is_empty
            else "Mixed"
            if g.geom_type == "GeometryCollection"
            else g.geom_type.replace("Multi", "")
        )
    )
    present = [f for f in ("Polygon", "LineString", "Point") if (families == f).any()]
    name = (decisions.name or filename).strip() or filename
    if decisions.collections == "mixed" and (families == "Mixed").any():
        kinds = {k for g in frame.geometry if g is not None for k in by_family(g)}
        present = [next(f for f in ("Polygon", "LineString", "Point") if f in kinds)]
        families = families.map(lambda f: None if f is None else present[0])
    if not present:
        raise ImportRefused(key="nothing_drawable")
    layers = []
    for k, family in enumerate(present):
        rows = (families == family) | (families.isna() if k == 0 else False)
        title = {lang: name if len(present) == 1 else f"{name} ({t(f'geometry.{family}', lang)})" for lang in LANGUAGES}
        spec = _spec(f"user_{serial}_{k}_{_slug(name)}", title, family, frame.loc[rows], serial + k, taken)
        taken.add(spec.style.color.lower())
        layers.append(
            Layer(spec, frame.loc[rows].reset_index(drop=True), replaces=decisions.replaces if k == 0 else None)
        )
    return layers


def _missing(value) -> bool:
    return value is None or value == "" or value != value  # noqa: PLR0124 (NaN is the one value unequal to itself)


def _provenance_gaps(frame) -> dict[str, int]:
    """How many features lack each provenance field."""
    gaps = {}
    for column in ("source", "confidence", "licence"):
        n = len(frame) if column not in frame.columns else int(frame[column].map(_missing).sum())
        if n:
            gaps[column] = n
    return gaps


def _with_provenance(frame, filename: str, decisions: Decisions):
    """Fill `source`, `confidence`, `licence` where the file has none; never overwrite."""
    if decisions.confidence not in CONFIDENCE_LEVELS:
        raise ImportNeedsChoice(key="confidence_choice", levels=", ".join(CONFIDENCE_LEVELS))
    frame = frame.copy()
    defaults = {
        "source": catalogue_text("written.uploaded_source", "en", name=filename),
        "confidence": decisions.confidence,
        "licence": catalogue_text("written.uploaded_licence_unverified", "en"),
    }
    for column, value in defaults.items():
        if column not in frame.columns:
            frame[column] = value
        else:
            frame[column] = frame[column].map(lambda v, d=value: d if _missing(v) else v)
    bad = ~frame["confidence"].isin(CONFIDENCE_LEVELS)
    if bad.any():
        raise ImportNeedsChoice(key="confidence_values", count=int(bad.sum()), levels=", ".join(CONFIDENCE_LEVELS))
    return frame


def _spec(
    layer_id: str, title: dict[str, str], family: str, frame, serial: int, taken: Collection[str] = ()
) -> LayerSpec:
    fields = [c for c in frame.columns if c not in (frame.geometry.name, "source", "confidence", "licence", "csv_line")]
    fields = [c for c in fields if c not in STYLE_FIELDS] + [c for c in fields if c in STYLE_FIELDS]
    return LayerSpec(
        id=layer_id,
        title=title,
        geometry=family,
        required=("source", "confidence", "licence"),
        style=Style(
            color=user_colour(_file_colour(frame, family), serial, taken),
            weight=2.5,
            radius=5,
            fill_opacity=0.25 if family != "Point" else 0.8,
        ),
        tooltip=tuple(str(f) for f in fields[:6]),
        source=catalogue_text("written.uploaded_by_user", "en"),
        licence=catalogue_text("written.uploaded_licence", "en"),
        attribution=(catalogue_text("written.user_credit", "en", title=title["en"]),),
        origin="user",
    )


#: Simple style attributes a file (KML) may carry; one colour shared by every feature colours the layer.
STYLE_FIELDS = ("stroke", "stroke_opacity", "stroke_width", "fill", "fill_opacity")


def user_colour(own: str | None, serial: int, taken: Collection[str]) -> str:
    """A user layer's colour: the file's own, else the palette's next from `serial`; never one
    in `taken` (two layers of one colour could not be told apart). Past the palette, hues a
    golden angle apart.

    >>> user_colour(None, 1, set()) == USER_COLOURS[0]
    True
    >>> user_colour("#123456", 5, {"#123456"}) != "#123456"
    True
    """
    if own and own.lower() not in taken:
        return own
    for k in range(len(USER_COLOURS)):
        colour = USER_COLOURS[(serial - 1 + k) % len(USER_COLOURS)]
        if colour not in taken:
            return colour
    for k in itertools.count():
        red, green, blue = colorsys.hls_to_rgb((k * 0.381966) % 1.0, 0.35, 0.75)
        colour = f"#{round(red * 255):02x}{round(green * 255):02x}{round(blue * 255):02x}"
        if colour not in taken:
            return colour
    raise AssertionError("unreachable")  # pragma: no cover


def _file_colour(frame, family: str) -> str | None:
    """The file's own colour, when every feature of the layer has the same one (KML styles)."""
    column = "fill" if family == "Polygon" and "fill" in frame.columns else "stroke"
    if column not in frame.columns:
        return None
    colours = {c for c in frame[column] if isinstance(c, str)}
    if len(colours) == 1 and re.fullmatch(r"#[0-9a-f]{6}", next(iter(colours))):
        return next(iter(colours))
    return None


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")[:40] or "layer"


__all__ = [
    "COLLECTION_CHOICES",
    "MAX_BYTES",
    "Decisions",
    "ImportResult",
    "Table",
    "by_family",
    "finish",
    "import_file",
    "inspect_file",
    "preview",
    "read_day",
    "read_file",
    "time_columns",
]
