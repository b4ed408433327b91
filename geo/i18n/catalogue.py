"""The catalogues: one flat `{"key": "text"}` JSON file per language in `messages/`.

This module reads them and knows nothing else of the project (no layer, no error class),
so every other module may use it: geo.errors for its texts, geo.spec for the languages,
the layer registry to check what layers declare against it.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from importlib import resources

LANGUAGES = ("es", "en")
DEFAULT_LANGUAGE = "es"

#: Attributes whose values the catalogue itself translates; each layer adds its own (LayerSpec.vocabulary).
#: Besides confidence, the period columns every bundled feature carries (data/README.md): how precise
#: each bound is (day, month, year) and what it rests on (stated, attested, open, unknown).
SHARED_VOCABULARY_FIELDS = (
    "confidence",
    "valid_from_precision",
    "valid_to_precision",
    "valid_from_basis",
    "valid_to_basis",
)


def read_catalogue(lang: str) -> dict[str, str]:
    """`messages/<lang>.json` as shipped: key -> text. A key written twice is refused (ValueError)."""
    text = resources.files("geo.i18n").joinpath("messages", f"{lang}.json").read_text(encoding="utf-8")
    return json.loads(text, object_pairs_hook=_refuse_duplicates)


def _refuse_duplicates(pairs: list[tuple[str, object]]) -> dict:
    """json.loads would keep the last of two equal keys, silently.

    >>> json.loads('{"app.title": "a", "app.title": "b"}', object_pairs_hook=_refuse_duplicates)
    Traceback (most recent call last):
    ValueError: the catalogue gives the key 'app.title' twice
    """
    seen: dict = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(f"the catalogue gives the key {key!r} twice")
        seen[key] = value
    return seen


@functools.cache
def catalogue(lang: str) -> Mapping[str, str]:
    return read_catalogue(lang)


def text(key: str, lang: str, **values: object) -> str | None:
    """The catalogue's text for `key` in `lang` (else in the default language), placeholders
    filled; None when the catalogue has no such key. Layer words are not here: see geo.i18n.t."""
    entry = catalogue(lang).get(key) or catalogue(DEFAULT_LANGUAGE).get(key)
    if entry is None:
        return None
    return entry.format(**values) if values else entry
