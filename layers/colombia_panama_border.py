"""The Colombia–Panama border line (Natural Earth 1:10m)."""

from geo.spec import LayerSpec, Style

COLOMBIA_PANAMA_BORDER = LayerSpec(
    id="colombia_panama_border",
    title={"es": "Frontera Colombia–Panamá", "en": "Colombia–Panama border"},
    geometry="LineString",
    required=("name", "source", "confidence", "licence", "valid_from", "valid_to"),
    style=Style(color="#424242", weight=2.5, dash="10 4 2 4"),
    tooltip=("name",),
    source="Natural Earth 4.0.0 ne_10m_admin_0_boundary_lines_land",
    licence="Public domain",
    attribution=("Natural Earth",),
    field_labels={"featurecla": {"es": "Clase", "en": "Class"}},
)
