"""Invariants over every registered layer: what the spec promises, the data keeps."""

from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

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
        ({"vocabulary": {"kind": {"well": {"es": "pozo"}}}}, "vocabulary kind=well needs 'es' and 'en'"),
        ({"vocabulary": {"kind": {"well": {"es": "pozo", "en": " "}}}}, "has an empty text"),
        ({"vocabulary": {"kind": {}}}, "vocabulary of 'kind' is empty"),
        ({"vocabulary": {"field": {"x": {"es": "x", "en": "x"}}}}, "'field' cannot have a vocabulary"),
        ({"field_labels": {"depth": {"es": "Prof. ({unit})", "en": "Depth"}}}, "different placeholders"),
        ({"field_labels": {"depth": {"es": "Prof. {", "en": "Depth {"}}}, "not a valid text"),
        (
            {"field_labels": {"depth": {"es": "Prof.", "en": "Depth"}}, "origin": "user"},
            "a user layer has no vocabulary",
        ),
        (
            {
                "style": Style(color="#000", by="kind", palette={"well": "#111", "pump": "#222"}),
                "vocabulary": {"kind": {"well": {"es": "pozo", "en": "well"}}},
            },
            r"palette values \['pump'\] have no vocabulary",
        ),
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


# --- a made-up layer, added the way the README says: one module, one data file, one registration ---

TEST_WELLS_MODULE = '''"""Test wells: a made-up layer, declared like any other."""

from geo.spec import LayerSpec, Style

TEST_WELLS = LayerSpec(
    id="test_wells",
    title={"es": "Pozos de prueba", "en": "Test wells"},
    geometry="Point",
    required=("name", "kind", "depth_m", "source", "confidence", "licence", "valid_from", "valid_to"),
    style=Style(color="#0d47a1", radius=5, fill_opacity=0.9, by="kind", palette={"borehole": "#0d47a1", "dug": "#4fc3f7"}),
    tooltip=("name", "kind", "depth_m"),
    source="Made up for the registry test",
    licence="CC0 1.0",
    attribution=("Registry test wells",),
    vocabulary={
        "kind": {
            "borehole": {"es": "pozo perforado", "en": "borehole"},
            "dug": {"es": "pozo excavado a mano", "en": "hand-dug well"},
        },
    },
    field_labels={"depth_m": {"es": "Profundidad (m)", "en": "Depth (m)"}},
)
'''


def _well(name: str, kind: str, depth: float, lon: float, lat: float) -> dict:
    provenance = {"source": "made up", "confidence": "reported", "licence": "CC0 1.0"}
    period = {"valid_from": "2024-01-01", "valid_to": None}
    return {
        "type": "Feature",
        "properties": {"name": name, "kind": kind, "depth_m": depth, **provenance, **period},
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
    }


TEST_WELLS_DATA = {
    "type": "FeatureCollection",
    "features": [
        _well("Pozo Yaviza", "borehole", 42.5, -77.69, 8.16),
        _well("Pozo Metetí", "dug", 7.0, -78.12, 8.50),
        _well("Pozo Unguía", "borehole", 30.0, -77.09, 8.04),
    ],
}

