"""Park entries and exits (derived): where routes cross the national park's boundary."""

from geo.colours import BLUISH_GREEN, VERMILLION
from geo.spec import DERIVED_LICENCE, PROJECT_ATTRIBUTION, LayerSpec, Style

PARK_CROSSINGS = LayerSpec(
    id="park_crossings",
    title={"es": "Entradas y salidas del parque (capa derivada)", "en": "Park entries and exits (derived)"},
    geometry="Point",
    required=("route", "segment_id", "kind", "along_km", "source", "confidence", "licence", "caveat"),
    style=Style(
        color=BLUISH_GREEN, radius=6, fill_opacity=0.9, by="kind", palette={"enter": BLUISH_GREEN, "leave": VERMILLION}
    ),
    tooltip=("route", "segment_id", "kind", "along_km"),
    source="Computed from the routes and the national park on the map",
    licence=DERIVED_LICENCE,
    attribution=(PROJECT_ATTRIBUTION,),
    caveat={
        "es": "El límite del parque es aproximado salvo que cargue el oficial.",
        "en": "The park boundary is approximate unless you load the official one.",
    },
    origin="derived",
    vocabulary={
        "kind": {
            "enter": {"es": "entra", "en": "enters"},
            "leave": {"es": "sale", "en": "leaves"},
        },
    },
    field_labels={"along_km": {"es": "Km desde el inicio del tramo", "en": "Km from the segment's start"}},
)
