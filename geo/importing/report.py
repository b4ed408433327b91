"""The validation report of an imported file: every problem, feature by feature.

Severities:
- `blocking`: the features cannot go on the map as they are; the user must
  choose (repair, swap, give a CRS, or leave those features out) or cancel;
- `warning`: kept as they are, but a person should know (invalid geometry
  that can be repaired, no geometry, crossing the antimeridian...);
- `info`: facts about the reading (fields renamed, Z kept, M dropped...).

Nothing here changes the data; `geo.importing.pipeline` applies the user's choices.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely

from geo.i18n import t
from geo.importing.geometry import ARC_STEP_DEGREES
from geo.measure import CORRIDOR_BOUNDS, geodesic_area_km2

BLOCKING, WARNING, INFO = "blocking", "warning", "info"

#: Problem code -> severity. Messages live in geo.i18n as "problem.<code>".
SEVERITY = {
    "projected_without_crs": BLOCKING,
    "non_finite": BLOCKING,
    "out_of_range": BLOCKING,
    "geometry_collection": BLOCKING,
    "csv_rows_unparsed": BLOCKING,
    "encoding_unknown": BLOCKING,
    "probably_swapped": WARNING,
    "invalid_geometry": WARNING,
    "no_geometry": WARNING,
    "empty_geometry": WARNING,
    "antimeridian": WARNING,
    "case_duplicate_fields": WARNING,
    "single_point_part": WARNING,
    "ring_too_short": WARNING,
    "mixed_types": INFO,
    "z_kept": INFO,
    "m_dropped": INFO,
    "renamed_field": INFO,
    "no_crs_assumed_wgs84": INFO,
    "reprojected": INFO,
    "empty_gpx_fields": INFO,
    "provenance_added": INFO,
    "curve_linearised": INFO,
    "surface_to_polygons": INFO,
    "ring_closed": INFO,
    "collections_split": INFO,
    "collections_mixed": INFO,
    "table_only": INFO,
    "encoding_declared": INFO,
    "encoding_chosen": INFO,
    "field_converted": INFO,
    "kmz_files_ignored": INFO,
    "dbf_deleted_records": INFO,
    "dates_as_text": INFO,
    "not_features": WARNING,
    "period_added": INFO,
    "period_unreadable": WARNING,
}

#: Notes a reader writes that become report lines as they are (their facts fill the message).
FACT_NOTES = (
    "empty_gpx_fields",
    "no_crs_assumed_wgs84",
    "m_dropped",
    "reprojected",
    "provenance_added",
    "table_only",
    "encoding_declared",
    "encoding_chosen",
    "kmz_files_ignored",
    "dbf_deleted_records",
    "collections_split",
    "dates_as_text",
    "not_features",
    "period_added",
)

#: Geometry fixes (geo.importing.geometry) and the report line each becomes.
FIXES = ("curve_linearised", "surface_to_polygons", "single_point_part", "ring_too_short", "ring_closed", "m_dropped")


@dataclass
class Problem:
    code: str
    features: list[int] = field(default_factory=list)  # row positions in the frame
    details: dict[int, str] = field(default_factory=dict)  # row position -> reason
    facts: dict = field(default_factory=dict)  # file-level detail (field names, CRS...)

    @property
    def severity(self) -> str:
        return SEVERITY[self.code]

    def message(self, lang: str) -> str:
        values = {"count": len(self.features)} | {k: v for k, v in self.facts.items() if isinstance(v, (str, int))}
        return t(f"problem.{self.code}", lang, **values)


@dataclass
class Report:
    format: str
    features: int
    problems: list[Problem]
    kept: dict | None = None  # what was kept (geo.importing.kept), on the report after the decisions

    def blocking(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == BLOCKING]

    def find(self, code: str) -> Problem | None:
        return next((p for p in self.problems if p.code == code), None)

    def summary(self, lang: str) -> list[dict]:
        """One row per problem: severity, how many features, what it means."""
        return [
            {
                "severity": t(f"severity.{p.severity}", lang),
                "problem": p.message(lang),
                "features": len(p.features) if p.features else None,
            }
            for p in sorted(self.problems, key=lambda p: (list(SEVERITY.values()).index(p.severity), p.code))
        ]

    def kept_rows(self, lang: str) -> dict[str, list[dict]]:
        """What was kept, in words: one table of totals, one per geometry type, one per field."""
        if not self.kept:
            return {"features": [], "geometry": [], "fields": []}
        k = self.kept
        totals = [
            {"what": t("import.kept.features_in", lang), "count": k["features_in"]},
            {"what": t("import.kept.features_out", lang), "count": k["features_out"]},
        ]
        if k["split"]:
            totals.append({"what": t("import.kept.split", lang), "count": k["split"]})
        if k["left_out"]:
            totals.append({"what": t("import.kept.left_out", lang), "count": k["left_out"]})
        if k["as_table"]:
            totals.append({"what": t("import.kept.as_table", lang), "count": k["features_out"]})
        fields = [
            {
                "field": f["field"],
                "type": t(f"import.kept.type.{f['type']}", lang),
                "status": t(f"import.kept.status.{f['status']}", lang),
                "detail": _field_detail(f, lang),
            }
            for f in k["fields"]
        ]
        return {"features": totals, "geometry": list(k["geometry"]), "fields": fields}

    def rows(self, lang: str) -> list[dict]:
        """Feature by feature: which feature, which problem, why."""
        out = []
        for p in self.problems:
            for i in p.features:
                out.append(
                    {
                        "feature": i + 1,
                        "severity": t(f"severity.{p.severity}", lang),
                        "problem": t(f"problem_short.{p.code}", lang),
                        "detail": p.details.get(i, ""),
                    }
                )
        return sorted(out, key=lambda r: r["feature"])


def check(frame, fmt: str, notes: list[dict], crs_known: bool) -> Report:
    """The report of a frame as read (in lon/lat when `crs_known`), with the reader's notes."""
    geoms = np.asarray(frame.geometry.array, dtype=object)
    problems: list[Problem] = []
    add = problems.append

    missing = [i for i, g in enumerate(geoms) if g is None]
    present = [i for i, g in enumerate(geoms) if g is not None]
    empty = [i for i in present if geoms[i].is_empty]
    drawable = [i for i in present if not geoms[i].is_empty]

    if missing:
        add(
            Problem(
                "no_geometry",
                missing,
                {n["feature"]: n["reason"] for n in notes if n["code"] == "geometry_unreadable"}
                | _csv_reasons(notes, frame, "csv_coordinates_unparsed"),
            )
        )
    if empty:
        add(Problem("empty_geometry", empty))

    coords = {i: shapely.get_coordinates(geoms[i], include_z=False) for i in drawable}
    non_finite = [i for i in drawable if not np.isfinite(coords[i]).all()]
    if non_finite:
        add(Problem("non_finite", non_finite))
    finite = [i for i in drawable if i not in set(non_finite)]

    if not crs_known and finite and not _all_in_degrees(coords, finite):
        add(Problem("projected_without_crs", finite, facts={"example": _example(coords, finite)}))
    else:
        out_of_range = [i for i in finite if not _in_degrees(coords[i])]
        if out_of_range:
            add(Problem("out_of_range", out_of_range, {i: _example(coords, [i]) for i in out_of_range}))
        if _probably_swapped(coords, finite):
            add(Problem("probably_swapped", finite))
        crossing = [i for i in finite if _crosses_antimeridian(geoms[i])]
        if crossing:
            add(Problem("antimeridian", crossing))

    invalid = [i for i in finite if not geoms[i].is_valid]
    if invalid:
        add(Problem("invalid_geometry", invalid, {i: shapely.is_valid_reason(geoms[i]) for i in invalid}))

    collections = [i for i in drawable if geoms[i].geom_type == "GeometryCollection"]
    if collections:
        add(Problem("geometry_collection", collections))
    families = {_family(geoms[i].geom_type) for i in drawable if i not in set(collections)}
    if len(families) > 1:
        add(Problem("mixed_types", facts={"types": ", ".join(sorted(families))}))

    with_z = [i for i in drawable if shapely.has_z(geoms[i])]
    if with_z:
        add(Problem("z_kept", with_z))

    problems += _from_notes(notes, frame)
    problems += _field_problems(frame)
    return Report(fmt, len(frame), problems)


