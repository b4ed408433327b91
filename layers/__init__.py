"""The layer registry: an explicit list, in drawing order (bottom first).

Adding a layer: write its module here, put `data/<id>.geojson` beside the
others (see scripts/build_data.py), and add one line to LAYERS. Its module
brings its own words (vocabulary, attribute labels): geo/i18n needs no edit.
"""

from collections.abc import Iterable, Mapping

from geo.errors import RegistryError, UnknownLayerError
from geo.i18n.catalogue import LANGUAGES, catalogue
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


def declared_messages(spec: LayerSpec) -> dict[str, Mapping[str, str]]:
    """What one layer declares, as catalogue keys: `<attribute>.<value>` and `field.<attribute>`."""
    out = {
        f"{attribute}.{value}": texts
        for attribute, values in spec.vocabulary.items()
        for value, texts in values.items()
    }
    out.update({f"field.{attribute}": texts for attribute, texts in spec.field_labels.items()})
    return out


def layer_messages(specs: Iterable[LayerSpec]) -> dict[str, dict[str, str]]:
    """key -> {lang: text} of everything `specs` declare, merged.

    Several layers may declare one value (two layers with a `mode`), but they must
    say the same; and no layer may redefine a key of the catalogue. Either is a
    RegistryError naming the layers, the key and the texts, raised when the
    registry is imported (like a duplicate layer id).
    """
    shared = {key for lang in LANGUAGES for key in catalogue(lang)}
    merged: dict[str, dict[str, str]] = {}
    owner: dict[str, str] = {}
    for spec in specs:
        for key, texts in declared_messages(spec).items():
            if key in shared:
                raise RegistryError(
                    f"layer {spec.id!r} declares {key!r}, which geo/i18n/messages already has; "
                    "a layer may add words, not change the shared ones"
                )
            if key in merged and merged[key] != dict(texts):
                raise RegistryError(
                    f"layers {owner[key]!r} and {spec.id!r} translate {key!r} differently: "
                    f"{merged[key]} and {dict(texts)}; give it one translation"
                )
            merged.setdefault(key, dict(texts))
            owner.setdefault(key, spec.id)
    return merged


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
