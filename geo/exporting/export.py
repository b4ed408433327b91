"""Exports of what the user sees, in the formats GIS users ask for.

Every export names its file after what is in it and when it was made, and
carries the provenance of its layers: each feature's own `source`,
`confidence`, `licence` (and `caveat` where approximate or illustrative),
plus per layer its title, source, licence, attribution and caveat, stored
as the format allows (a `layers` member in GeoJSON, gpkg_metadata in a
GeoPackage, folder descriptions in KML, a README in the Shapefile zip, the
legend and attribution on maps).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from geo.errors import ExportError
from geo.exporting import csv as csv_format
from geo.exporting import gpkg, html, kml, shapefile
from geo.exporting.geojson import collection_text
from geo.exporting.tabular import as_text
from geo.i18n import t
from geo.load import Layer

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
    print_size: tuple[int, int] = (1600, 1130),
) -> Export:
    """`layers` in format `fmt`. Raises ExportError when there is nothing to export.

    `bounds` (west, south, east, north) frames the print map; `print_size` is its pixel size.
    """
    if fmt not in EXPORT_FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    if not layers:
        raise ExportError("there is no visible layer to export")
    now = now or _dt.datetime.now(_dt.UTC)
    extension, mime = EXPORT_FORMATS[fmt]
    name = export_filename([layer.spec.id for layer in layers], now, extension)
    meta = [layer_metadata(layer, lang) for layer in layers]
    stamp = t("export.generated", lang, when=f"{now:%Y-%m-%d %H:%M} UTC")
    changes: list[dict] = []
    if fmt == "geojson":
        data = geojson_text(layers, lang, now).encode("utf-8")
        changes = as_text(layers, ("date", "datetime"))
    elif fmt == "gpkg":
        data = gpkg.write(layers, [m | {"generated": now.isoformat(timespec="seconds")} for m in meta])
    elif fmt == "kml":
        data = kml.write(layers, meta, t("app.title", lang), f"{stamp}. {t('print.disclaimer', lang)}")
        changes = kml.changes(layers)
    elif fmt == "csv":
        data = csv_format.write(layers)
        changes = as_text(layers, ("date", "datetime"))
    elif fmt == "shapefile":
        data, changes = shapefile.write(layers, meta, _readme(meta, stamp, lang))
    elif fmt == "html":
        from geo.webmap.build import build_map

        fmap = build_map(
            layers,
            lang,
            "offline",
            asset_urls=html.PLACEHOLDERS,
            title=(t("app.title", lang), [stamp, t("print.disclaimer", lang)]),
        )
        data = html.write(fmap)
    else:
        from geo.exporting import printmap

        data = printmap.render(
            layers, lang, fmt, size_px=print_size, bounds=bounds or (-78.6, 7.1, -76.5, 8.9), generated=stamp
        )
    return Export(name, data, mime, changes)


def geojson_text(layers: Sequence[Layer], lang: str = "es", now: _dt.datetime | None = None) -> str:
    """All layers in one RFC 7946 FeatureCollection, each feature tagged with its `layer`."""
    if not layers:
        raise ExportError("there is no visible layer to export")
    now = now or _dt.datetime.now(_dt.UTC)
    return collection_text(
        [(layer.spec.id, layer.frame) for layer in layers],
        members={
            "layers": [layer_metadata(layer, lang) for layer in layers],
            "generated": now.isoformat(timespec="seconds"),
        },
    )


def geojson_export(layers: Sequence[Layer], lang: str = "es", now: _dt.datetime | None = None) -> tuple[str, str]:
    """(file name, GeoJSON text): the app's quick download."""
    now = now or _dt.datetime.now(_dt.UTC)
    text = geojson_text(layers, lang, now)
    return export_filename([layer.spec.id for layer in layers], now), text


def export_filename(layer_ids: Sequence[str], now: _dt.datetime, extension: str = "geojson") -> str:
    """`darien-corridor_<what>_<UTC time>.<ext>`: the layer ids, or their count when many.

    >>> export_filename(["patrol_zones"], _dt.datetime(2026, 11, 23, 9, 5))
    'darien-corridor_patrol_zones_20261123-0905.geojson'
    >>> export_filename(["a", "b", "c", "d"], _dt.datetime(2026, 1, 2))
    'darien-corridor_4-layers_20260102-0000.geojson'
    """
    what = "+".join(layer_ids) if len(layer_ids) <= 3 else f"{len(layer_ids)}-layers"
    what = re.sub(r"[^A-Za-z0-9_+.-]", "_", what)[:120]
    return f"{PROJECT}_{what}_{now:%Y%m%d-%H%M}.{extension}"


def layer_metadata(layer: Layer, lang: str) -> dict:
    """A layer's provenance, as every export carries it."""
    spec = layer.spec
    clipped = int(layer.frame["clipped"].sum()) if "clipped" in layer.frame else 0
    return {
        "id": spec.id,
        "title": spec.title[lang],
        "features": len(layer.frame),
        "source": spec.source,
        "licence": spec.licence,
        "attribution": list(spec.attribution),
        "caveat": spec.caveat[lang] if spec.caveat else None,
        "clipped_features": clipped or None,
    }


def _readme(meta: list[dict], stamp: str, lang: str) -> str:
    lines = [t("app.title", lang), stamp, t("print.disclaimer", lang), ""]
    for m in meta:
        lines.append(f"[{m['id']}] {m['title']}")
        lines += [
            f"  {k}: {'; '.join(v) if isinstance(v, list) else v}"
            for k, v in m.items()
            if k not in ("id", "title") and v is not None
        ]
        lines.append("")
    lines.append("field_names.csv: " + t("export.field_mapping", lang))
    return "\r\n".join(lines)
