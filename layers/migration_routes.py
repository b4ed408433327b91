"""Migration routes: approximate segments through the known waypoints, one route read in order."""

from geo.colours import BLACK, BLUE, REDDISH_PURPLE, VERMILLION
from geo.spec import PROJECT_ATTRIBUTION, LayerSpec, Style

#: Okabe–Ito (geo.colours), and a dash pattern per mode as a second channel: every one dashed,
#: since every route is approximate.
MODES = {"boat": BLUE, "foot": VERMILLION, "river_boat": REDDISH_PURPLE, "bus": BLACK}
MODE_DASHES = {"boat": "10 5", "foot": "3 4", "river_boat": "10 4 2 4", "bus": "16 4 3 4 3 4"}

MIGRATION_ROUTES = LayerSpec(
    id="migration_routes",
    title={"es": "Rutas migratorias", "en": "Migration routes"},
    geometry="LineString",
    required=(
        "segment_id",
        "route",
        "seq",
        "stage",
        "mode",
        "from_place",
        "to_place",
        "length_km",
        "source",
        "confidence",
        "licence",
        "valid_from",
        "valid_to",
    ),
    style=Style(color=VERMILLION, weight=3.5, by="mode", palette=MODES, dashes=MODE_DASHES),
    tooltip=("route", "stage", "mode", "from_place", "to_place", "length_km", "valid_from", "valid_to"),
    source="Waypoints from GeoNames and published descriptions; route descriptions from the press and en.wikipedia.org/wiki/Darién_Gap",
    licence="CC BY 4.0",
    attribution=(PROJECT_ATTRIBUTION, "GeoNames (geonames.org), CC BY 4.0"),
    mission=True,
    caveat={
        "es": "Trazado aproximado entre puntos de paso, no un recorrido levantado en campo.",
        "en": "Approximate path between waypoints, not a surveyed track.",
    },
    vocabulary={
        "mode": {
            "boat": {"es": "lancha", "en": "boat"},
            "foot": {"es": "a pie", "en": "on foot"},
            "river_boat": {"es": "lancha fluvial", "en": "river boat"},
            "bus": {"es": "autobús", "en": "bus"},
        },
        "stage": {
            "gulf_crossing": {"es": "cruce del golfo de Urabá", "en": "Gulf of Urabá crossing"},
            "mountain_trek": {"es": "travesía de montaña hasta la frontera", "en": "mountain trek to the border"},
            "descent": {"es": "descenso a la primera aldea panameña", "en": "descent to the first Panamanian village"},
            "river_transport": {"es": "transporte fluvial", "en": "river transport"},
            "road_transport": {"es": "transporte por carretera", "en": "road transport"},
            "coastal_crossing": {"es": "travesía costera", "en": "coastal crossing"},
            "return_by_sea": {"es": "regreso por mar hacia el sur", "en": "southward return by sea"},
            "jungle_trek": {"es": "travesía por la selva desde el Caribe", "en": "jungle trek from the Caribbean side"},
            "return_on_foot": {
                "es": "regreso a pie por el sendero fronterizo",
                "en": "southward return on foot along the border path",
            },
        },
        "route": {
            "acandi_bajo_chiquito": {"es": "Necoclí–Acandí–Bajo Chiquito", "en": "Necoclí–Acandí–Bajo Chiquito"},
            "capurgana_bajo_chiquito": {
                "es": "Necoclí–Capurganá–Bajo Chiquito",
                "en": "Necoclí–Capurganá–Bajo Chiquito",
            },
            "canaan_membrillo": {"es": "Vía Canaán Membrillo", "en": "Canaán Membrillo way"},
            "caribbean_puerto_obaldia": {
                "es": "Vía caribeña de los cubanos (2015–2016)",
                "en": "Caribbean Cuban route (2015–2016)",
            },
            "return_by_sea_2025": {"es": "Regreso por mar (2025)", "en": "Return by sea (2025)"},
        },
        "direction": {
            "north": {"es": "hacia el norte", "en": "northward"},
            "south": {"es": "hacia el sur", "en": "southward"},
        },
    },
    field_labels={
        "stage": {"es": "Tramo", "en": "Stage"},
        "mode": {"es": "Modo", "en": "Mode"},
        "from_place": {"es": "Desde", "en": "From"},
        "to_place": {"es": "Hasta", "en": "To"},
        "length_km": {"es": "Longitud (km)", "en": "Length (km)"},
        "seq": {"es": "Orden en la ruta", "en": "Order on the route"},
        "direction": {"es": "Sentido", "en": "Direction"},
        "drawn_via": {"es": "Trazado por", "en": "Drawn through"},
    },
)