def _field_detail(row: dict, lang: str) -> str:
    status, detail = row["status"], row["detail"]
    if status == "renamed":
        return t(
            "import.kept.detail.renamed",
            lang,
            old=row["from"],
            reason=t(f"import.kept.reason.{detail or 'other'}", lang),
        )
    if status in ("converted", "dropped", "added") or detail:
        return t(f"import.kept.reason.{detail or 'other'}", lang, column=row["from"] or "")
    return ""


def repair_changes(before, after) -> str:
    """What `shapely.make_valid` changed, in words a person can check."""
    parts = [f"{before.geom_type} → {after.geom_type}"]
    if before.geom_type.endswith("Polygon") or after.geom_type.endswith(("Polygon", "Collection")):
        parts.append(f"{geodesic_area_km2(_polygonal(before)):.3f} → {geodesic_area_km2(_polygonal(after)):.3f} km²")
    return "; ".join(parts)


def _polygonal(geom):
    if geom.geom_type == "GeometryCollection":
        return shapely.union_all([g for g in geom.geoms if g.geom_type.endswith("Polygon")])
    # an invalid polygon's area is measured on its valid parts' outline as drawn
    return geom if geom.is_valid else shapely.Polygon(geom.exterior) if geom.geom_type == "Polygon" else geom


