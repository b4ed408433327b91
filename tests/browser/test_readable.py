"""A map anyone can read (#15), in Chromium: the language switch keeps the filters and the map,
the map keeps its place and its layer choices across a sidebar change, place names are written
on the map without overlapping, fewer when zoomed out."""

from __future__ import annotations

import datetime as dt
import itertools
import os

import pytest

from tests.browser.conftest import ARTIFACTS, wait_idle
from tests.browser.js import js
from tests.browser.test_app import AIR_PATROL, MAP_FRAME, open_app, settled_map
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

SIDEBAR = '[data-testid="stSidebar"]'


def screenshot(page, name: str) -> None:
    """The page as a picture: for the README with UPDATE_SCREENSHOT set, else in test-artifacts/."""
    folder = ROOT / "docs" if os.environ.get("UPDATE_SCREENSHOT") else ARTIFACTS
    folder.mkdir(exist_ok=True)
    page.screenshot(path=str(folder / name))


BAJO_CHIQUITO = (8.06, -77.49)


def test_switching_language_keeps_the_confidence_filter_and_the_map(browser_page, app_url):
    page, frame = open_app(browser_page, app_url)
    chips = page.locator(
        f'{SIDEBAR} [data-testid="stMultiSelect"] [data-testid="stMultiSelectTagsContainer"] [data-tag]'
    )
    assert chips.count() == 4
    page.locator(SIDEBAR).get_by_text("English", exact=True).click()
    page.get_by_role("heading", name="Darién corridor map").wait_for(timeout=30_000)
    wait_idle(page)
    frame = settled_map(page)
    frame.locator(AIR_PATROL).first.wait_for(state="attached", timeout=60_000)
    assert chips.count() == 4
    assert sorted(chips.evaluate_all(js("aria_labels"))) == [
        "approximate",
        "illustrative",
        "official",
        "reported",
    ]
    assert frame.locator(AIR_PATROL).count() == 1  # the map is not blank
    page.evaluate(js("map_frame_move_map"), [MAP_FRAME, 8.15, -77.6, 9])
    page.wait_for_function(js("map_frame_labels"), arg=[MAP_FRAME, 9], timeout=30_000)
    screenshot(page, "screenshot-labels-en.png")


def test_the_map_keeps_its_place_and_layer_choices_across_a_sidebar_change(browser_page, app_url):
    page, _frame = open_app(browser_page, app_url)
    lat, lon = BAJO_CHIQUITO
    page.evaluate(js("map_frame_move_map"), [MAP_FRAME, lat, lon, 11])
    assert page.evaluate(js("map_frame_switch_overlay"), [MAP_FRAME, "Ríos"]) is False
    page.wait_for_timeout(800)  # streamlit-folium reports after 250 ms
    wait_idle(page)
    assert page.evaluate(js("map_frame_view_marked"), [MAP_FRAME, "__dcMarked"])["zoom"] == 11
    page.locator(SIDEBAR).get_by_text("Poblados", exact=True).click()  # any sidebar change: a new map
    page.wait_for_function(js("map_frame_new_view"), arg=[MAP_FRAME, lat, lon, 11, 0.01], timeout=60_000)
    wait_idle(page)
    view = page.evaluate(js("map_frame_view_marked"), [MAP_FRAME, None])
    assert view["zoom"] == 11 and abs(view["lat"] - lat) < 0.01 and abs(view["lng"] - lon) < 0.01
    assert page.evaluate(js("map_frame_overlay_on"), [MAP_FRAME, "Ríos"]) is False
    assert page.evaluate(js("map_frame_overlay_on"), [MAP_FRAME, "Zonas de patrullaje"]) is True
    assert browser_page.errors == []


def overlapping(labels) -> list[tuple[str, str]]:
    return [
        (a[0], b[0])
        for a, b in itertools.combinations(labels, 2)
        if a[1] < b[1] + b[3] and b[1] < a[1] + a[3] and a[2] < b[2] + b[4] and b[2] < a[2] + a[4]
    ]