#: What the subprocess proves, with the copy's packages first on the path: the layer loads and
#: validates, speaks both languages, is drawn with its title and legend, and is exported.
PROBE = """
import json
import re
import geo, layers
from geo.exporting.export import export
from geo.i18n import field_label, label
from geo.load import load_layers
from geo.webmap.build import build_map


def in_legend(page, text, colour):
    # A legend entry as the legend's JSON holds it: its label and its colour, in either order.
    text_re, colour_re = (re.escape(json.dumps(v, ensure_ascii=False)) for v in (text, colour))
    pair = [f'"label":\\s*{text_re}', f'"color":\\s*{colour_re}']
    return any(re.search(f"[{{]\\s*{a},\\s*{b}\\s*[}}]", page) for a, b in (pair, pair[::-1]))


spec = layers.BY_ID["test_wells"]
shown = load_layers(layers.LAYERS)
pages = {lang: build_map(shown, lang).get_root().render() for lang in ("es", "en")}
doc = json.loads(export(shown, "geojson", "en").data)
print(json.dumps({
    "packages": [geo.__file__, layers.__file__],
    "loaded": [layer.spec.id for layer in shown],
    "kind": {lang: [label("kind", k, lang) for k in ("borehole", "dug")] for lang in pages},
    "field": {lang: field_label("depth_m", lang) for lang in pages},
    "title_on_map": {lang: json.dumps(spec.title[lang], ensure_ascii=False) in page for lang, page in pages.items()},
    "legend": {
        lang: [k for k, colour in spec.style.palette.items() if in_legend(page, label("kind", k, lang), colour)]
        for lang, page in pages.items()
    },
    "exported": [f["properties"] for f in doc["features"] if f["properties"].get("layer") == "test_wells"],
}))
"""

COPIED = ("geo", "layers", "data", "ui", "app.py", "pyproject.toml")


def _tree(root: Path) -> dict[str, bytes]:
    files = (p for name in COPIED for p in ([root / name] if (root / name).is_file() else (root / name).rglob("*")))
    return {
        p.relative_to(root).as_posix(): p.read_bytes() for p in files if p.is_file() and "__pycache__" not in p.parts
    }


def test_a_new_layer_needs_its_module_its_data_and_its_registration_only(tmp_path):
    root = Path(__file__).resolve().parent.parent
    copy = tmp_path / "project"
    for name in COPIED:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, copy / name)
    before = _tree(copy)

    (copy / "layers" / "test_wells.py").write_text(TEST_WELLS_MODULE, encoding="utf-8")
    (copy / "data" / "test_wells.geojson").write_text(json.dumps(TEST_WELLS_DATA, ensure_ascii=False), encoding="utf-8")
    registry = copy / "layers" / "__init__.py"
    text = registry.read_text(encoding="utf-8")
    assert text.count("    RECEPTION_COMMUNITIES,\n)") == 1 and text.count("from layers.towns import TOWNS\n") == 1
    # The registry is an explicit list (import, then entry): those two lines are the registration.
    text = text.replace(
        "from layers.towns import TOWNS\n", "from layers.towns import TOWNS\nfrom layers.test_wells import TEST_WELLS\n"
    )
    text = text.replace("    RECEPTION_COMMUNITIES,\n)", "    RECEPTION_COMMUNITIES,\n    TEST_WELLS,\n)")
    registry.write_text(text, encoding="utf-8")

    env = {**os.environ, "PYTHONPATH": str(copy), "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=copy, env=env, capture_output=True, text=True, check=False, timeout=300
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])

    assert all(Path(p).resolve().is_relative_to(copy.resolve()) for p in found["packages"]), found["packages"]
    assert found["loaded"][-1] == "test_wells"
    assert found["kind"] == {"es": ["pozo perforado", "pozo excavado a mano"], "en": ["borehole", "hand-dug well"]}
    assert found["field"] == {"es": "Profundidad (m)", "en": "Depth (m)"}
    assert found["title_on_map"] == {"es": True, "en": True}
    assert found["legend"] == {"es": ["borehole", "dug"], "en": ["borehole", "dug"]}
    assert [(f["name"], f["kind"], f["depth_m"]) for f in found["exported"]] == [
        (f["properties"]["name"], f["properties"]["kind"], f["properties"]["depth_m"])
        for f in TEST_WELLS_DATA["features"]
    ]

    after = _tree(copy)
    changed = sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))
    assert changed == ["data/test_wells.geojson", "layers/__init__.py", "layers/test_wells.py"]
    diff = [
        line
        for line in difflib.unified_diff(
            before["layers/__init__.py"].decode().splitlines(), after["layers/__init__.py"].decode().splitlines(), n=0
        )
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert diff == ["+from layers.test_wells import TEST_WELLS", "+    TEST_WELLS,"]
