"""The benchmark's clock (bench/init/drawn_clock.js, bench/js/drawn_at.js): in a frame, the
browser's own time of the paint of the shapes it waits for, whenever the harness reads it."""

from __future__ import annotations

from pathlib import Path

from bench.browser import init_script
from bench.browser import js as bench_js

PAGES = Path(__file__).resolve().parent / "pages"


def test_the_clock_notes_when_a_frame_first_painted_the_shapes(browser_page):
    context, page = browser_page.context, browser_page.page
    context.add_init_script(init_script("drawn_clock"))
    page.route("http://localhost:9/", lambda route: route.fulfill(path=PAGES / "shape_clock.html"))
    page.route("http://localhost:9/frame", lambda route: route.fulfill(path=PAGES / "shape_clock_frame.html"))
    page.goto("http://localhost:9/")
    frame = page.locator("iframe").element_handle().content_frame()
    assert frame.evaluate(bench_js("drawn_at"), 3) is None  # nothing drawn yet
    painted = frame.wait_for_function(bench_js("drawn_at"), arg=3, timeout=10_000).json_value()
    page.wait_for_timeout(1_000)  # the harness reads late: the time stays the paint's
    added = frame.evaluate("window.__added")
    assert added <= painted < added + 2_000
    assert frame.evaluate(bench_js("drawn_at"), 3) == painted
    assert frame.evaluate(bench_js("drawn_at"), 4) is None  # never that many
    assert page.evaluate("performance.timeOrigin") < added
    assert browser_page.errors == []
