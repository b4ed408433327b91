"""What a layer *is*: the declaration every module in `layers/` fills in.

A `LayerSpec` says everything the loader, the map, the legend and the
exports need to know, so none of them has a special case per layer.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from geo.i18n.catalogue import LANGUAGES, text

#: How sure we are of a feature, from most to least. Every feature carries one.
CONFIDENCE_LEVELS = ("official", "reported", "approximate", "illustrative")

#: Geometry that is not "as published" and must say so on the map and in exports.
CAVEAT_CONFIDENCE = ("approximate", "illustrative")

#: Attributes every feature of every layer carries.
PROVENANCE_FIELDS = ("source", "confidence", "licence")

#: The period a feature describes: ISO dates, either may be null (open-ended).
PERIOD_FIELDS = ("valid_from", "valid_to")

#: Where a layer comes from (LayerSpec.origin).
ORIGINS = ("bundled", "user", "derived", "database")

#: Declared geometry type -> the shapely geometry types a feature may have.
GEOMETRY_FAMILIES: Mapping[str, tuple[str, ...]] = {
    "Point": ("Point", "MultiPoint"),
    "LineString": ("LineString", "MultiLineString"),
    "Polygon": ("Polygon", "MultiPolygon"),
}

#: Attribution of what this project drew itself (routes, parks, scenario zones). Written in English
#: in specs and exports; shown in the reader's language by geo.i18n.written.
PROJECT_ATTRIBUTION = text("written.project_attribution", "en")

#: The licence of what the analysis derives from the layers on the map.
DERIVED_LICENCE = text("written.derived_licence", "en")

#: Dash patterns (Leaflet `dashArray`) that mark less certain geometry.
CONFIDENCE_DASH = {"approximate": "6 4", "illustrative": "2 5"}


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _check_texts(layer_id: str, what: str, texts: Mapping[str, str]) -> None:
    """One text per language, none empty, the same `{placeholders}` in each; ValueError otherwise."""
    if not isinstance(texts, Mapping) or set(texts) != set(LANGUAGES):
        got = sorted(texts) if isinstance(texts, Mapping) else type(texts).__name__
        raise ValueError(f"layer {layer_id!r}: {what} needs {' and '.join(map(repr, LANGUAGES))}, got {got}")
    if not all(isinstance(text, str) and text.strip() for text in texts.values()):
        raise ValueError(f"layer {layer_id!r}: {what} has an empty text")
    try:
        found = {lang: _placeholders(texts[lang]) for lang in LANGUAGES}
    except ValueError as error:
        raise ValueError(f"layer {layer_id!r}: {what} is not a valid text ({error})") from None
    if any(names != found[LANGUAGES[0]] for names in found.values()):
        raise ValueError(f"layer {layer_id!r}: {what} has different placeholders per language: {found}")


@dataclass(frozen=True)
class Style:
    """How a layer is drawn. `by` names an attribute whose value picks the colour
    from `palette`; features whose value is not in the palette use `color`."""

    color: str
    weight: float = 2.0
    fill_color: str | None = None
    fill_opacity: float = 0.0
    opacity: float = 1.0
    radius: float = 6.0  # points only, in pixels
    dash: str | None = None
    by: str | None = None
    palette: Mapping[str, str] = field(default_factory=dict)
    #: A dash pattern per value of `by`: a second channel beside the colour, for lines and areas
    #: (geo.colours). Where it is set it replaces the confidence dash, so a layer whose features
    #: are uncertain uses only dashed patterns here.
    dashes: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        stray = sorted(set(self.dashes) - set(self.palette))
        if stray:
            raise ValueError(f"dash patterns for values that have no colour in the palette: {stray}")

    def for_feature(self, properties: Mapping[str, object]) -> dict:
        """Leaflet path options for one feature.

        Approximate or illustrative features are dashed even when the layer is
        not, so that uncertainty is visible on the map itself.
        """
        color, dash = self.color, None
        if self.by is not None:
            color = self.palette.get(str(properties.get(self.by)), self.color)
            dash = self.dashes.get(str(properties.get(self.by)))
        dash = dash or self.dash or CONFIDENCE_DASH.get(str(properties.get("confidence")))
        style = {
            "color": color,
            "weight": self.weight,
            "opacity": self.opacity,
            "fillColor": self.fill_color or color,
            "fillOpacity": self.fill_opacity,
        }
        if dash:
            style["dashArray"] = dash
        return style


@dataclass(frozen=True)
class Labels:
    """Names written on the map (geo.webmap.labels): the attribute that holds them, their
    priority (1 is placed first; a name that would overlap one placed before is left out) and
    the least zoom at which they are written."""

    field: str = "name"
    priority: int = 1
    min_zoom: int = 0
    #: Within the layer, features whose `by` attribute has a value of `first` are placed before
    #: the others, in that order (the reception stations before the towns around them).
    by: str | None = None
    first: tuple[str, ...] = ()


@dataclass(frozen=True)
class LayerSpec:
    """One layer's declaration. See `layers/` for the instances."""

    id: str
    title: Mapping[str, str]
    geometry: str
    required: tuple[str, ...]
    style: Style
    tooltip: tuple[str, ...]
    source: str
    licence: str
    attribution: tuple[str, ...]  # each credit once; the map shows each distinct one once
    mission: bool = False  # one of the four layers the tool exists for
    visible: bool = True  # shown when the app opens
    caveat: Mapping[str, str] | None = None  # shown in the legend and sidebar
    #: Where the layer comes from: shipped in data/ ("bundled"), made at import from a user's file
    #: ("user", lives with that user's work only), computed by the analysis ("derived"), or read
    #: from a PostGIS table named in the configuration, a view at a time ("database", geo/database/).
    origin: Literal["bundled", "user", "derived", "database"] = "bundled"
    #: The layer's own controlled values, translated: attribute -> value -> {"es": ..., "en": ...}
    #: (its kinds, modes, stages, route names). Confidence, shared by every layer, is in geo/i18n/messages.
    vocabulary: Mapping[str, Mapping[str, Mapping[str, str]]] = field(default_factory=dict)
    #: Labels of the layer's own attribute names: attribute -> {"es": ..., "en": ...}. Generic names
    #: (name, source, confidence, valid_from...) are labelled once, in geo/i18n/messages.
    field_labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    #: The names written on the map, if any (None: none; the tooltip still shows them).
    labels: Labels | None = None

    def __post_init__(self) -> None:
        if self.geometry not in GEOMETRY_FAMILIES:
            raise ValueError(
                f"layer {self.id!r}: geometry must be one of {sorted(GEOMETRY_FAMILIES)}, got {self.geometry!r}"
            )
        if set(self.title) != {"es", "en"}:
            raise ValueError(f"layer {self.id!r}: title needs 'es' and 'en', got {sorted(self.title)}")
        if self.origin not in ORIGINS:
            raise ValueError(f"layer {self.id!r}: origin must be one of {ORIGINS}, got {self.origin!r}")
        promised = (*PROVENANCE_FIELDS, *PERIOD_FIELDS) if self.origin == "bundled" else PROVENANCE_FIELDS
        missing = [f for f in promised if f not in self.required]
        if missing:
            raise ValueError(f"layer {self.id!r}: required attributes must include {missing}")
        if isinstance(self.attribution, str) or not self.attribution:
            raise ValueError(f"layer {self.id!r}: attribution must be a non-empty tuple of credits")
        if self.caveat is not None and set(self.caveat) != {"es", "en"}:
            raise ValueError(f"layer {self.id!r}: caveat needs 'es' and 'en'")
        self._check_words()

    def _check_words(self) -> None:
        """The vocabulary and the attribute labels: every text in every language, same placeholders."""
        if self.origin in ("user", "database") and (self.vocabulary or self.field_labels):
            raise ValueError(
                f"layer {self.id!r}: a {self.origin} layer has no vocabulary; its values are shown as they are"
            )
        if "field" in self.vocabulary:
            raise ValueError(f"layer {self.id!r}: 'field' cannot have a vocabulary: field.* keys are attribute labels")
        for attribute, values in self.vocabulary.items():
            if not values:
                raise ValueError(f"layer {self.id!r}: the vocabulary of {attribute!r} is empty")
            for value, texts in values.items():
                _check_texts(self.id, f"vocabulary {attribute}={value}", texts)
        for attribute, texts in self.field_labels.items():
            _check_texts(self.id, f"label of {attribute!r}", texts)
        by = self.style.by
        if by in self.vocabulary:
            untranslated = sorted(set(self.style.palette) - set(self.vocabulary[by]))
            if untranslated:
                raise ValueError(
                    f"layer {self.id!r}: palette values {untranslated} have no vocabulary entry for {by!r}"
                )

    @property
    def data_file(self) -> str:
        """Name of the layer's data file in `data/`: always the layer id."""
        return f"{self.id}.geojson"

    def legend_entries(self) -> list[tuple[str, str]]:
        """(label key, colour) pairs: one per palette value, or one for the layer (the dash of
        each value is `style.dashes`)."""
        if self.style.by and self.style.palette:
            return [(value, color) for value, color in self.style.palette.items()]
        return [("", self.style.color)]
