"""Heat maps of point layers: the points and weights sent, Leaflet.heat served by the app from
the folium package (never a CDN), and nothing of the data but numbers in the page."""

from __future__ import annotations

import dataclasses
import filecmp

import geopandas as gpd
import numpy as np
import pytest
from shapely import MultiPoint, Point

from geo.load import Layer
from geo.webmap import assets
from geo.webmap.build import build_map
from geo.webmap.heat import HeatOptions, heat_points, numeric_columns
from tests.webmap.test_map import IMG, hostile_layer


def survey(values, geoms=None) -> Layer:
    base = hostile_layer("Point")
    n = len(values)
    frame = gpd.GeoDataFrame(
        {
            "people": values,
            "name": [IMG] * n,
            "source": ["s"] * n,
            "confidence": ["reported"] * n,
            "licence": ["x"] * n,
        },
        geometry=geoms or [Point(-77.5 + i * 0.01, 8.2) for i in range(n)],
        crs=4326,
    )
    return Layer(dataclasses.replace(base.spec, id="survey"), frame)


def test_weights_are_scaled_to_the_largest_and_bad_values_weigh_nothing():
    points = heat_points(survey([10, 5, None, -3, "x"]), "people")
    assert points["weight"].tolist() == [1.0, 0.5, 0.0, 0.0, 0.0]
    assert heat_points(survey([1, 2]), None)["weight"] is None


def test_a_multipoint_gives_every_part_its_weight():
    layer = survey([4, 2], [MultiPoint([(-77.0, 8.0), (-77.1, 8.1)]), Point(-77.2, 8.2)])
    points = heat_points(layer, "people")
    assert points["lng"].tolist() == [-77.0, -77.1, -77.2]
    assert points["weight"].tolist() == [1.0, 1.0, 0.5]


def test_only_columns_with_positive_numbers_weigh():
    frame = survey([1, 2]).frame.assign(flag=[True, False], zero=[0, 0], text_numbers=["3", "4"])
    assert numeric_columns(frame) == ["people", "text_numbers"]


@pytest.mark.parametrize("bad", [{"radius": 1}, {"radius": 500}, {"intensity": 0}])
def test_options_out_of_range_are_refused(bad):
    with pytest.raises(ValueError):
        HeatOptions(**bad)


def test_a_heat_layer_replaces_the_points_and_loads_leaflet_heat_from_the_app():
    layer = survey([3, 1, 2])
    page = build_map([layer], "es", heat={"survey": HeatOptions(weight="people", radius=20)}).get_root().render()
    assert "window.dcHeatLayer(" in page and "/app/static/vendor/leaflet-heat-folium-" in page
    assert "cdn" not in page.lower() and "jsdelivr" not in page
    assert '"weight": [1.0,0.3333,0.6667]' in page and '"radius": 20' in page
    assert IMG not in page and 'dcFeatureInfo["survey"]' not in page  # no points, no attributes
    assert "Mapa de calor de 3 puntos" in page
    plain = build_map([layer], "es").get_root().render()
    assert "window.dcHeatLayer(" not in plain and "leaflet-heat" not in plain


def test_provision_copies_leaflet_heat_from_the_folium_package(tmp_path):
    assets.provision(tmp_path)
    copied = tmp_path / assets.HEAT_VENDOR / "leaflet-heat.js"
    assert filecmp.cmp(assets.HEAT_FILE, copied, shallow=False)
    js, _css = assets.served_urls(".", heat=True)
    assert js[-1] == ("leaflet_heat", f"./{assets.HEAT_VENDOR}/leaflet-heat.js")
    assert np.all([url.startswith("./") for _, url in js])
