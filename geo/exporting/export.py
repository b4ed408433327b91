"""Exports of what the user sees, in the formats GIS users ask for.

Every export names its file after what is in it and when it was made, and
carries the provenance of its layers: each feature's own `source`,
`confidence`, `licence` (and `caveat` where approximate or illustrative),
plus per layer its title, source, licence, attribution and caveat, stored
as the format allows (a `layers` member in GeoJSON, gpkg_metadata in a
GeoPackage, folder descriptions in KML, a README in the Shapefile zip, the
legend and attribution on maps).

An export of the corridor as of a month (`as_of`, "YYYY-MM": what geo.selection keeps for that
month) says so in its file name (`..._asof-2023-09_...`) and in its metadata, with how the
undated features of the timed layers were treated (`undated`: "show" or "hide").
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from geo import timeline
from geo.errors import ExportError
from geo.exporting import csv as csv_format
from geo.exporting import gpkg, html, kml, shapefile
from geo.exporting.geojson import collection_text
from geo.exporting.tabular import as_text
from geo.i18n import t, written
from geo.load import Layer
from geo.selection import UNDATED_CHOICES

PROJECT = "darien-corridor"

#: Format id -> (file extension, MIME type).
EXPORT_FORMATS = {
    "geojson": ("geojson", "application/geo+json"),
    "gpkg": ("gpkg", "application/geopackage+sqlite3"),
    "kml": ("kml", "application/vnd.google-earth.kml+xml"),
    "csv": ("csv", "text/csv"),
    "shapefile": ("zip", "application/zip"),
    "html": ("html", "text/html"),
    "png": ("png", "image/png"),
    "pdf": ("pdf", "application/pdf"),
}


@dataclass
class Export:
    filename: str
    data: bytes
    mime: str
    changes: list[dict] = field(default_factory=list)  # what the format forced us to change


def export(
    layers: Sequence[Layer],
    fmt: str,
    lang: str = "es",
    now: _dt.datetime | None = None,
    bounds: tuple[float, float, float, float] | None = None,
    print_size: tuple[int, int] | None = None,
    *,
    as_of: str | None = None,
    undated: str = "show",
    timed: Collection[str] | None = None,
    paper: str = "A4",
    orientation: str = "landscape",
) -> Export:
    """`layers` in format `fmt`. Raises ExportError when there is nothing to export.

    `bounds` (west, south, east, north) frames the print map, on `paper` ("A4", "A3") in
    `orientation` ("landscape", "portrait"), or `print_size` pixels when given; a print map is
    named by its map ID (geo.exporting.printmap.map_id).
    `as_of` is the month the layers were chosen for (None: every period) and `undated` what was
    done with undated features (geo.selection.Filters); both go into the name and the metadata.
    `timed` names the layers about time (geo.selection.timed_ids of the layers as loaded); by
    default it is judged on `layers` themselves.
    """
    if fmt not in EXPORT_FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    if not layers:
        raise ExportError("there is no visible layer to export")
    _check_time(as_of, undated)
    now = now or _dt.datetime.now(_dt.UTC)
    extension, mime = EXPORT_FORMATS[fmt]
    name = export_filename(exported_ids(layers), now, extension, as_of=as_of)
    if fmt in ("png", "pdf"):
        from geo.exporting.printmap import map_id

        name = f"{map_id(exported_ids(layers), now.date(), paper, orientation, as_of)}.{extension}"
    timed = _timed(layers, timed)
    meta = [layer_metadata(layer, lang, as_of=as_of, undated=undated, timed=layer.spec.id in timed) for layer in layers]
    stamp = t("export.generated", lang, when=f"{now:%Y-%m-%d %H:%M} UTC")
    lines = [stamp, *time_lines(as_of, undated, lang)]  # files: what was done with undated features
    map_lines = [stamp, *time_lines(as_of, undated, lang, drawn=True)]  # maps: also how they are drawn
    changes: list[dict] = []
    if fmt == "geojson":
        data = geojson_text(layers, lang, now, as_of=as_of, undated=undated, timed=timed).encode("utf-8")
        changes = as_text(layers, ("date", "datetime"))
    elif fmt == "gpkg":
        note = {"as_of_note": t(f"export.undated.{undated}", lang)} if as_of else {}
        data = gpkg.write(layers, [m | {"generated": now.isoformat(timespec="seconds")} | note for m in meta])
    elif fmt == "kml":
        data = kml.write(layers, meta, t("app.title", lang), _sentences([*lines, t("print.disclaimer", lang)]))
        changes = kml.changes(layers)
    elif fmt == "csv":
        data = csv_format.write(layers)
        changes = as_text(layers, ("date", "datetime"))
    elif fmt == "shapefile":
        data, changes = shapefile.write(layers, meta, _readme(meta, lines, lang))
    elif fmt == "html":
        data = _html(layers, lang, [*map_lines, t("print.disclaimer", lang)], as_of, undated)
    else:
        from geo.exporting import printmap

        data = printmap.render(
            layers,
            lang,
            fmt,
            size_px=print_size,
            paper=paper,
            orientation=orientation,
            map_name=name.rsplit(".", 1)[0],
            data_as_of=timeline.latest_month(),
            bounds=bounds or (-78.6, 7.1, -76.5, 8.9),
            generated=stamp,
            as_of=as_of,
            undated=undated,
            timed=timed,
        )
    return Export(name, data, mime, changes)


def geojson_text(
    layers: Sequence[Layer],
    lang: str = "es",
    now: _dt.datetime | None = None,
    *,
    as_of: str | None = None,
    undated: str = "show",
    timed: Collection[str] | None = None,
) -> str:
    """All layers in one RFC 7946 FeatureCollection, each feature tagged with its `layer`;
    as of a month, an `as_of` member says which (and its days) and how undated features went."""
    if not layers:
        raise ExportError("there is no visible layer to export")
    _check_time(as_of, undated)
    now = now or _dt.datetime.now(_dt.UTC)
    timed = _timed(layers, timed)
    members = {
        "layers": [
            layer_metadata(layer, lang, as_of=as_of, undated=undated, timed=layer.spec.id in timed) for layer in layers
        ],
        "generated": now.isoformat(timespec="seconds"),
    }
    if as_of is not None:
        members["as_of"] = as_of_metadata(as_of, undated, lang)
    return collection_text([(layer.spec.id, layer.frame) for layer in layers], members=members)


def geojson_export(
    layers: Sequence[Layer],
    lang: str = "es",
    now: _dt.datetime | None = None,
    *,
    as_of: str | None = None,
    undated: str = "show",
) -> tuple[str, str]:
    """(file name, GeoJSON text): the app's quick download."""
    now = now or _dt.datetime.now(_dt.UTC)
    text = geojson_text(layers, lang, now, as_of=as_of, undated=undated)
    return export_filename(exported_ids(layers), now, as_of=as_of), text


