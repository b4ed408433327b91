"""Coastline (Natural Earth 1:10m)."""

from geo.spec import LayerSpec, Style

COASTLINE = LayerSpec(
    id="coastline",
    title={"es": "Costa", "en": "Coastline"},
    geometry="LineString",
    required=("source", "confidence", "licence", "valid_from", "valid_to"),
    style=Style(color="#406c95", weight=1.0),
    tooltip=("featurecla",),
    source="Natural Earth 4.0.0 ne_10m_coastline",
    licence="Public domain",
    attribution=("Natural Earth",),
    field_labels={"featurecla": {"es": "Clase", "en": "Class"}},
)
