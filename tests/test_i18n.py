"""One translation table, Spanish and English complete."""

import re
import string

import pytest

import layers
from geo.i18n import LANGUAGES, TEXT, VOCABULARY_FIELDS, field_label, label, t


@pytest.mark.parametrize("key", sorted(TEXT))
def test_every_entry_has_every_language_with_the_same_placeholders(key):
    entry = TEXT[key]
    assert set(entry) == set(LANGUAGES)
    assert all(entry[lang].strip() for lang in LANGUAGES)
    fields = [{f for _, f, _, _ in string.Formatter().parse(entry[lang]) if f} for lang in LANGUAGES]
    assert all(f == fields[0] for f in fields), "placeholders differ between languages"


def test_placeholders_are_filled():
    assert t("app.features", "en", n=3) == "3 features"
    assert t("app.features", "es", n=3) == "3 elementos"


def test_every_vocabulary_value_in_the_bundled_data_is_translated(bundled):
    missing = []
    for layer in bundled:
        for field in VOCABULARY_FIELDS:
            if field in layer.frame:
                for value in set(layer.frame[field].dropna().astype(str)):
                    if f"{field}.{value}" not in TEXT:
                        missing.append(f"{layer.spec.id}.{field}={value}")
    assert missing == []


def test_every_tooltip_field_has_a_label_in_both_languages():
    fields = {f for spec in layers.LAYERS for f in (*spec.tooltip, "source", "confidence", "caveat")}
    for field in fields:
        assert f"field.{field}" in TEXT, field


def test_unknown_names_fall_back_to_themselves():
    assert field_label("my_survey_column", "es") == "my_survey_column"
    assert label("mode", "hovercraft", "en") == "hovercraft"


def test_spanish_and_english_differ_where_they_should():
    assert t("app.title", "es") != t("app.title", "en")
    assert re.search(r"Darién", t("app.title", "es"))


def test_every_error_raised_with_a_key_has_its_text_in_both_languages():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "geo"
    keys = {k for path in root.rglob("*.py") for k in re.findall(r"[(\s,]key=\"(\w+)\"", path.read_text())}
    assert len(keys) >= 42
    assert sorted(k for k in keys if f"error.{k}" not in TEXT) == []
