"""In a real browser: a database layer's view (the overlay of geo/webmap/database.py) draws its
features and its counts per cell, shows its note on the map, and its values as text only."""

from __future__ import annotations

import pytest

from geo.i18n import t
from geo.webmap import assets
from geo.webmap.build import build_map
from tests.database.test_webmap import HOSTILE, sample_overlay

pytestmark = pytest.mark.browser


@pytest.fixture
def overlay_page(tmp_path, browser_page):
    assets.provision(tmp_path)
    fmap = build_map([], "es", asset_urls=assets.served_urls("."))
    fmap.add_child(sample_overlay())
    (tmp_path / "index.html").write_text(fmap.get_root().render(), encoding="utf-8")
    page = browser_page.page
    page.goto((tmp_path / "index.html").as_uri())
    page.wait_for_selector(".dc-db-note", state="attached")
    return browser_page


def test_features_cells_and_the_notes_are_drawn_and_values_stay_text(overlay_page):
    page = overlay_page.page
    # One point (the other feature has no geometry) and two cells: three shapes.
    assert page.locator("path.leaflet-interactive").count() == 3
    notes = page.locator(".dc-db-note").all_text_contents()  # one per layer, in the map's corner
    assert sorted(notes) == sorted(
        [t("db.capped", "es", layer=HOSTILE, shown=2, total=10), t("db.cells", "es", layer=HOSTILE, total=1234)]
    )
    page.locator("path.leaflet-interactive").first.hover()
    page.wait_for_selector(".leaflet-tooltip")
    tooltip = page.locator(".leaflet-tooltip").first.text_content() or ""
    assert HOSTILE in tooltip and t("confidence.reported", "es") in tooltip
    assert overlay_page.dialogs == [] and overlay_page.errors == []
    assert overlay_page.foreign_requests() == []
