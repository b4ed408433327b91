"""Invariants over every registered layer: what the spec promises, the data keeps."""

from __future__ import annotations

import pytest
import shapely
from pyproj import CRS

import layers
from geo.errors import RegistryError, UnknownLayerError
from geo.i18n import LANGUAGES
from geo.load import load_layer
from geo.measure import CORRIDOR_BOUNDS
from geo.spec import CONFIDENCE_LEVELS, GEOMETRY_FAMILIES, PERIOD_FIELDS, PROVENANCE_FIELDS, LayerSpec, Style

SPECS = pytest.mark.parametrize("spec", layers.LAYERS, ids=lambda s: s.id)


@SPECS
def test_data_file_is_named_after_the_layer_and_loads_in_wgs84(spec):
    layer = load_layer(spec)
    assert spec.data_file == f"{spec.id}.geojson"
    assert CRS(layer.frame.crs) == CRS.from_epsg(4326)
    assert len(layer.frame) > 0


@SPECS
def test_geometries_are_valid_and_of_the_declared_type(spec, bundled):
    frame = next(layer.frame for layer in bundled if layer.spec is spec)
    allowed = GEOMETRY_FAMILIES[spec.geometry]
    for i, geom in enumerate(frame.geometry):
        assert geom is not None and not geom.is_empty, f"feature {i} has no geometry"
        assert geom.geom_type in allowed, f"feature {i}: {geom.geom_type}"
        assert geom.is_valid, f"feature {i}: {shapely.is_valid_reason(geom)}"


@SPECS
def test_every_feature_has_the_required_attributes_and_provenance(spec, bundled):
    frame = next(layer.frame for layer in bundled if layer.spec is spec)
    for field in spec.required:
        assert field in frame.columns, field
    for field in PROVENANCE_FIELDS:
        assert frame[field].map(lambda v: isinstance(v, str) and v.strip() != "").all(), f"a feature lacks {field}"
    assert frame["confidence"].isin(CONFIDENCE_LEVELS).all()


ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"


@SPECS
def test_every_feature_states_its_period_as_iso_dates_or_open(spec, bundled):
    frame = next(layer.frame for layer in bundled if layer.spec is spec)
    for field in PERIOD_FIELDS:
        present = frame[field].dropna().astype(str)
        assert present.str.match(ISO_DATE).all(), f"{field} not an ISO date"
    both = frame.dropna(subset=list(PERIOD_FIELDS))
    assert (both["valid_from"].astype(str) <= both["valid_to"].astype(str)).all()


@SPECS
def test_features_lie_inside_the_corridor_box(spec, bundled):
    frame = next(layer.frame for layer in bundled if layer.spec is spec)
    minx, miny, maxx, maxy = frame.total_bounds
    bminx, bminy, bmaxx, bmaxy = CORRIDOR_BOUNDS
    assert bminx <= minx and bminy <= miny and maxx <= bmaxx and maxy <= bmaxy


@SPECS
def test_style_works_on_the_first_feature_and_colours_every_category(spec, bundled):
    frame = next(layer.frame for layer in bundled if layer.spec is spec)
    first = frame.drop(columns="geometry").iloc[0].to_dict()
    style = spec.style.for_feature(first)
    assert style["color"].startswith("#") and style["weight"] > 0
    if spec.style.by:
        assert set(frame[spec.style.by]) <= set(spec.style.palette), "a category has no colour"


@SPECS
def test_approximate_and_illustrative_features_say_so(spec, bundled):
    frame = next(layer.frame for layer in bundled if layer.spec is spec)
    uncertain = frame[frame["confidence"].isin(["approximate", "illustrative"])]
    if len(uncertain):
        assert "caveat" in frame.columns
        assert uncertain["caveat"].map(lambda v: isinstance(v, str) and len(v) > 10).all()
        style = spec.style.for_feature(uncertain.drop(columns="geometry").iloc[0].to_dict())
        assert style.get("dashArray"), "uncertain geometry must be drawn dashed or dotted"


@SPECS
def test_titles_and_tooltips_are_declared(spec, bundled):
    frame = next(layer.frame for layer in bundled if layer.spec is spec)
    assert all(spec.title[lang].strip() for lang in LANGUAGES)
    assert set(spec.tooltip) <= set(frame.columns), "tooltip names a field the data lacks"
    assert spec.attribution and spec.licence and spec.source


def test_the_four_mission_layers_are_registered():
    assert {s.id for s in layers.LAYERS if s.mission} == {
        "migration_routes",
        "darien_national_park",
        "patrol_zones",
        "reception_communities",
    }


def test_a_duplicate_id_fails_loudly():
    with pytest.raises(RegistryError, match="countries"):
        layers._index((layers.COUNTRIES, layers.COUNTRIES))


def test_an_unknown_id_names_the_known_ones():
    with pytest.raises(UnknownLayerError, match="migration_routes"):
        layers.get("no_such_layer")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"geometry": "Polygonz"}, "geometry must be one of"),
        ({"title": {"es": "solo"}}, "title needs"),
        ({"required": ("name",)}, "must include"),
        ({"attribution": "a string"}, "tuple of credits"),
        ({"origin": "uploaded"}, "origin must be one of"),
    ],
)
def test_a_malformed_declaration_is_refused_with_its_reason(change, message):
    fields = {
        "id": "x",
        "title": {"es": "x", "en": "x"},
        "geometry": "Point",
        "required": ("source", "confidence", "licence", "valid_from", "valid_to"),
        "style": Style(color="#000"),
        "tooltip": (),
        "source": "s",
        "licence": "l",
        "attribution": ("a",),
    }
    with pytest.raises(ValueError, match=message):
        LayerSpec(**(fields | change))
