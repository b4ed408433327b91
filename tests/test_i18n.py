"""Every text in Spanish and English: the catalogues (geo/i18n/messages/) and every layer's own words."""

import json
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

import layers
from geo.errors import RegistryError
from geo.i18n import (
    LANGUAGES,
    VOCABULARY_FIELDS,
    field_label,
    label,
    read_catalogue,
    t,
)
from geo.spec import LayerSpec, Style
from layers import declared_messages, layer_messages

ROOT = Path(__file__).resolve().parent.parent
MESSAGES_DIR = ROOT / "geo" / "i18n" / "messages"


def _refuse_duplicates(pairs):
    seen = {}
    for key, value in pairs:
        assert key not in seen, f"the key {key!r} is written twice"
        seen[key] = value
    return seen


def _read(lang: str, **options) -> dict:
    return json.loads((MESSAGES_DIR / f"{lang}.json").read_text(encoding="utf-8"), **options)


CATALOGUES = {lang: _read(lang) for lang in LANGUAGES}
KNOWN = {key for catalogue in CATALOGUES.values() for key in catalogue} | set(layers.MESSAGES)


def _layer_texts():
    """(where, texts) for every text a registered layer declares: title, caveat, vocabulary, labels."""
    for spec in layers.BY_ID.values():
        yield f"{spec.id}: title", spec.title
        if spec.caveat:
            yield f"{spec.id}: caveat", spec.caveat
        for key, texts in declared_messages(spec).items():
            yield f"{spec.id}: {key}", texts


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


# --- the catalogue files ----------------------------------------------------------------------


