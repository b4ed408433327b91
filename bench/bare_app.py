"""The bare Streamlit page of bench/appspeed.py: the app's default map and nothing else.

The same layers, the same build (geo.webmap.build.build_map), the same st_folium call as
ui.mapview.corridor_map makes for the default choices: what Streamlit and its map component cost
before anything of the app's page. Run by the benchmark from a copy in bench/results/appspeed/,
which serves Leaflet from the static/ folder beside it, as the app does.
"""

from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

import layers
from geo.load import load_layers
from geo.webmap import assets
from geo.webmap.build import build_map
from geo.webmap.compose import compose
from geo.webmap.timefilter import as_of_group, as_of_state


@st.cache_resource
def default_layers():
    assets.provision(Path(__file__).resolve().parent / "static")
    return compose(load_layers(layers.LAYERS), [], {spec.id for spec in layers.LAYERS if spec.visible})


st.set_page_config(page_title="Darién", layout="wide")
st_folium(
    build_map(default_layers(), "es"),
    key="map",
    height=640,
    use_container_width=True,
    returned_objects=["bounds", "last_clicked"],
    feature_group_to_add=[as_of_group(as_of_state(None, "show", "es"))],
)