def labels_at(page, lat, lon, zoom):
    page.evaluate(js("map_frame_move_map"), [MAP_FRAME, lat, lon, zoom])
    handle = page.wait_for_function(js("map_frame_labels"), arg=[MAP_FRAME, zoom], timeout=30_000)
    return handle.json_value()


def test_place_names_are_written_on_the_map_without_overlapping_fewer_when_zoomed_out(browser_page, app_url):
    page, frame = open_app(browser_page, app_url)
    labels_at(page, 8.15, -77.6, 9)
    screenshot(page, "screenshot-labels-es.png")
    lat, lon = 8.0, -77.6
    near = labels_at(page, lat, lon, 10)
    far = labels_at(page, lat, lon, 7)
    for labels in (near, far):
        assert labels and overlapping(labels) == []
        assert all(width > 0 and height > 0 for _text, _x, _y, width, height, _layer in labels)
    # Zoomed out, the same places (all still in view) carry fewer names: the communities' and
    # the rivers' names are written from zoom 8 on.
    near_texts, far_texts = {label[0] for label in near}, {label[0] for label in far}
    assert len(near_texts & far_texts) < len(near_texts)
    assert "reception_communities" in {label[5] for label in near}
    assert "reception_communities" not in {label[5] for label in far}
    texts = {label[0] for label in near}
    assert {"Bajo Chiquito", "Lajas Blancas"} & texts  # reception communities and stations by name
    assert any("Darién" in text for text in {label[0] for label in far})  # the park, zoomed out
    # Text on the map, not a tooltip: in the labels' own pane, visible without hovering.
    assert frame.locator(".leaflet-dcLabels-pane .dc-label").filter(visible=True).count() == len(far)
    assert frame.locator(".leaflet-tooltip").count() == 0
    # A station not yet open in the month shown has no name on the map.
    san_vicente = "Estación de Recepción Migratoria San Vicente"  # opened on 25 November 2022
    assert san_vicente in {label[0] for label in labels_at(page, 8.4429, -77.93322, 12)}
    epoch = dt.date(1970, 1, 1)
    june_2015 = {
        "month": "2015-06",
        "start": (dt.date(2015, 6, 1) - epoch).days,
        "end": (dt.date(2015, 7, 1) - epoch).days,
        "undated": "hide",
        "heading": "",
    }
    page.evaluate(js("map_frame_set_as_of"), [MAP_FRAME, june_2015])
    assert san_vicente not in {label[0] for label in labels_at(page, 8.4429, -77.93322, 12)}
    # Readable over every basemap: a halo around dark text.
    shadow = frame.locator(".dc-label").first.evaluate(js("text_shadow"))
    assert "255, 255, 255" in shadow


@pytest.mark.parametrize(
    "viewport", [{"width": 1400, "height": 1000}, {"width": 390, "height": 844}], ids=["desktop", "phone"]
)
def test_the_drawn_map_keeps_its_place_while_the_rest_of_the_page_arrives(chromium, app_url, viewport):
    """A new visitor's first run draws the map, then the search box in its place above it, and
    the next run the sidebar and the panels (ui.page.first_run): none of that moves the map."""
    context = chromium.new_context(viewport=viewport)
    try:
        page = context.new_page()
        page.goto(app_url)
        page.wait_for_selector(MAP_FRAME, timeout=60_000)
        page.frame_locator(MAP_FRAME).locator(AIR_PATROL).first.wait_for(state="attached", timeout=60_000)
        drawn = page.evaluate(js("element_top"), MAP_FRAME)
        page.wait_for_selector('[data-testid="stFileUploader"]', state="attached", timeout=60_000)
        wait_idle(page)
        assert page.evaluate(js("element_top"), MAP_FRAME)["top"] == drawn["top"]
        place = page.evaluate(js("element_top"), ".st-key-dc_search_place")
        box = page.evaluate(js("element_top"), '.st-key-dc_search_place [data-testid="stTextInput"]')
        assert (
            box is not None
            and place["top"] <= box["top"]
            and box["top"] + box["height"] <= place["top"] + place["height"]
        )
    finally:
        context.close()
