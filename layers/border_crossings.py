"""Border crossings (derived): where routes meet the Colombia–Panama border."""

from geo.spec import DERIVED_LICENCE, PROJECT_ATTRIBUTION, LayerSpec, Style

BORDER_CROSSINGS = LayerSpec(
    id="border_crossings",
    title={"es": "Cruces de la frontera (capa derivada)", "en": "Border crossings (derived)"},
    geometry="Point",
    required=("route", "segment_id", "lon", "lat", "source", "confidence", "licence", "caveat"),
    style=Style(color="#212121", radius=6, fill_opacity=0.9),
    tooltip=("route", "segment_id", "lon", "lat"),
    source="Computed from the routes and the Colombia–Panama border on the map",
    licence=DERIVED_LICENCE,
    attribution=(PROJECT_ATTRIBUTION, "Natural Earth"),
    caveat={
        "es": "Donde las rutas aproximadas cortan la frontera de Natural Earth (1:10m).",
        "en": "Where the approximate routes meet Natural Earth's 1:10m border.",
    },
    origin="derived",
)
