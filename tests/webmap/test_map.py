"""The map page: offline assets, every layer drawn, hostile values inert."""

from __future__ import annotations

import json
import re

import geopandas as gpd
import pytest
from shapely import Point, Polygon

from geo.load import Layer
from geo.spec import LayerSpec, Style
from geo.webmap.build import BASEMAPS, attributions, build_map, legend_items

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>alert(2)</script>"
JINJA_EXPR = "{{ 7*7 }}"
JINJA_STMT = "{% for i in range(3) %}X{% endfor %}"
HOSTILE_VALUES = (IMG, SCRIPT, JINJA_EXPR, JINJA_STMT)


def hostile_layer(geometry="Point") -> Layer:
    """A layer whose title, credit, attribute names and values all carry payloads."""
    spec = LayerSpec(
        id="hostile",
        title={"es": f"Capa {IMG}", "en": f"Layer {IMG}"},
        geometry=geometry,
        required=("source", "confidence", "licence", "valid_from", "valid_to"),
        style=Style(color="#ff00ff", radius=12, fill_opacity=0.8),
        tooltip=("name", IMG, JINJA_EXPR),
        source=SCRIPT,
        licence="CC0",
        attribution=(f"credit {IMG}",),
    )
    geom = (
        Point(-77.6, 8.3) if geometry == "Point" else Polygon([(-77.8, 8.1), (-77.4, 8.1), (-77.4, 8.5), (-77.8, 8.1)])
    )
    frame = gpd.GeoDataFrame(
        {
            "name": [IMG],
            IMG: [SCRIPT],
            JINJA_EXPR: [JINJA_STMT],
            "source": [JINJA_EXPR],
            "confidence": ["reported"],
            "licence": ["CC0"],
        },
        geometry=[geom],
        crs="EPSG:4326",
    )
    return Layer(spec, frame)


def render(layers, **kwargs) -> str:
    return build_map(layers, **kwargs).get_root().render()


def test_default_map_loads_only_leaflet_from_the_app_itself(bundled):
    page = render(bundled)
    urls = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert sorted(urls) == [
        "/app/static/vendor/leaflet-1.9.3/leaflet.css",
        "/app/static/vendor/leaflet-1.9.3/leaflet.js",
    ]
    for url, _attribution in (v for v in BASEMAPS.values() if v):
        assert url not in page


@pytest.mark.parametrize("basemap", ["osm", "imagery", "topo"])
def test_an_online_basemap_is_added_only_when_chosen(bundled, basemap):
    page = render(bundled[:1], basemap=basemap)
    assert BASEMAPS[basemap][0] in page


def test_an_unknown_basemap_is_refused():
    with pytest.raises(ValueError, match="basemap must be one of"):
        build_map([], basemap="google")


def test_every_layer_and_feature_reaches_the_page(bundled):
    fmap = build_map(bundled)
    names = [child.layer_name for child in fmap._children.values() if hasattr(child, "data")]
    assert len(names) == len(bundled)
    for child, layer in zip((c for c in fmap._children.values() if hasattr(c, "data")), bundled):
        assert len(child.data["features"]) == len(layer.frame)


def test_switching_a_layer_off_removes_it_from_the_page(bundled):
    without = [layer for layer in bundled if layer.spec.id != "patrol_zones"]
    assert '"agency"' in render(bundled)
    assert '"agency"' not in render(without)


def test_legend_shows_each_category_present_and_every_caveat(bundled):
    items = {item["title"]: item for item in legend_items(bundled, "en")}
    routes = items["Migration routes"]
    assert {e["label"] for e in routes["entries"]} == {"boat", "on foot", "river boat", "bus"}
    assert routes["caveat"].startswith("Approximate path")
    assert items["Patrol zones"]["caveat"] == "Illustrative scenario: these are not real patrol sectors."
    assert items["Darién National Park"]["caveat"] == "Approximate, not an official boundary."
    assert items["Darién National Park"]["dash"]


def test_attribution_lists_each_credit_once(bundled):
    credits = attributions(bundled)
    assert credits.count("Natural Earth") == 1
    assert "© OpenStreetMap contributors, ODbL" in credits


def test_hostile_values_never_appear_as_markup_or_template_code():
    page = render([hostile_layer()])
    lowered = page.lower()
    assert "<img src=x" not in lowered
    assert "<script>alert" not in lowered
    assert "{{ 7*7" not in page and "{% for" not in page


def test_template_code_in_values_is_never_evaluated_and_values_arrive_unchanged():
    page = render([hostile_layer()])
    assert "XXX" not in page and '"49"' not in page
    info = json.loads(re.search(r"window\.dcOnEachFeature\((\{.*?\})\);\n", page, re.S).group(1))
    assert info["properties"][0] == {
        "name": IMG,
        IMG: SCRIPT,
        JINJA_EXPR: JINJA_STMT,
        "source": JINJA_EXPR,
        "confidence": "reported",
        "licence": "CC0",
    }
    assert info["labels"][IMG] == IMG and info["title"] == f"Capa {IMG}"


def test_names_leaflet_inserts_as_html_arrive_as_escaped_text():
    page = render([hostile_layer()])
    overlay = re.search(r'overlays :\s*\{\s*("(?:[^"\\]|\\.)*")', page).group(1)
    assert json.loads(overlay) == "Capa &lt;img src=x onerror=alert(1)&gt;"
    credits = json.loads(re.search(r"window\.dcAddAttributions\(\w+, (\[.*?\])\);", page).group(1))
    assert credits == ["credit &lt;img src=x onerror=alert(1)&gt;"]


def test_template_delimiters_in_a_layer_name_are_shown_not_run():
    layer = hostile_layer()
    spec = type(layer.spec)(**{**layer.spec.__dict__, "title": {"es": JINJA_EXPR, "en": JINJA_EXPR}})
    page = render([Layer(spec, layer.frame)])
    overlay = re.search(r'overlays :\s*\{\s*("(?:[^"\\]|\\.)*")', page).group(1)
    assert json.loads(overlay) == "&#123;&#123; 7*7 &#125;&#125;"


def test_a_small_layers_attributes_are_in_the_page_once_not_once_per_feature():
    spec = hostile_layer().spec
    frame = gpd.GeoDataFrame(
        {"name": [f"marker-{i:04d}" for i in range(200)], "source": "s", "confidence": "reported", "licence": "CC0"},
        geometry=[Point(-77.6 + i / 1000, 8.3) for i in range(200)],
        crs=4326,
    )
    page = render([Layer(spec, frame)])
    assert page.count("marker-0123") == 1
    # folium runs a GeoJson's on_each_feature code for every feature: it must only look the function up
    on_each = re.search(r"_onEachFeature\(feature, layer\) \{(.*?)\n\s*\}", page, re.S).group(1)
    assert "window.dcFeatureInfo[" in on_each and "const info" not in on_each and len(on_each) < 200
