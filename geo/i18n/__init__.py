"""Every text the app shows, in Spanish (the default) and in English.

Interface messages and what every layer shares (confidence levels, generic
attribute names such as `name` or `source`) are data, not code: one catalogue
per language, `messages/<lang>.json`, a flat `{"key": "text"}` a translator
edits without reading Python. What belongs to one layer (its kinds, modes,
stages, route names, the labels of its own attributes) is declared with that
layer in `layers/<id>.py` (`LayerSpec.vocabulary`, `LayerSpec.field_labels`)
and merged in by the registry (`layers.MESSAGES`), so a new layer brings its
own words and edits no central file.

>>> t("app.title", "en")
'Darién corridor map'
>>> t("app.features", "es", n=3)
'3 elementos'
>>> t("no.such.key", "es")
'no.such.key'
>>> label("mode", "river_boat", "es")
'lancha fluvial'
>>> label("mode", "hovercraft", "en"), label("kind", None, "en")
('hovercraft', '')
>>> field_label("pop_max", "en"), field_label("my_survey_column", "en")
('Population', 'my_survey_column')
"""

from __future__ import annotations

import functools

from geo.i18n.catalogue import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    SHARED_VOCABULARY_FIELDS,
    catalogue,
    read_catalogue,
)

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "field_label",
    "label",
    "read_catalogue",
    "t",
    "vocabulary",
    "vocabulary_fields",
]


@functools.cache
def _texts() -> dict[str, dict[str, str]]:
    """lang -> key -> text: the catalogues with every registered layer's words."""
    # The registry (layers/) is above the core: it is read when first needed, never at import.
    import layers

    texts = {lang: dict(catalogue(lang)) for lang in LANGUAGES}
    for key, entry in layers.MESSAGES.items():
        for lang in LANGUAGES:
            texts[lang][key] = entry[lang]
    return texts


@functools.cache
def vocabulary_fields() -> tuple[str, ...]:
    """Attributes whose values are translated: confidence, and every attribute a registered layer
    gives a vocabulary (kind, mode, stage, route...)."""
    import layers

    declared = (attribute for spec in layers.BY_ID.values() for attribute in spec.vocabulary)
    return tuple(dict.fromkeys((*SHARED_VOCABULARY_FIELDS, *declared)))


def _text(key: str, lang: str) -> str | None:
    texts = _texts()
    return texts.get(lang, {}).get(key) or texts[DEFAULT_LANGUAGE].get(key)


def t(key: str, lang: str, **values: object) -> str:
    """The text for `key` in `lang`, with `{name}` placeholders filled.

    An unknown key comes back as itself, so a missing entry is visible on the
    page (and caught by the completeness test) instead of crashing the app.
    """
    text = _text(key, lang)
    if text is None:
        return key
    return text.format(**values) if values else text


def field_label(field: str, lang: str) -> str:
    """Human label of an attribute name; the name itself when we have none."""
    return _text(f"field.{field}", lang) or field


def label(field: str, value: object, lang: str) -> str:
    """Translated value of a controlled vocabulary (mode, kind, confidence...), else the value."""
    text = _text(f"{field}.{value}", lang)
    if text is not None:
        return text
    return "" if value is None else str(value)


def vocabulary(frame, lang: str) -> dict[str, dict[str, str]]:
    """For each vocabulary field of `frame` (a DataFrame), its values present there and
    known here, translated: what the map's info boxes need to show values in `lang`."""
    out = {}
    for field in vocabulary_fields():
        if field in frame:
            present = {str(v) for v in frame[field].dropna().unique()}
            out[field] = {v: text for v in present if (text := _text(f"{field}.{v}", lang)) is not None}
    return out


def __getattr__(name: str):
    # The former table module's constant, kept for its callers: it needs the registry, so it is made when asked.
    if name == "VOCABULARY_FIELDS":
        return vocabulary_fields()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
