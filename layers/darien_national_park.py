"""Darién National Park (Panama): an approximate polygon built from the published facts."""

from geo.spec import PROJECT_ATTRIBUTION, Labels, LayerSpec, Style

DARIEN_NATIONAL_PARK = LayerSpec(
    id="darien_national_park",
    title={"es": "Parque Nacional Darién", "en": "Darién National Park"},
    geometry="Polygon",
    required=(
        "name",
        "area_km2",
        "published_area_km2",
        "method",
        "caveat",
        "source",
        "confidence",
        "licence",
        "valid_from",
        "valid_to",
    ),
    style=Style(color="#2c7730", weight=2, fill_opacity=0.18),
    tooltip=("name", "area_km2", "published_area_km2", "caveat"),
    source="Published extent and area (UNEP-WCMC datasheet, Wikipedia); border and land from Natural Earth",
    licence="CC BY 4.0",
    attribution=(PROJECT_ATTRIBUTION, "Natural Earth"),
    mission=True,
    caveat={"es": "Aproximado, no es un límite oficial.", "en": "Approximate, not an official boundary."},
    field_labels={"published_area_km2": {"es": "Área publicada (km²)", "en": "Published area (km²)"}},
    labels=Labels("name", priority=3, min_zoom=7),
)
