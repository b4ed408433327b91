"""Provinces, comarcas and departments (OpenStreetMap admin level 4)."""

from geo.spec import LayerSpec, Style

PROVINCES_COMARCAS = LayerSpec(
    id="provinces_comarcas",
    title={"es": "Provincias y comarcas", "en": "Provinces and comarcas"},
    geometry="Polygon",
    required=("name", "iso2", "country", "kind", "source", "confidence", "licence", "valid_from", "valid_to"),
    style=Style(color="#7f6359", weight=1.0, fill_opacity=0.0, dash="4 3"),
    tooltip=("name", "kind", "iso2", "area_km2"),
    source="OpenStreetMap admin_level 4 via the country-levels export",
    licence="ODbL 1.0",
    attribution=("© OpenStreetMap contributors, ODbL",),
    vocabulary={
        "kind": {
            "province": {"es": "provincia", "en": "province"},
            "comarca": {"es": "comarca", "en": "comarca"},
        },
    },
    field_labels={
        "iso2": {"es": "Código ISO", "en": "ISO code"},
        "osm_id": {"es": "Identificador OpenStreetMap", "en": "OpenStreetMap id"},
        "wikidata_id": {"es": "Identificador Wikidata", "en": "Wikidata id"},
    },
)
