"""Both languages completely (#15 item 5): numbers and dates as each language writes them, one
and many, Spanish agreement, and the texts the code itself writes into data and specs (credits,
the provenance of an uploaded file) said in the reader's language."""

from datetime import date

import geopandas as gpd
import pytest
from shapely.geometry import Point

from geo.i18n import label, t, vocabulary, written
from geo.i18n.formats import date_text, number
from geo.spec import DERIVED_LICENCE, PROJECT_ATTRIBUTION
from geo.webmap.build import attributions


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (1234.5, "es", 1, "1.234,5"),
        (1234.5, "en", 1, "1,234.5"),
        (1234567, "es", None, "1.234.567"),
        (1234567, "en", None, "1,234,567"),
        (-88.3249, "es", 2, "−88,32"),
        (0.5, "es", 1, "0,5"),
        (12, "es", None, "12"),
        (31.0, "es", None, "31"),
        (2.75, "en", None, "2.75"),
        (None, "es", 1, ""),
    ],
)
def test_a_number_is_written_as_its_language_writes_it(value, lang, decimals, expected):
    assert number(value, lang, decimals) == expected


def test_a_date_is_written_with_its_languages_month_name():
    assert date_text(date(2025, 5, 14), "es") == "14 may. 2025"
    assert date_text(date(2025, 5, 14), "en") == "14 May 2025"
    assert date_text("2022-11-25", "es") == "25 nov. 2022"


def test_numbers_in_a_message_are_written_in_its_language_but_years_are_not():
    assert t("app.features", "es", n=12345) == "12.345 elementos"
    assert t("app.features", "en", n=12345) == "12,345 features"
    assert t("app.crossings_no_year", "es", year=2023) == "No hay cifra publicada para 2023."


@pytest.mark.parametrize("lang", ["es", "en"])
def test_one_is_said_in_the_singular(lang):
    one, many = t("app.features", lang, n=1), t("app.features", lang, n=2)
    assert one.split()[1] != many.split()[1]
    assert t("draw.vertices", lang, n=1).split()[1] != t("draw.vertices", lang, n=3).split()[1]


def test_confidence_agrees_with_the_feminine_confianza():
    assert [label("confidence", c, "es") for c in ("official", "reported", "approximate", "illustrative")] == [
        "oficial",
        "reportada",
        "aproximada",
        "ilustrativa",
    ]


def test_the_projects_credit_and_the_derived_licence_are_said_in_spanish():
    assert "approximate" not in written(PROJECT_ATTRIBUTION, "es")
    assert "aproximadas" in written(PROJECT_ATTRIBUTION, "es")
    assert written(PROJECT_ATTRIBUTION, "en") == PROJECT_ATTRIBUTION
    assert written(DERIVED_LICENCE, "es").startswith("Derivada")
    assert written("a text nobody wrote in the catalogue", "es") == "a text nobody wrote in the catalogue"


def test_the_map_credits_are_in_the_maps_language(bundled):
    spanish = " ".join(attributions(bundled, "es"))
    assert "illustrative" not in spanish and "contributors" not in spanish
    assert "ilustrativas" in spanish and "Natural Earth" in spanish


def test_an_uploaded_files_provenance_is_shown_in_the_readers_language():
    from geo.importing.pipeline import _with_provenance

    frame = gpd.GeoDataFrame({"name": ["a"]}, geometry=[Point(-77.5, 8.2)], crs=4326)
    decisions = type("D", (), {"confidence": "reported"})()
    kept = _with_provenance(frame, "encuesta <b>.geojson", decisions)
    values = vocabulary(kept, "es")
    assert values["source"][kept["source"][0]] == "Archivo subido: encuesta <b>.geojson"
    assert "subió" in values["licence"][kept["licence"][0]]
    # In English the written text is the value itself: the info box shows it as it is.
    assert kept["source"][0] == "Uploaded file: encuesta <b>.geojson"
    assert "source" not in vocabulary(kept, "en")


def test_spanish_titles_and_caveats_of_derived_layers_agree_with_what_they_name():
    import layers

    for spec in layers.DERIVED:  # "Cruces … (derivada)" named the layer, not the crossings
        assert spec.title["es"].endswith("(capa derivada)"), spec.title["es"]
    gaps = next(s for s in layers.DERIVED if s.id == "coverage_gaps")
    assert gaps.caveat["es"].startswith("Calculadas") and "heredan" in gaps.caveat["es"]


def test_an_exports_human_readable_fields_are_in_the_exports_language(bundled):
    from geo.exporting.export import layer_metadata
    from geo.importing.pipeline import _spec
    from geo.load import Layer

    frame = gpd.GeoDataFrame({"name": ["a"]}, geometry=[Point(-77.5, 8.2)], crs=4326)
    mine = Layer(_spec("user_1_0_survey", {"es": "encuesta", "en": "survey"}, "Point", frame, 1), frame)
    spanish = layer_metadata(mine, "es")
    assert spanish["source"] == "Subido por quien usa el mapa"
    assert spanish["licence"] == "la que indique quien lo subió"
    assert spanish["attribution"] == ["Datos propios: survey"]
    routes = next(layer for layer in bundled if layer.spec.id == "migration_routes")
    assert any("capas aproximadas" in credit for credit in layer_metadata(routes, "es")["attribution"])
    assert layer_metadata(routes, "en")["attribution"][0] == PROJECT_ATTRIBUTION
