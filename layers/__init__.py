"""The layer registry: an explicit list, in drawing order (bottom first).

Adding a layer: write its module here, put `data/<id>.geojson` beside the
others (see scripts/build_data.py), and add one line to LAYERS. Its module
brings its own words (vocabulary, attribute labels): geo/i18n needs no edit.
"""

from geo.errors import RegistryError, UnknownLayerError
from geo.i18n import layer_messages
from geo.spec import LayerSpec
from layers.border_crossings import BORDER_CROSSINGS
from layers.coastline import COASTLINE
from layers.colombia_panama_border import COLOMBIA_PANAMA_BORDER
from layers.countries import COUNTRIES
from layers.coverage_gaps import COVERAGE_GAPS
from layers.darien_national_park import DARIEN_NATIONAL_PARK
from layers.los_katios_national_park import LOS_KATIOS_NATIONAL_PARK
from layers.migration_routes import MIGRATION_ROUTES
from layers.park_crossings import PARK_CROSSINGS
from layers.patrol_zones import PATROL_ZONES
from layers.provinces_comarcas import PROVINCES_COMARCAS
from layers.reception_communities import RECEPTION_COMMUNITIES
from layers.rivers import RIVERS
from layers.towns import TOWNS

LAYERS: tuple[LayerSpec, ...] = (
    COUNTRIES,
    PROVINCES_COMARCAS,
    LOS_KATIOS_NATIONAL_PARK,
    DARIEN_NATIONAL_PARK,
    PATROL_ZONES,
    COASTLINE,
    RIVERS,
    COLOMBIA_PANAMA_BORDER,
    MIGRATION_ROUTES,
    TOWNS,
    RECEPTION_COMMUNITIES,
)


#: Layers computed by the analysis (geo.analysis) from those on the map; no data file.
DERIVED: tuple[LayerSpec, ...] = (COVERAGE_GAPS, PARK_CROSSINGS, BORDER_CROSSINGS)


def _index(specs: tuple[LayerSpec, ...]) -> dict[str, LayerSpec]:
    index: dict[str, LayerSpec] = {}
    for spec in specs:
        if spec.id in index:
            raise RegistryError(f"two layers are registered with the id {spec.id!r}")
        index[spec.id] = spec
    return index


BY_ID = _index(LAYERS + DERIVED)

#: Every registered layer's vocabulary and attribute labels (key -> {lang: text}), read by geo.i18n.
#: Two layers that translate one value differently, or a layer that redefines a catalogue text,
#: fail here, at start-up, like a duplicate id.
MESSAGES = layer_messages(BY_ID.values())


def get(layer_id: str) -> LayerSpec:
    """The spec registered under `layer_id`."""
    try:
        return BY_ID[layer_id]
    except KeyError:
        raise UnknownLayerError(f"no layer {layer_id!r}; known layers: {', '.join(BY_ID)}") from None


__all__ = ["BY_ID", "DERIVED", "LAYERS", "MESSAGES", "get"]
