"""Los Katíos National Natural Park (Colombia): context, approximate from the published facts."""

from geo.spec import PROJECT_ATTRIBUTION, Labels, LayerSpec, Style

LOS_KATIOS_NATIONAL_PARK = LayerSpec(
    id="los_katios_national_park",
    title={"es": "Parque Nacional Natural Los Katíos", "en": "Los Katíos National Park"},
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
    style=Style(color="#477427", weight=1.5, fill_opacity=0.12),
    tooltip=("name", "area_km2", "published_area_km2", "caveat"),
    source="Published centre and area (UNEP-WCMC datasheet, UNESCO WHC #711); land and Atrato from Natural Earth",
    licence="CC BY 4.0",
    attribution=(PROJECT_ATTRIBUTION, "Natural Earth"),
    caveat={"es": "Aproximado, no es un límite oficial.", "en": "Approximate, not an official boundary."},
    field_labels={"published_area_km2": {"es": "Área publicada (km²)", "en": "Published area (km²)"}},
    labels=Labels("name", priority=3, min_zoom=8),
)
