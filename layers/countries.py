"""Countries: the offline base map's land (Natural Earth 1:10m)."""

from geo.spec import LayerSpec, Style

COUNTRIES = LayerSpec(
    id="countries",
    title={"es": "Países", "en": "Countries"},
    geometry="Polygon",
    required=("name", "iso_a3", "source", "confidence", "licence", "valid_from", "valid_to"),
    style=Style(color="#696969", weight=0.8, fill_color="#f3f0e8", fill_opacity=1.0),
    tooltip=("name",),
    source="Natural Earth 4.1.0 admin-0 countries 1:10m",
    licence="Public domain",
    attribution=("Natural Earth",),
    field_labels={"iso_a3": {"es": "Código ISO (3 letras)", "en": "ISO code (3 letters)"}},
)
