"""Reception communities: towns, indigenous communities, ports and reception stations on the way."""

from geo.colours import BLACK, BLUISH_GREEN, REDDISH_PURPLE, VERMILLION
from geo.spec import PROJECT_ATTRIBUTION, Labels, LayerSpec, Style

#: Okabe–Ito (geo.colours): told apart under every colour-vision deficiency; each place also named on the map.
RECEPTION_KINDS = {
    "indigenous_community": BLUISH_GREEN,
    "town": BLACK,
    "reception_station": VERMILLION,
    "port_of_departure": REDDISH_PURPLE,
}

RECEPTION_COMMUNITIES = LayerSpec(
    id="reception_communities",
    title={"es": "Comunidades receptoras", "en": "Reception communities"},
    geometry="Point",
    required=(
        "id",
        "name",
        "kind",
        "country",
        "admin_unit",
        "source",
        "confidence",
        "licence",
        "valid_from",
        "valid_to",
    ),
    style=Style(color=BLACK, weight=1.5, radius=7, fill_opacity=0.9, by="kind", palette=RECEPTION_KINDS),
    tooltip=("name", "kind", "country", "admin_unit", "services", "operator", "placed_from"),
    source="GeoNames cities1000; places without open coordinates placed from public descriptions",
    licence="CC BY 4.0",
    attribution=("GeoNames (geonames.org), CC BY 4.0", PROJECT_ATTRIBUTION),
    mission=True,
    labels=Labels(
        "name",
        priority=1,
        min_zoom=8,
        by="kind",
        first=("reception_station", "port_of_departure", "indigenous_community"),
    ),
    vocabulary={
        "kind": {
            "indigenous_community": {"es": "comunidad indígena", "en": "indigenous community"},
            "town": {"es": "pueblo", "en": "town"},
            "reception_station": {"es": "estación de recepción migratoria", "en": "migrant reception station"},
            "port_of_departure": {"es": "puerto de salida", "en": "port of departure"},
        },
    },
    field_labels={
        "admin_unit": {"es": "Provincia o comarca", "en": "Province or comarca"},
        "services": {"es": "Servicios", "en": "Services"},
        "operator": {"es": "Operador", "en": "Operator"},
        "placed_from": {"es": "Ubicado a partir de", "en": "Placed from"},
    },
)
