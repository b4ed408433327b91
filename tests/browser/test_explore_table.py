"""Filters for each layer and the feature table, in Chromium against the app: what a person does.

- A filter on one layer's attribute (the routes' mode: boat only) changes, alike, the features
  drawn on the map, the legend's count and the exported file.
- Choosing a row of the feature table centres the map on its feature and outlines it.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from geo import timeline
from geo.featuretable import focus_of
from tests.browser.conftest import wait_idle
from tests.browser.js import js
from tests.browser.test_app import MAP_FRAME, open_app, settled_map
from tests.browser.test_timeline import move_month

pytestmark = pytest.mark.browser

SIDEBAR = '[data-testid="stSidebar"]'
MONTH = "2016-03"  # the Cubans' Caribbean way by boat was in use; later boat segments were not yet
HIGHLIGHT = 'path.leaflet-interactive[stroke="#ffb300"]'  # geo.webmap.highlight: the chosen feature


def layer_frame(bundled, layer_id):
    return next(layer.frame for layer in bundled if layer.spec.id == layer_id)


def drawn_when_settled(page, layer_id: str, expected: int, timeout_s: float = 60.0):
    """The layer's drawn count once it is `expected` (the rebuilt map mounts a moment after the
    rerun), or whatever it is after `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    while True:
        n = page.evaluate(js("map_frame_layer_drawn"), [MAP_FRAME, layer_id])
        if n == expected or time.monotonic() > deadline:
            return n
        time.sleep(0.2)


def until(condition, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("the page did not change in time")
        time.sleep(0.2)


def keep_only_boats(page) -> None:
    """In the sidebar: the routes' expander, filter by "Modo", and leave only "lancha", by keyboard.

    The option typed is taken with Enter once the arrow keys have highlighted it; should
    Streamlit's select never highlight it (it happened now and then in a clean run, the list
    drawn again under the keys), the option is clicked: what is tested here is the filter."""
    expander = page.locator(SIDEBAR).locator('[data-testid="stExpander"]').filter(has_text="Rutas migratorias")
    expander.locator("summary").click()
    expander.locator('[data-testid="stMultiSelect"]').first.locator("input").click()
    page.mouse.move(700, 5)  # off the list: an option under the pointer would take the highlight
    page.keyboard.type("Modo")
    option = page.get_by_role("option", name="Modo", exact=True)
    option.wait_for(timeout=10_000)
    for _ in range(10):  # Enter takes the highlighted option: the arrow keys highlight it, as a person would
        if page.evaluate(js("active_option_is"), "Modo"):
            page.keyboard.press("Enter")
            break
        page.keyboard.press("ArrowDown")
        page.wait_for_timeout(200)
    else:
        option.click()
    page.keyboard.press("Escape")
    modes = expander.locator('[data-testid="stMultiSelect"]').nth(1)
    modes.wait_for(timeout=60_000)
    wait_idle(page)
    chips = modes.locator("[data-tag]")
    assert chips.count() == 4
    # The declared order is lancha, a pie, lancha fluvial, autobús: Backspace removes the last chip.
    for left in (3, 2, 1):
        modes.locator("input").click()
        page.keyboard.press("Backspace")
        page.keyboard.press("Escape")
        until(lambda n=left: chips.count() == n)
        wait_idle(page)
    assert chips.all_text_contents() == ["lancha"]


def test_a_layer_filter_changes_the_drawn_count_the_legend_and_the_export_alike(
    browser_page, app_url, bundled, tmp_path
):
    page, frame = open_app(browser_page, app_url)
    routes = layer_frame(bundled, "migration_routes")
    drawn = routes.geometry.notna() & ~routes.geometry.is_empty
    boats = int(((routes["mode"] == "boat") & drawn).sum())
    assert 0 < boats < int(drawn.sum())
    assert page.evaluate(js("map_frame_layer_drawn"), [MAP_FRAME, "migration_routes"]) == int(drawn.sum())
    assert frame.locator('.dc-legend-count[data-layer="migration_routes"]').is_hidden()  # all pass: no count

    keep_only_boats(page)
    frame = settled_map(page)
    assert drawn_when_settled(page, "migration_routes", boats) == boats
    count = frame.locator('.dc-legend-count[data-layer="migration_routes"]')
    assert count.text_content() == f"{boats} de {len(routes)} pasan los filtros"
    assert count.get_attribute("data-shown") == str(boats)

    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name=re.compile(r"^Descargar darien-corridor_")).click()
    path = tmp_path / "export.geojson"
    info.value.save_as(path)
    doc = json.loads(Path(path).read_text(encoding="utf-8"))
    exported = [f for f in doc["features"] if f["properties"]["layer"] == "migration_routes"]
    assert len(exported) == boats and {f["properties"]["mode"] for f in exported} == {"boat"}

    # With a month, the legend counts what the month leaves drawn of what passed the filter.
    move_month(page, MONTH)
    held = (timeline.valid_in_month(routes, MONTH) | timeline.undated(routes)) & (routes["mode"] == "boat").to_numpy()
    in_month = int((held & drawn.to_numpy()).sum())
    assert 0 < in_month < boats
    assert page.evaluate(js("map_frame_layer_drawn"), [MAP_FRAME, "migration_routes"]) == in_month
    assert count.get_attribute("data-shown") == str(in_month)
    assert count.text_content() == f"{in_month} de {len(routes)} pasan los filtros"
    assert browser_page.errors == [] and browser_page.foreign_requests() == []


ROW_HEIGHT = 35  # st.dataframe's default row height, in pixels, and its header's


def test_clicking_a_table_row_centres_the_map_on_its_feature(browser_page, app_url, bundled):
    page, _frame = open_app(browser_page, app_url)
    communities = layer_frame(bundled, "reception_communities")  # the top-most layer: the table's first
    row = 3
    where = focus_of(communities.geometry.iloc[row])
    table = page.locator('[data-testid="stDataFrame"]').first
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + ROW_HEIGHT * (row + 1) + ROW_HEIGHT / 2)  # the row's selection box
    page.wait_for_function(
        js("map_frame_centred_on"), arg=[MAP_FRAME, where["lat"], where["lng"], where["zoom"], 1e-4], timeout=60_000
    )
    frame = settled_map(page)
    frame.locator(HIGHLIGHT).first.wait_for(state="attached", timeout=30_000)
    assert browser_page.errors == [] and browser_page.foreign_requests() == []


def test_a_row_chosen_by_keyboard_centres_the_map_on_its_feature(browser_page, app_url, bundled):
    page, _frame = open_app(browser_page, app_url)
    communities = layer_frame(bundled, "reception_communities")
    page.get_by_label("Buscar en la tabla").focus()
    for _ in range(10):  # Tab on, past the "only in view" box and the table's toolbar, into the grid
        page.keyboard.press("Tab")
        if page.evaluate(js("active_test_id")) == "data-grid-canvas":
            break
    else:
        pytest.fail("Tab never reached the table")
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Shift+Space")
    where = focus_of(communities.geometry.iloc[3])  # the grid starts on the first row: three down is the fourth
    page.wait_for_function(
        js("map_frame_centred_on"), arg=[MAP_FRAME, where["lat"], where["lng"], where["zoom"], 1e-4], timeout=60_000
    )
    settled_map(page).locator(HIGHLIGHT).first.wait_for(state="attached", timeout=30_000)
    assert browser_page.errors == [] and browser_page.foreign_requests() == []


def test_clicking_a_feature_on_the_map_chooses_its_row(browser_page, app_url, bundled):
    page, frame = open_app(browser_page, app_url)
    communities = next(layer for layer in bundled if layer.spec.id == "reception_communities")
    palette = communities.spec.style.palette
    station = palette["reception_station"]  # the stations' colour, no other kind's
    assert list(palette.values()).count(station) == 1
    row = int((communities.frame["kind"] == "reception_station").to_numpy().argmax())  # the first station drawn
    frame.locator(f'path.leaflet-interactive[stroke="{station}"][fill-opacity="0.9"]').first.click(force=True)
    # The table says which row is chosen (the grid does not scroll to it), and selects it.
    name = communities.frame["name"].iloc[row]
    page.get_by_text(f"Elegido: fila {row + 1} de la tabla: {name}").wait_for(timeout=60_000)
    table = page.locator('[data-testid="stDataFrame"]').first
    table.hover()
    for _ in range(10):  # scroll the grid down to the row; its accessible rows say it is selected
        page.mouse.wheel(0, ROW_HEIGHT * 3)
    selected = page.locator('[data-testid="stDataFrame"] tr[aria-selected="true"]')
    selected.first.wait_for(state="attached", timeout=30_000)
    assert selected.count() == 1 and selected.get_attribute("aria-rowindex") == str(row + 2)
    settled_map(page).locator(HIGHLIGHT).first.wait_for(state="attached", timeout=30_000)
    assert browser_page.errors == [] and browser_page.foreign_requests() == []
