"""The readable map (#15): what a sidebar change keeps (filters, features, the map's view),
the drawn area as drawn. Driven by AppTest; st_folium replaced by a fake browser where needed."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import ui.mapview
from geo.spec import CONFIDENCE_LEVELS
from tests.conftest import APP, run


@pytest.fixture
def app(calls):
    return run(AppTest.from_file(APP, default_timeout=60))


@pytest.mark.parametrize("chosen", [list(CONFIDENCE_LEVELS), ["official", "reported", "approximate"]])
def test_switching_language_keeps_every_filter_and_the_same_features_on_the_map(app, calls, chosen):
    app.multiselect(key="filter_confidence").set_value(chosen)
    app.selectbox(key="as_of_speed").set_value(2.0)
    app.radio(key="as_of_undated").set_value("hide")
    run(app)
    before = calls["map"][-1]["features"]
    app.radio(key="lang").set_value("en")
    run(app)
    assert app.multiselect(key="filter_confidence").value == chosen
    assert app.selectbox(key="as_of_speed").value == 2.0
    assert app.radio(key="as_of_undated").value == "hide"
    assert calls["map"][-1]["lang"] == "en"
    assert calls["map"][-1]["features"] == before
    assert sum(before.values()) > 0
    app.radio(key="lang").set_value("es")
    run(app)
    assert app.multiselect(key="filter_confidence").value == chosen
    assert calls["map"][-1]["features"] == before


class FakeBrowser:
    """st_folium as the browser answers it: returns `report`, and keeps what each run handed
    to the map (center, zoom, overlays). Like Streamlit, it keeps the report under the map's
    key before the run (`report_before_run`)."""

    def __init__(self):
        self.report: dict = {"bounds": None, "last_clicked": None}
        self.calls: list[dict] = []

    def __call__(self, fmap, **kwargs):
        self.calls.append(kwargs)
        return dict(self.report)

    def report_before_run(self, app, **report):
        self.report.update(report)
        app.session_state["map"] = dict(self.report)


@pytest.fixture
def browser(monkeypatch):
    fake = FakeBrowser()
    monkeypatch.setattr(ui.mapview, "st_folium", fake)
    return fake


def test_the_map_keeps_its_centre_zoom_and_layer_choices_across_a_sidebar_change(browser, calls):
    app = run(AppTest.from_file(APP, default_timeout=60))
    assert browser.calls[-1]["center"] is None and browser.calls[-1]["zoom"] is None  # the first map: its own view
    assert {"center", "zoom", "selected_layers"} <= set(browser.calls[-1]["returned_objects"])
    # The person zooms to Bajo Chiquito and switches the rivers off in the map's own control.
    hidden = [{"name": "rivers", "url": "dc:hidden"}, {"name": "wms", "url": "https://example.org/wms"}]
    browser.report_before_run(app, center={"lat": 8.06, "lng": -77.49}, zoom=12, selected_layers=hidden)
    run(app)
    assert app.session_state["map_view"] == {"lat": 8.06, "lng": -77.49, "zoom": 12}
    # The same map is never sent back to the view it reported: no loop, no jump while moving.
    assert browser.calls[-1]["center"] is None and browser.calls[-1]["zoom"] is None
    app.checkbox(key="layer_towns").uncheck()  # any sidebar change: a new map
    run(app)
    assert calls["map"][-1]["ids"].count("towns") == 0
    assert tuple(browser.calls[-1]["center"]) == (8.06, -77.49) and browser.calls[-1]["zoom"] == 12
    assert hidden_ids(browser.calls[-1]) == ["rivers"]
    # The new map reports the view it was given, then the person moves on: the value handed
    # to this map stays what it was, so streamlit-folium does not move it back.
    browser.report_before_run(app, center={"lat": 8.2, "lng": -77.7}, zoom=11)
    run(app)
    assert tuple(browser.calls[-1]["center"]) == (8.06, -77.49) and browser.calls[-1]["zoom"] == 12
    app.radio(key="lang").set_value("en")  # the language is a sidebar change too
    run(app)
    assert tuple(browser.calls[-1]["center"]) == (8.2, -77.7) and browser.calls[-1]["zoom"] == 11
    assert hidden_ids(browser.calls[-1]) == ["rivers"]


def hidden_ids(call: dict) -> list[str]:
    import json
    import re

    for group in call["feature_group_to_add"]:
        if group.layer_name == "hidden_layers":
            script = next(iter(group._children.values())).ids_json
            return json.loads(script)
    assert not re.search("hidden", str([g.layer_name for g in call["feature_group_to_add"]]))
    return []


def drawn_vertices(call: dict) -> int:
    import folium

    for group in call["feature_group_to_add"]:
        if group.layer_name == "drawn_area":
            return sum(isinstance(c, folium.CircleMarker) for c in group._children.values())
    return 0


def test_the_drawn_area_shown_is_exactly_what_was_drawn(browser):
    app = run(AppTest.from_file(APP, default_timeout=60))
    app.checkbox(key="draw_mode").check()
    run(app)
    clicks = [(8.0, -78.2), (8.0, -77.5), (8.7, -77.5), (8.5, -78.0)]
    for n, (lat, lng) in enumerate(clicks, start=1):
        browser.report_before_run(app, last_clicked={"lat": lat, "lng": lng})
        run(app)
        assert len(app.session_state["drawn_area"]) == n
        assert drawn_vertices(browser.calls[-1]) == n  # shown in the same run, not one click late
    run(app)  # a run with no new click adds nothing
    assert len(app.session_state["drawn_area"]) == len(clicks)


def test_a_print_map_is_offered_on_a3_portrait_and_named_by_its_map_id(app):
    app.selectbox(key="export_format").set_value("pdf")
    run(app)
    app.selectbox(key="export_paper").set_value("A3-portrait")
    run(app)
    button = next(b for b in app.get("download_button") if b.key == "download_export")
    assert "COL-PAN_darien_" in button.proto.label and "_A3-portrait_" in button.proto.label


@pytest.mark.parametrize(
    ("lang", "said", "thousands"), [("es", "520.085 cruces en 2023", "."), ("en", "520,085 crossings in 2023", ",")]
)
def test_the_crossings_chart_speaks_the_pages_language(lang, said, thousands):
    """Vega describes axes and bars in English ("X-axis titled …", "rect mark"): those are off,
    each bar says its figure and source in the page's language, the axis writes numbers as it does."""
    from geo.crossing_figures import load_crossings, yearly
    from geo.i18n import t
    from ui import sources

    count = t("app.crossings_count", lang)
    data = sources._bar_data(yearly(load_crossings()), count, lang)
    spec = sources._bars(count, lang, marked=2023)
    assert spec["config"]["aria"] is False
    assert spec["mark"]["aria"] is True and spec["mark"]["ariaRoleDescription"] == t("app.chart_bar", lang)
    assert spec["encoding"]["description"] == {"field": "said", "type": "nominal"}
    assert [text for text in data["said"] if text.startswith(said)] != []
    assert data[count].tolist() == yearly(load_crossings())["value"].tolist()  # the figures themselves unchanged
    assert spec["config"]["locale"]["number"]["thousands"] == thousands
