"""Towns (Natural Earth 1:10m populated places)."""

from geo.spec import Labels, LayerSpec, Style

TOWNS = LayerSpec(
    id="towns",
    title={"es": "Poblados", "en": "Towns"},
    geometry="Point",
    required=("name", "source", "confidence", "licence", "valid_from", "valid_to"),
    style=Style(color="#616161", weight=1, radius=3.5, fill_opacity=0.8),
    tooltip=("name", "adm1name", "pop_max"),
    source="Natural Earth 4.0.0 ne_10m_populated_places",
    licence="Public domain",
    attribution=("Natural Earth",),
    labels=Labels("name", priority=2, min_zoom=7),
    field_labels={
        "adm0name": {"es": "País", "en": "Country"},
        "adm1name": {"es": "Provincia", "en": "Province"},
        "pop_max": {"es": "Población", "en": "Population"},
    },
)