def exported_ids(layers: Sequence[Layer]) -> list[str]:
    """The ids of the layers whose features an export holds: what its file name counts (a layer
    left empty by the month, the filters or the clip is not in the file). All of them when none
    has a feature."""
    return [layer.spec.id for layer in layers if len(layer.frame)] or [layer.spec.id for layer in layers]


def export_filename(
    layer_ids: Sequence[str], now: _dt.datetime, extension: str = "geojson", *, as_of: str | None = None
) -> str:
    """`darien-corridor_<what>[_asof-<month>]_<UTC time>.<ext>`: the layer ids, or their count
    when many, and the month the export is of, if one was chosen.

    >>> export_filename(["patrol_zones"], _dt.datetime(2026, 11, 23, 9, 5))
    'darien-corridor_patrol_zones_20261123-0905.geojson'
    >>> export_filename(["a", "b", "c", "d"], _dt.datetime(2026, 1, 2))
    'darien-corridor_4-layers_20260102-0000.geojson'
    >>> export_filename(["migration_routes"], _dt.datetime(2026, 1, 2), "zip", as_of="2023-09")
    'darien-corridor_migration_routes_asof-2023-09_20260102-0000.zip'
    """
    what = "+".join(layer_ids) if len(layer_ids) <= 3 else f"{len(layer_ids)}-layers"
    what = re.sub(r"[^A-Za-z0-9_+.-]", "_", what)[:120]
    if as_of is not None:
        timeline.month_bounds(as_of)  # refuses anything but "YYYY-MM" (the name is made of it)
        what += f"_asof-{as_of}"
    return f"{PROJECT}_{what}_{now:%Y%m%d-%H%M}.{extension}"


