"""The map's first report to the app waits until the map has been painted (#15 item 8,
geo/webmap/js/reportpainted.js): the report reruns the app, whose answer (the sidebar, the
panels) must not reach the page before the map is on screen."""

from __future__ import annotations

from geo.webmap import resources
from tests.browser.js import js


def _page(browser_page, host: bool = True):
    page = browser_page.page
    page.set_content("<!doctype html><html><head><title>report</title></head><body></body></html>")
    if host:
        page.evaluate(js("fake_component_host"))
    page.add_script_tag(content=resources.js("reportpainted.js"))
    return page


def test_reports_made_while_the_map_is_drawn_wait_for_its_paint_and_only_the_latest_is_sent(browser_page):
    page = _page(browser_page)
    assert page.evaluate(js("hold_then_report"), [5_000, [{"n": 1}, {"n": 2}]]) == 0  # held, not sent
    page.wait_for_function("window.__sent.length >= 1", timeout=5_000)
    page.wait_for_timeout(300)
    (value, frames), *more = page.evaluate("window.__sent")
    assert value == {"n": 2} and more == []  # one report: the latest
    assert frames >= 2  # after two animation frames: the map's first paint is done
    # A report once the map is on screen goes at once.
    assert page.evaluate(js("report_values"), [{"n": 3}]) == 2
    assert browser_page.errors == []


def test_a_page_that_paints_nothing_still_reports_once_the_limit_has_passed(browser_page):
    page = _page(browser_page)
    page.evaluate(js("no_animation_frames"))  # a page in a background tab
    assert page.evaluate(js("hold_then_report"), [2_000, [{"n": 1}]]) == 0
    page.wait_for_timeout(300)
    assert page.evaluate("window.__sent.length") == 0  # still held: nothing was painted
    page.wait_for_function("window.__sent.length === 1", timeout=10_000)
    assert browser_page.errors == []


def test_a_map_outside_streamlit_is_left_alone(browser_page):
    page = _page(browser_page, host=False)  # a saved map: no window.Streamlit
    assert page.evaluate(js("hold_then_report"), [100, []]) == 0
    page.wait_for_timeout(300)
    assert browser_page.errors == []