def _family(geom_type: str) -> str:
    return geom_type.replace("Multi", "")


def _in_degrees(xy: np.ndarray) -> bool:
    return bool(((xy[:, 0] >= -180) & (xy[:, 0] <= 180) & (xy[:, 1] >= -90) & (xy[:, 1] <= 90)).all())


def _all_in_degrees(coords, rows) -> bool:
    return all(_in_degrees(coords[i]) for i in rows)


def _example(coords, rows) -> str:
    x, y = coords[rows[0]][0]
    return f"({x:.6g}, {y:.6g})"


def _probably_swapped(coords, rows) -> bool:
    """True when the layer lies outside the corridor but would lie inside it with x and y swapped."""
    if not rows:
        return False
    xy = np.vstack([coords[i] for i in rows])
    minx, miny, maxx, maxy = CORRIDOR_BOUNDS
    pad = 5.0

    def inside(x, y):
        return bool(((x >= minx - pad) & (x <= maxx + pad) & (y >= miny - pad) & (y <= maxy + pad)).mean() > 0.9)

    return not inside(xy[:, 0], xy[:, 1]) and inside(xy[:, 1], xy[:, 0])


def _crosses_antimeridian(geom) -> bool:
    parts = getattr(geom, "geoms", [geom])
    for part in parts:
        rings = [part.exterior, *part.interiors] if part.geom_type == "Polygon" else [part]
        for ring in rings:
            xs = shapely.get_coordinates(ring)[:, 0]
            if len(xs) > 1 and (np.abs(np.diff(xs)) > 180).any():
                return True
    return False


def _csv_reasons(notes, frame, code) -> dict[int, str]:
    if "csv_line" not in frame.columns:
        return {}
    by_line = {int(line): i for i, line in enumerate(frame["csv_line"])}
    return {
        by_line[r["line"]]: f"line {r['line']}: {r['reason']}"
        for n in notes
        if n["code"] == code
        for r in n["rows"]
        if r["line"] in by_line
    }


def _from_notes(notes, frame) -> list[Problem]:
    out = []
    for n in notes:
        code = n["code"]
        if code == "renamed_field":
            out.append(Problem("renamed_field", facts={"old": n["old"], "new": n["new"]}))
        elif code == "csv_rows_unparsed":
            lines = "; ".join(f"line {r['line']}: {r['reason']}" for r in n["rows"][:20])
            out.append(Problem("csv_rows_unparsed", facts={"rows": len(n["rows"]), "lines": lines}))
        elif code in FACT_NOTES:
            out.append(Problem(code, facts={k: v for k, v in n.items() if k != "code"}))
        elif code == "geometry_fixed":
            features = [i for i in n["features"] if i < len(frame)]
            facts = {"step": f"{ARC_STEP_DEGREES:g}"}
            out.append(Problem(n["fix"], features, facts=facts))
        elif code == "curve_linearised":  # GeoPackage: counted by GDAL, linearised on read
            out.append(Problem(code, facts={"count": n["count"], "step": n["step"]}))
        elif code == "encoding_unknown":
            out.append(Problem(code, facts={"example": n["example"][:120], "preview": n["preview"]}))
        elif code == "field_converted":
            out.append(Problem(code, facts={"field": n["field"], "how": n["how"]}))
        elif code == "period_unreadable":  # kept, undated: never dropped, never guessed
            features = [i for i in n["features"] if i < len(frame)]
            out.append(Problem(code, features, dict(n["details"]), facts={"features": n["numbers"]}))
    return _merged(out)


def _merged(problems: list[Problem]) -> list[Problem]:
    """One line per code for fixes several notes report (m_dropped from GDAL and from the WKB reader)."""
    out: list[Problem] = []
    for p in problems:
        same = next((q for q in out if q.code == p.code and p.code in FIXES), None)
        if same is None:
            out.append(p)
        else:
            same.features = sorted(set(same.features) | set(p.features))
    return out


def _field_problems(frame) -> list[Problem]:
    names = [str(c) for c in frame.columns if c != frame.geometry.name]
    lowered: dict[str, list[str]] = {}
    for name in names:
        lowered.setdefault(name.lower(), []).append(name)
    clashes = [", ".join(group) for group in lowered.values() if len(group) > 1]
    return [Problem("case_duplicate_fields", facts={"fields": "; ".join(clashes)})] if clashes else []