def as_of_metadata(as_of: str, undated: str, lang: str) -> dict:
    """The month an export is of, as its days (`from` inclusive, `to` exclusive), and what was
    done with undated features, in words.

    >>> as_of_metadata("2023-09", "hide", "en")["to"]
    '2023-10-01'
    """
    start, end = timeline.month_bounds(as_of)
    return {
        "month": as_of,
        "from": start.isoformat(),
        "to": end.isoformat(),
        "undated": undated,
        "note": t(f"export.undated.{undated}", lang),
    }


def time_lines(as_of: str | None, undated: str, lang: str, drawn: bool = False) -> list[str]:
    """What a file or a map says under its title as of a month: "As of Sep 2023", and what was
    done with undated features (on a map, `drawn`: in short, and how they are drawn)."""
    if as_of is None:
        return []
    from geo.webmap.timefilter import month_label

    said = t(f"export.undated_line.{undated}", lang) if drawn else t(f"export.undated.{undated}", lang)
    return [t("map.as_of", lang, month=month_label(as_of, lang)), said]


def _sentences(parts: Sequence[str]) -> str:
    """One text of `parts`, each ending with a full stop.

    >>> _sentences(["Generated on 2026-01-02", "As of Sep 2023", "Boundaries are approximate."])
    'Generated on 2026-01-02. As of Sep 2023. Boundaries are approximate.'
    """
    return " ".join(part if part.endswith(".") else f"{part}." for part in parts)


def layer_metadata(
    layer: Layer, lang: str, *, as_of: str | None = None, undated: str = "show", timed: bool | None = None
) -> dict:
    """A layer's provenance, as every export carries it; as of a month, also that month, whether
    the layer is about time (`timed`) and how many of its exported features have no known date
    (`undated_features`; none for a layer not about time)."""
    spec = layer.spec
    clipped = int(layer.frame["clipped"].sum()) if "clipped" in layer.frame else 0
    meta = {
        "id": spec.id,
        "title": spec.title[lang],
        "features": len(layer.frame),
        "source": written(spec.source, lang),
        "licence": written(spec.licence, lang),
        "attribution": [written(credit, lang) for credit in spec.attribution],
        "caveat": spec.caveat[lang] if spec.caveat else None,
        "clipped_features": clipped or None,
    }
    if as_of is not None:
        timed = timeline.timed(layer.frame) if timed is None else timed
        meta |= {
            "as_of": as_of,
            "timed": timed,
            "undated": undated if timed else None,
            "undated_features": int(timeline.undated(layer.frame).sum()) if timed else None,
        }
    return meta


def _check_time(as_of: str | None, undated: str) -> None:
    if as_of is not None:
        timeline.month_bounds(as_of)  # refuses anything but "YYYY-MM"
    if undated not in UNDATED_CHOICES:
        raise ValueError(f"undated must be one of {UNDATED_CHOICES}, got {undated!r}")


def _timed(layers: Sequence[Layer], timed: Collection[str] | None) -> frozenset[str]:
    if timed is not None:
        return frozenset(timed)
    return frozenset(layer.spec.id for layer in layers if timeline.timed(layer.frame))


def _html(layers: Sequence[Layer], lang: str, lines: list[str], as_of: str | None, undated: str) -> bytes:
    from geo.webmap.build import build_map

    fmap = build_map(layers, lang, "offline", asset_urls=html.PLACEHOLDERS, title=(t("app.title", lang), lines))
    if as_of is not None:
        # The page's own "as of" call: the legend says the month, undated features are marked (or hidden).
        from geo.webmap.timefilter import AsOf, as_of_state

        fmap.add_child(AsOf(as_of_state(as_of, undated, lang)))
    return html.write(fmap)


def _readme(meta: list[dict], lines: list[str], lang: str) -> str:
    out = [t("app.title", lang), *lines, t("print.disclaimer", lang), ""]
    for m in meta:
        out.append(f"[{m['id']}] {m['title']}")
        out += [
            f"  {k}: {'; '.join(v) if isinstance(v, list) else v}"
            for k, v in m.items()
            if k not in ("id", "title") and v is not None
        ]
        out.append("")
    out.append("field_names.csv: " + t("export.field_mapping", lang))
    return "\r\n".join(out)
