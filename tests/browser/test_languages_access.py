"""A map anyone can read (#15), as a person meets it in Chromium: one language at a time (item 5),
the keyboard alone with a text alternative for the map (item 4), and a phone (item 6)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tests.browser.conftest import ARTIFACTS, wait_idle
from tests.browser.js import js
from tests.browser.test_app import AIR_PATROL, MAP_FRAME, open_app, settled_map
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

#: Words of each language that must not appear on the page in the other one.
WORDS = {
    lang: words
    for lang, words in json.loads((Path(__file__).parent / "words.json").read_text()).items()
    if lang != "_about"
}

#: The map's controls whose title and aria-label a screen reader says.
MAP_CONTROLS = ".leaflet-control a, .leaflet-control button, .leaflet-container"

SIDEBAR = '[data-testid="stSidebar"]'


def map_frame(page):
    """The map's frame as a Playwright Frame (to evaluate in it)."""
    page.wait_for_function(js("one_map_frame"), arg=MAP_FRAME, timeout=60_000)
    return page.locator(MAP_FRAME).element_handle().content_frame()


def foreign_words(text: str, lang: str) -> list[str]:
    """The words of the other language found in `text`."""
    other = "en" if lang == "es" else "es"
    return [w for w in WORDS[other] if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]


def readable_text(page) -> str:
    """What a reader meets: the page's visible text and the map's, with its controls' labels."""
    frame = map_frame(page)
    frame.wait_for_selector(".dc-legend", timeout=60_000)
    return (
        page.evaluate(js("readable_texts"), "[data-testid=stFileUploader] input")
        + "\n"
        + frame.evaluate(js("readable_texts"), MAP_CONTROLS)
    )


# --- item 5: both languages, completely -------------------------------------------------------


def test_each_language_shows_no_word_of_the_other(browser_page, app_url):
    page, _frame = open_app(browser_page, app_url)
    spanish = readable_text(page)
    assert "Leyenda" in spanish and "Rutas migratorias" in spanish  # the check reads the map too
    assert foreign_words(spanish, "es") == []

    page.locator(SIDEBAR).get_by_text("English", exact=True).click()
    wait_idle(page)
    # The map in English (whatever it draws: keeping the filters across the switch is item 1's).
    settled_map(page).get_by_role("button", name="Legend").wait_for(timeout=60_000)
    english = readable_text(page)
    assert "Legend" in english and "Migration routes" in english
    assert foreign_words(english, "en") == []
    assert browser_page.errors == []


def test_the_file_uploader_speaks_the_pages_language(browser_page, app_url):
    page, _frame = open_app(browser_page, app_url)
    dropzone = page.locator('[data-testid="stFileUploaderDropzone"]')
    dropzone.scroll_into_view_if_needed()
    said = page.evaluate(js("uploader_texts"))
    assert "Upload" not in said["visible"] and "per file" not in said["visible"]
    assert said["button"] == "Subir un archivo" and said["input"] == "Subir un archivo"
    assert said["limit"] == "Hasta 50 MB por archivo"


# --- item 4: keyboard and screen readers ------------------------------------------------------


