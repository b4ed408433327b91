"""Patrol zones: an illustrative scenario after what was reported of Operación Chocó (June 2023)."""

from geo.colours import BLUISH_GREEN, REDDISH_PURPLE, VERMILLION
from geo.spec import PROJECT_ATTRIBUTION, LayerSpec, Style

#: Okabe–Ito (geo.colours), and a dotted pattern per mode as a second channel (every zone is illustrative).
PATROL_MODES = {"foot_and_river": VERMILLION, "air": REDDISH_PURPLE, "community": BLUISH_GREEN}
PATROL_DASHES = {"foot_and_river": "2 5", "air": "8 4 2 4", "community": "2 3 2 9"}

PATROL_ZONES = LayerSpec(
    id="patrol_zones",
    title={"es": "Zonas de patrullaje", "en": "Patrol zones"},
    geometry="Polygon",
    required=(
        "name",
        "agency",
        "mode",
        "area_km2",
        "caveat",
        "source",
        "confidence",
        "licence",
        "valid_from",
        "valid_to",
    ),
    style=Style(color=VERMILLION, weight=1.5, fill_opacity=0.12, by="mode", palette=PATROL_MODES, dashes=PATROL_DASHES),
    tooltip=("name", "agency", "mode", "valid_from", "caveat"),
    source=(
        "Reuters, 2 Jun 2023, on Operación Chocó (as republished by Our Today); "
        "the aerial support zone cut from OpenStreetMap admin units"
    ),
    # The aerial support zone is cut from OpenStreetMap's admin units (`drawn_from`): the layer,
    # one database, is under their licence (data/README.md).
    licence="ODbL 1.0",
    attribution=("© OpenStreetMap contributors, ODbL", PROJECT_ATTRIBUTION),
    mission=True,
    caveat={
        "es": "Escenario ilustrativo: no son sectores de patrullaje reales.",
        "en": "Illustrative scenario: these are not real patrol sectors.",
    },
    vocabulary={
        "mode": {
            "foot_and_river": {"es": "a pie y por río", "en": "on foot and by river"},
            "air": {"es": "aéreo", "en": "air"},
            "community": {"es": "en comunidades", "en": "in communities"},
        },
    },
    field_labels={
        "name_en": {"es": "Nombre (inglés)", "en": "Name (English)"},
        "agency": {"es": "Institución", "en": "Agency"},
        "mode": {"es": "Modo", "en": "Mode"},
        "drawn_from": {"es": "Trazado a partir de", "en": "Drawn from"},
    },
)
