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
import numbers
import re

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
    "written",
]

#: Placeholders that are numbers but never grouped (2023, not 2.023).
UNGROUPED = frozenset({"year"})

#: Attributes whose values may be a text the code itself wrote (an uploaded file's provenance),
#: shown in the reader's language (`written`).
WRITTEN_FIELDS = ("source", "licence")


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
    n = values.get("n")
    text = (_text(f"{key}.one", lang) if n == 1 else None) or _text(key, lang)
    if text is None:
        return key
    return text.format(**_formatted(values, lang)) if values else text


def _formatted(values: dict, lang: str) -> dict:
    """Numbers written as `lang` writes them (geo.i18n.formats.number); years and texts as they are."""
    from geo.i18n.formats import number

    return {
        name: number(v, lang)
        if isinstance(v, numbers.Real) and not isinstance(v, bool) and name not in UNGROUPED
        else v
        for name, v in values.items()
    }


@functools.cache
def _written_patterns() -> tuple[tuple[re.Pattern, str], ...]:
    """(the English text as a pattern, its key) for every `written.*` text of the catalogue."""
    out = []
    for key, english in catalogue("en").items():
        if key.startswith("written."):
            parts = re.split(r"\{(\w+)\}", english)
            pattern = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+)" for i, p in enumerate(parts))
            out.append((re.compile(pattern + r"\Z", re.DOTALL), key))
    return tuple(out)


def written(text: object, lang: str) -> str:
    """A text the code writes in English into specs and data (a credit, a licence, an uploaded
    file's provenance; the catalogue's `written.*` keys) said in `lang`; any other text as it is.

    >>> written("Uploaded file: survey.csv", "es")
    'Archivo subido: survey.csv'
    >>> written("Natural Earth", "es")
    'Natural Earth'
    """
    if not isinstance(text, str):
        return "" if text is None else str(text)
    for pattern, key in _written_patterns():
        match = pattern.match(text)
        if match:
            return t(key, lang, **match.groupdict())
    return text


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
    for field in WRITTEN_FIELDS:
        if field in frame:
            present = {v for v in frame[field].dropna().unique() if isinstance(v, str)}
            said = {v: text for v in present if (text := written(v, lang)) != v}
            if said:
                out[field] = said
    return out


def __getattr__(name: str):
    # The former table module's constant, kept for its callers: it needs the registry, so it is made when asked.
    if name == "VOCABULARY_FIELDS":
        return vocabulary_fields()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
