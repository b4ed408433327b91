"""Migration routes: approximate segments through the known waypoints, one route read in order."""

from geo.spec import PROJECT_ATTRIBUTION, LayerSpec, Style

MODES = {"boat": "#1f78b4", "foot": "#e31a1c", "river_boat": "#6a3d9a", "bus": "#ff7f00"}

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
    style=Style(color="#e31a1c", weight=3.5, by="mode", palette=MODES),
    tooltip=("route", "stage", "mode", "from_place", "to_place", "length_km", "valid_from", "valid_to"),
    source="Waypoints from GeoNames and published descriptions; route descriptions from the press and en.wikipedia.org/wiki/Darién_Gap",
    licence="CC BY 4.0",
    attribution=(PROJECT_ATTRIBUTION, "GeoNames (geonames.org), CC BY 4.0"),
    mission=True,
    caveat={
        "es": "Trazado aproximado entre puntos de paso, no un recorrido levantado en campo.",
        "en": "Approximate path between waypoints, not a surveyed track.",
    },
)