def test_there_is_one_catalogue_per_language_and_nothing_else():
    assert sorted(p.name for p in MESSAGES_DIR.iterdir()) == sorted(f"{lang}.json" for lang in LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_catalogue_is_flat_sorted_json_in_utf8_with_two_space_indent(lang):
    text = (MESSAGES_DIR / f"{lang}.json").read_bytes().decode("utf-8")
    # json.loads alone would keep the last of two equal keys, silently.
    catalogue = _read(lang, object_pairs_hook=_refuse_duplicates)
    assert all(isinstance(key, str) and isinstance(value, str) for key, value in catalogue.items())
    assert list(catalogue) == sorted(catalogue), "keys are not sorted"
    # Written exactly as json.dumps writes it, so that a translator's edit is a one-line diff.
    assert text == json.dumps(catalogue, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_a_duplicate_key_in_a_catalogue_is_caught():
    with pytest.raises(AssertionError, match=r"'app\.title' is written twice"):
        json.loads('{"app.title": "a", "app.title": "b"}', object_pairs_hook=_refuse_duplicates)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_app_reads_the_catalogue_as_written(lang):
    assert read_catalogue(lang) == CATALOGUES[lang]


def test_every_key_is_in_every_language():
    keys = {lang: set(catalogue) for lang, catalogue in CATALOGUES.items()}
    for lang in LANGUAGES:
        assert keys[lang] == keys[LANGUAGES[0]], f"{lang}: {sorted(keys[lang] ^ keys[LANGUAGES[0]])}"


@pytest.mark.parametrize("key", sorted(CATALOGUES[LANGUAGES[0]]))
def test_every_catalogue_text_is_written_with_the_same_placeholders(key):
    texts = [CATALOGUES[lang].get(key, "") for lang in LANGUAGES]
    assert all(text.strip() for text in texts)
    assert all(_placeholders(text) == _placeholders(texts[0]) for text in texts), "placeholders differ"


# --- every layer's own words ------------------------------------------------------------------


@pytest.mark.parametrize("texts", [pytest.param(texts, id=where) for where, texts in _layer_texts()])
def test_every_layer_text_is_in_every_language_with_the_same_placeholders(texts):
    assert set(texts) == set(LANGUAGES)
    assert all(texts[lang].strip() for lang in LANGUAGES)
    assert all(_placeholders(texts[lang]) == _placeholders(texts[LANGUAGES[0]]) for lang in LANGUAGES)


@pytest.mark.parametrize("spec", layers.BY_ID.values(), ids=lambda s: s.id)
def test_a_layers_words_are_what_label_and_field_label_answer(spec):
    for lang in LANGUAGES:
        for attribute, values in spec.vocabulary.items():
            for value, texts in values.items():
                assert label(attribute, value, lang) == texts[lang]
        for attribute, texts in spec.field_labels.items():
            assert field_label(attribute, lang) == texts[lang]


def test_the_vocabulary_fields_are_the_shared_ones_and_what_the_layers_declare():
    assert VOCABULARY_FIELDS[0] == "confidence"
    period = {"valid_from_precision", "valid_to_precision", "valid_from_basis", "valid_to_basis"}
    assert set(VOCABULARY_FIELDS) == {"confidence", *period, "kind", "mode", "stage", "route", "direction"}


def test_every_period_precision_and_basis_is_said_in_both_languages():
    for bound in ("from", "to"):
        assert [label(f"valid_{bound}_precision", p, "es") for p in ("day", "month", "year")] == ["día", "mes", "año"]
        bases = ("stated", "attested", "open", "unknown") if bound == "to" else ("stated", "attested")
        for basis in bases:
            assert label(f"valid_{bound}_basis", basis, "es") != label(f"valid_{bound}_basis", basis, "en") != basis
    assert field_label("valid_to_basis", "en") == "Valid to: basis"


def test_every_attribute_of_the_bundled_data_has_a_label_in_both_languages(bundled):
    unlabelled = {
        f"{layer.spec.id}.{column}"
        for layer in bundled
        for column in layer.frame.columns
        if column != layer.frame.geometry.name and f"field.{column}" not in KNOWN
    }
    assert sorted(unlabelled) == []


def test_every_vocabulary_value_in_the_bundled_data_is_translated(bundled):
    missing = []
    for layer in bundled:
        for field in VOCABULARY_FIELDS:
            if field in layer.frame:
                for value in set(layer.frame[field].dropna().astype(str)):
                    if f"{field}.{value}" not in KNOWN:
                        missing.append(f"{layer.spec.id}.{field}={value}")
    assert missing == []


@pytest.mark.parametrize("spec", layers.BY_ID.values(), ids=lambda s: s.id)
def test_every_coloured_value_has_a_legend_label(spec):
    if spec.style.by in VOCABULARY_FIELDS:
        assert [v for v in spec.style.palette if f"{spec.style.by}.{v}" not in KNOWN] == []


def test_every_tooltip_field_has_a_label_in_both_languages():
    fields = {f for spec in layers.BY_ID.values() for f in (*spec.tooltip, "source", "confidence", "caveat")}
    assert sorted(f for f in fields if f"field.{f}" not in KNOWN) == []


# --- where two declarations meet --------------------------------------------------------------


def _spec(layer_id: str, **words) -> LayerSpec:
    return LayerSpec(
        id=layer_id,
        title={"es": layer_id, "en": layer_id},
        geometry="Point",
        required=("source", "confidence", "licence", "valid_from", "valid_to"),
        style=Style(color="#000"),
        tooltip=(),
        source="s",
        licence="l",
        attribution=("a",),
        **words,
    )


WELL = {"well": {"es": "pozo", "en": "well"}}


def test_two_layers_may_declare_one_value_when_they_agree():
    merged = layer_messages([_spec("a", vocabulary={"kind": WELL}), _spec("b", vocabulary={"kind": WELL})])
    assert merged == {"kind.well": {"es": "pozo", "en": "well"}}


def test_two_layers_that_translate_one_value_differently_fail_loudly():
    other = {"well": {"es": "aljibe", "en": "well"}}
    with pytest.raises(RegistryError, match=r"layers 'a' and 'b' translate 'kind\.well' differently"):
        layer_messages([_spec("a", vocabulary={"kind": WELL}), _spec("b", vocabulary={"kind": other})])


@pytest.mark.parametrize(
    "words",
    [
        {"vocabulary": {"confidence": {"official": {"es": "oficialísimo", "en": "most official"}}}},
        {"field_labels": {"source": {"es": "Origen", "en": "Origin"}}},
    ],
)
def test_a_layer_cannot_redefine_a_catalogue_text(words):
    with pytest.raises(RegistryError, match="geo/i18n/messages already has"):
        layer_messages([_spec("a", **words)])


def test_the_registry_merges_every_layers_words():
    assert layer_messages(layers.BY_ID.values()) == layers.MESSAGES
    assert layers.MESSAGES["kind.enter"] == {"es": "entra", "en": "enters"}  # a derived layer's
    assert not set(layers.MESSAGES) & set(CATALOGUES[LANGUAGES[0]])


@pytest.mark.parametrize(
    "first",
    ["import geo.i18n", "import geo.spec", "import layers", "from geo.errors import GeoError; GeoError(key='empty')"],
)
def test_the_modules_import_in_any_order(first):
    code = f"{first}\nimport layers\nfrom geo.i18n import label\nassert label('mode', 'foot', 'en') == 'on foot'\n"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_the_translations_do_not_load_the_registry_at_import():
    code = "import sys, geo.i18n\nassert 'layers' not in sys.modules\n"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


# --- lookups ----------------------------------------------------------------------------------


def test_placeholders_are_filled():
    assert t("app.features", "en", n=3) == "3 features"
    assert t("app.features", "es", n=3) == "3 elementos"


def test_unknown_names_fall_back_to_themselves():
    assert field_label("my_survey_column", "es") == "my_survey_column"
    assert label("mode", "hovercraft", "en") == "hovercraft"


def test_spanish_and_english_differ_where_they_should():
    assert t("app.title", "es") != t("app.title", "en")
    assert re.search(r"Darién", t("app.title", "es"))


def test_every_error_raised_with_a_key_has_its_text_in_both_languages():
    root = ROOT / "geo"
    keys = {k for path in root.rglob("*.py") for k in re.findall(r"[(\s,]key=\"(\w+)\"", path.read_text())}
    assert len(keys) >= 42
    for lang in LANGUAGES:
        assert sorted(k for k in keys if f"error.{k}" not in CATALOGUES[lang]) == [], lang
