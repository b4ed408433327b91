"""Coverage gaps (derived): route stretches outside every patrol zone and beyond reach of any community."""

from geo.spec import DERIVED_LICENCE, PROJECT_ATTRIBUTION, LayerSpec, Style

COVERAGE_GAPS = LayerSpec(
    id="coverage_gaps",
    title={"es": "Brechas de cobertura (capa derivada)", "en": "Coverage gaps (derived)"},
    geometry="LineString",
    required=("route", "segment_id", "gap_km", "source", "confidence", "licence", "caveat"),
    style=Style(color="#b71c1c", weight=6, opacity=0.75),
    tooltip=("route", "segment_id", "gap_km", "reach_km"),
    source="Computed from the routes, patrol zones and reception communities on the map",
    licence=DERIVED_LICENCE,
    attribution=(PROJECT_ATTRIBUTION,),
    caveat={
        "es": "Calculadas a partir de las capas del mapa: heredan su incertidumbre (rutas aproximadas, patrullas ilustrativas).",
        "en": "Computed from the layers on the map: it inherits their uncertainty (approximate routes, illustrative patrols).",
    },
    origin="derived",
    field_labels={
        "gap_km": {"es": "Brecha (km)", "en": "Gap (km)"},
        "reach_km": {"es": "Alcance usado (km)", "en": "Reach used (km)"},
    },
)