def tab_until(page, frame, wanted, limit: int = 250) -> dict:
    """Press Tab until the map frame's focused element satisfies `wanted`; that element."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = frame.evaluate(js("active_element"))
        if focused and wanted(focused):
            return focused
    pytest.fail(f"{limit} presses of Tab never reached the element wanted")


def test_the_keyboard_alone_reaches_and_toggles_a_layer_and_the_legend(browser_page, app_url):
    page, locator = open_app(browser_page, app_url)
    frame = map_frame(page)
    page.locator("body").press("Home")  # start from the page, not from a control

    toggle = tab_until(page, frame, lambda f: "leaflet-control-layers-toggle" in f["cls"])
    assert toggle["outline"] > 0, "the focus is not visible"
    assert toggle["expanded"] == "false"
    page.keyboard.press("Enter")
    assert (
        frame.evaluate(js("active_element"))["expanded"] == "true"
        or locator.locator(".leaflet-control-layers-expanded").count() == 1
    )
    switch = tab_until(page, frame, lambda f: f["tag"] == "input" and f["label"] == "Zonas de patrullaje", 40)
    assert switch["outline"] > 0
    assert locator.locator(AIR_PATROL).count() == 1
    page.keyboard.press("Space")
    locator.locator(AIR_PATROL).wait_for(state="detached", timeout=10_000)

    legend = tab_until(page, frame, lambda f: f["tag"] == "button" and f["expanded"] is not None, 60)
    assert legend["expanded"] == "true" and legend["outline"] > 0
    page.keyboard.press("Enter")
    state = frame.evaluate(js("legend_state"))
    assert state["expanded"] == "false" and not state["shown"]
    page.keyboard.press("Space")
    assert frame.evaluate(js("legend_state"))["shown"]


def test_the_map_has_a_text_alternative_that_matches_its_layers(browser_page, app_url):
    page, _frame = open_app(browser_page, app_url)
    frame = map_frame(page)
    alternative = page.evaluate(js("map_text_alternative"), MAP_FRAME)
    assert alternative and alternative["label"] and alternative["description"]
    legend_layers = frame.evaluate(js("legend_state"))["layers"]
    assert len(legend_layers) >= 8
    for name in legend_layers:  # every layer drawn is named, with how many features it shows
        assert re.search(rf"{re.escape(name)}: [\d.]+ elementos?", alternative["description"]), name
    assert "Vista" in alternative["description"]


# --- item 6: a phone --------------------------------------------------------------------------


PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone_page(chromium):
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    page = context.new_page()
    yield page
    context.close()


def test_on_a_phone_the_map_fills_the_screen_and_the_sidebar_closes_after_a_choice(phone_page, app_url):
    page = phone_page
    page.goto(app_url)
    page.wait_for_selector(MAP_FRAME, timeout=60_000)
    settled_map(page).locator(AIR_PATROL).first.wait_for(state="attached", timeout=60_000)
    wait_idle(page)
    frame = map_frame(page)

    legend = frame.evaluate(js("legend_state"))
    assert legend["expanded"] == "false" and not legend["shown"]
    assert legend["height"] < 50

    title = page.evaluate(js("line_box"), "h1")
    assert title["width"] <= PHONE["width"] and title["height"] <= 2.2 * title["line"]  # one or two lines
    assert title["height"] < 0.12 * PHONE["height"]

    credits = frame.evaluate(js("boxes_overlap"), [".leaflet-control-attribution", ".leaflet-control-scale"])
    assert credits is not None and not credits["overlap"], credits  # the credits wrap beside the scale bar

    box = page.locator(MAP_FRAME).bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert box["width"] >= 0.95 * PHONE["width"]
    assert box["height"] >= 0.6 * PHONE["height"]

    page.locator('[data-testid="stExpandSidebarButton"]').click()
    sidebar = page.locator(SIDEBAR)
    page.wait_for_function(js("sidebar_open"), arg=[SIDEBAR, True], timeout=10_000)
    sidebar.get_by_text("Poblados", exact=True).click()
    page.wait_for_function(js("sidebar_open"), arg=[SIDEBAR, False], timeout=10_000)
    wait_idle(page)
    assert page.locator(MAP_FRAME).bounding_box()["width"] >= 0.95 * PHONE["width"]


# --- the README's pictures --------------------------------------------------------------------


def _shot(name: str) -> Path:
    """docs/<name> with UPDATE_SCREENSHOT set (`make screenshot`), else test-artifacts/<name>."""
    folder = ROOT / "docs" if os.environ.get("UPDATE_SCREENSHOT") else ARTIFACTS
    folder.mkdir(exist_ok=True)
    return folder / name


def test_the_screenshots_in_english_and_on_a_phone(browser_page, app_url, phone_page):
    page, _frame = open_app(browser_page, app_url)
    page.locator(SIDEBAR).get_by_text("English", exact=True).click()
    wait_idle(page)
    settled_map(page).get_by_role("button", name="Legend").wait_for(timeout=60_000)
    wait_idle(page)
    assert foreign_words(readable_text(page), "en") == []
    page.screenshot(path=str(_shot("screenshot-en.png")))

    phone_page.goto(app_url)
    phone_page.wait_for_selector(MAP_FRAME, timeout=60_000)
    settled_map(phone_page).locator(AIR_PATROL).first.wait_for(state="attached", timeout=60_000)
    wait_idle(phone_page)
    assert map_frame(phone_page).evaluate(js("legend_state"))["expanded"] == "false"
    phone_page.screenshot(path=str(_shot("screenshot-phone.png")))


def test_streamlits_own_words_for_screen_readers_are_said_in_the_pages_language(browser_page, app_url):
    from ui.page import STREAMLIT_PREFIXES, STREAMLIT_WORDS

    page, _frame = open_app(browser_page, app_url)
    page.wait_for_selector('[data-testid="stFileUploader"]', timeout=60_000)  # the panels are drawn
    wait_idle(page)
    said = page.evaluate(js("said_to_readers"))
    assert said, "no aria-label, title or placeholder found"
    english = [text for text in said if text in STREAMLIT_WORDS or any(text.startswith(p) for p in STREAMLIT_PREFIXES)]
    assert english == [], english
    # The crossings chart: none of Vega's own English ("X-axis titled …", "rect mark"), and each
    # bar says its figure as Spanish writes it.
    assert [text for text in said if "axis" in text.lower() or "mark" in text.lower()] == []
    assert any(text.startswith("520.085 cruces en 2023") for text in said)
    assert "Borrar todo" in said and any(text.startswith("Ayuda sobre ") for text in said)
