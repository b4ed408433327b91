"""Rivers (Natural Earth 1:10m: the Atrato and the Panama Canal)."""

from geo.spec import Labels, LayerSpec, Style

RIVERS = LayerSpec(
    id="rivers",
    title={"es": "Ríos", "en": "Rivers"},
    geometry="LineString",
    required=("name", "source", "confidence", "licence", "valid_from", "valid_to"),
    style=Style(color="#226f97", weight=1.8),
    tooltip=("name",),
    source="Natural Earth 4.0.0 ne_10m_rivers_lake_centerlines",
    licence="Public domain",
    attribution=("Natural Earth",),
    labels=Labels("name", priority=4, min_zoom=8),
    field_labels={"featurecla": {"es": "Clase", "en": "Class"}},
)
