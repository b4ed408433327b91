"""The "as of" month in Chromium against the app: the map shows each month as geo.timeline says,
in the page, without being built again, and playing moves it month by month.

What is drawn is read from the map frame: the shapes of every timed small layer that are on the
page and not hidden (tests/browser/js/map_frame_timed_drawn.js). What should be drawn is derived
from the data files with geo.timeline; a few facts the issue states are asserted as well.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
import shapely

from geo import timeline
from geo.webmap.timefilter import month_label
from tests.browser.conftest import wait_idle
from tests.browser.js import js
from tests.browser.test_app import MAP_FRAME, open_app

pytestmark = pytest.mark.browser

MONTHS = ("2015-06", "2021-06", "2023-09", "2025-06")
SIDEBAR = '[data-testid="stSidebar"]'
MONTH_SLIDER = f'{SIDEBAR} [data-testid="stSlider"] input[type="range"]'  # the first slider: the month


def move_month(page, month: str) -> None:
    """The month slider moved to `month` with the keyboard, as a person can, and the map showing it."""
    slider = page.locator(MONTH_SLIDER).first
    target = len(timeline.months(timeline.FIRST_MONTH, month))  # option 0 is "every period"
    slider.focus()
    steps = target - int(slider.input_value())
    for _ in range(abs(steps)):
        page.keyboard.press("ArrowRight" if steps > 0 else "ArrowLeft")
    page.wait_for_function(js("map_frame_shows_month"), arg=[MAP_FRAME, month], timeout=60_000)
    wait_idle(page)


def expected_drawn(bundled, month: str) -> dict[str, list[list]]:
    """Per timed layer on the map: [feature index, marked as undated] of each feature drawn as of
    `month` with undated features shown (the default), from geo.timeline."""
    out = {}
    for layer in bundled:
        frame = layer.frame
        if not (layer.spec.visible and timeline.timed(frame)):
            continue
        held, no_period = timeline.valid_in_month(frame, month), timeline.undated(frame)
        geoms = np.asarray(frame.geometry.array, dtype=object)
        has_shape = ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
        out[layer.spec.id] = [
            [f, bool(no_period[f])] for f in range(len(frame)) if (held[f] or no_period[f]) and has_shape[f]
        ]
    return out


def drawn_values(bundled, drawn: dict, layer_id: str, column: str) -> set:
    frame = next(layer.frame for layer in bundled if layer.spec.id == layer_id)
    return {frame[column].iloc[f] for f, _marked in drawn[layer_id]}


def test_each_month_draws_what_the_data_say_without_building_the_map_again(browser_page, app_url, bundled):
    page, frame = open_app(browser_page, app_url)
    page.evaluate(js("map_frame_watch_as_of"), [MAP_FRAME, "first map"])
    for month in MONTHS:
        move_month(page, month)
        drawn = page.evaluate(js("map_frame_timed_drawn"), MAP_FRAME)
        assert drawn == expected_drawn(bundled, month), month
        routes = drawn_values(bundled, drawn, "migration_routes", "route")
        stations = drawn_values(bundled, drawn, "reception_communities", "id")
        zones = drawn["patrol_zones"]
        # What the issue states, checked on its own:
        assert ("erm_san_vicente" in stations) == (month >= "2023-09"), month  # opened 25 Nov 2022
        assert ("return_by_sea_2025" in routes) == (month == "2025-06"), month  # the 2025 reverse flow
        assert ("caribbean_puerto_obaldia" in routes) == (month == "2015-06"), month  # the Cubans' way, 2015-16
        assert len(zones) == (4 if month >= "2023-06" else 0), month  # Operación Chocó, from 2 June 2023
        assert frame.locator(".dc-legend-asof").text_content() == f"Situación a {month_label(month, 'es')}"
        seen = page.evaluate(js("map_frame_as_of"), MAP_FRAME)
        assert seen["frames"] == 1 and seen["token"] == "first map", "the map was built again"
    assert "Operación Chocó" in next(layer.spec.source for layer in bundled if layer.spec.id == "patrol_zones")
    assert browser_page.errors == [] and browser_page.foreign_requests() == []


def test_playing_moves_the_map_a_month_at_a_time_and_the_app_keeps_the_month(browser_page, app_url):
    page, _frame = open_app(browser_page, app_url)
    move_month(page, "2022-01")
    page.evaluate(js("map_frame_watch_as_of"), [MAP_FRAME, "first map"])
    page.locator(SIDEBAR).get_by_role("button", name="▶ Reproducir").click()
    page.wait_for_function(js("map_frame_seen_at_least"), arg=[MAP_FRAME, 12], timeout=180_000)
    page.locator(SIDEBAR).get_by_role("button", name="⏸ Pausa").click()
    wait_idle(page)
    seen = page.evaluate(js("map_frame_as_of"), MAP_FRAME)
    assert seen["frames"] == 1 and seen["token"] == "first map", "the map was built again"
    year = timeline.months("2022-02", "2023-01")
    assert seen["seen"][:12] == year  # a year, one month per step, none skipped
    months = list(dict.fromkeys(seen["seen"]))
    assert months == timeline.months("2022-02", months[-1])  # and no step after pausing but in order
    # Stopped: the app holds the month the map shows, so the exports follow it.
    shown = seen["month"]
    assert shown == months[-1]
    assert page.locator(MONTH_SLIDER).first.get_attribute("aria-valuetext") == month_label(shown, "es")
    assert page.get_by_role("button", name=re.compile(f"^Descargar darien-corridor_.*_asof-{shown}_")).count() == 1
    assert browser_page.errors == [] and browser_page.foreign_requests() == []
