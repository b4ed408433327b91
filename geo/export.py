"""Exports of what the user sees. GeoJSON (RFC 7946) for now; see geo.formats.geojson.

Every export carries, besides each feature's own `source`, `confidence`,
`licence` and `caveat`, a `layers` member listing each layer's title, source,
licence, attribution and caveat (a foreign member, which RFC 7946 allows).
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Sequence

from geo.errors import ExportError
from geo.formats.geojson import dumps, feature_collection
from geo.load import Layer

PROJECT = "darien-corridor"


def geojson_export(layers: Sequence[Layer], lang: str = "es", now: _dt.datetime | None = None) -> tuple[str, str]:
    """(file name, GeoJSON text) of `layers`, all in one FeatureCollection.

    Each feature is tagged with its layer id in the `layer` property.
    Raises ExportError when there is nothing to export.
    """
    if not layers:
        raise ExportError("there is no visible layer to export")
    now = now or _dt.datetime.now(_dt.timezone.utc)
    collection = feature_collection([(layer.spec.id, layer.frame) for layer in layers])
    collection["layers"] = [_metadata(layer, lang) for layer in layers]
    collection["generated"] = now.isoformat(timespec="seconds")
    return export_filename([layer.spec.id for layer in layers], now), dumps(collection)


def export_filename(layer_ids: Sequence[str], now: _dt.datetime, extension: str = "geojson") -> str:
    """`darien-corridor_<what>_<UTC time>.<ext>`: the layer ids, or their count when many.

    >>> export_filename(["patrol_zones"], _dt.datetime(2026, 11, 23, 9, 5))
    'darien-corridor_patrol_zones_20261123-0905.geojson'
    >>> export_filename(["a", "b", "c", "d"], _dt.datetime(2026, 1, 2))
    'darien-corridor_4-layers_20260102-0000.geojson'
    """
    what = "+".join(layer_ids) if len(layer_ids) <= 3 else f"{len(layer_ids)}-layers"
    what = re.sub(r"[^A-Za-z0-9_+.-]", "_", what)
    return f"{PROJECT}_{what}_{now:%Y%m%d-%H%M}.{extension}"


def _metadata(layer: Layer, lang: str) -> dict:
    spec = layer.spec
    return {
        "id": spec.id,
        "title": spec.title[lang],
        "features": len(layer.frame),
        "source": spec.source,
        "licence": spec.licence,
        "attribution": list(spec.attribution),
        "caveat": spec.caveat[lang] if spec.caveat else None,
    }
