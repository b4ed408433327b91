"""The "as of" control on the map (geo.webmap.timefilter, js/timefilter.js): the periods travel
with the features, the page draws in every month what geo.timeline says held then, untimed layers
are left alone, and the call that changes the month is inert data on the live map."""

from __future__ import annotations

import json
import re
import subprocess

import folium
import geopandas as gpd
import numpy as np
import pytest
from streamlit_folium import _get_feature_group_string

from geo import timeline
from geo.webmap import resources
from geo.webmap.build import build_map, legend_items
from geo.webmap.compact import prepare
from geo.webmap.timefilter import OPEN_DAYS, AsOf, as_of_group, as_of_state, month_label, periods
from tests.conftest import ROOT
from tests.webmap.test_big_layers import decode, varints
from tests.webmap.test_big_layers import layer as big_layer
from tests.webmap.test_js import node

CHECK = ROOT / "tests" / "webmap" / "timefilter_check.js"
TIMEFILTER = ROOT / "geo" / "webmap" / "js" / "timefilter.js"

#: Periods written every way geo.timeline reads them (and some it cannot read).
EDGES = gpd.GeoDataFrame(
    {
        "dated": [True, True, True, True, True, "true", False, True, True, True],
        "valid_from": [
            "2022-11-25",  # opened late in a month: shown in that month
            "2022-11-25T23:30:00-05:00",  # a time and an offset: the date written is the date meant
            "2015",  # a year: its first day
            None,  # open start
            "2021-06",  # a month: its first day
            "2019-03-01",  # "true" as text
            "2019-01-01",  # says undated: undated, whatever its dates
            None,  # says dated but gives no date: undated
            "soon",  # unreadable start: open
            "2023-01-01",
        ],
        "valid_to": [
            None,
            "2023-01-01",
            "2016-05-09",
            "2010-02-01",  # ends on the first day of a month: not in that month
            "2021-07-01",
            None,
            None,
            None,
            "2012-01-01",
            "2023-01-01",  # ends the day it starts: no day at all
        ],
    },
    geometry=[None] * 10,
)


def node_marks(times: dict[str, dict], states: list[dict]) -> dict[str, list[list[int]]]:
    """What the page's predicate (js/timefilter.js, dcTimeMarks) answers, run by node."""
    payload = {"times": {k: {f: v.tolist() for f, v in t.items()} for k, t in times.items()}, "states": states}
    done = subprocess.run(
        [node(), str(CHECK), str(TIMEFILTER)], input=json.dumps(payload), capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def timeline_marks(frame, month: str, undated: str) -> list[int]:
    """What geo.timeline (and so geo.selection) says of each feature: 1 held, 2 undated and shown, 0 not."""
    held, no_period = timeline.valid_in_month(frame, month), timeline.undated(frame)
    return np.where(held, 1, np.where(no_period, 2 if undated == "show" else 0, 0)).tolist()


def test_the_page_draws_in_every_month_what_geo_timeline_says(bundled):
    frames = {layer.spec.id: layer.frame for layer in bundled if timeline.timed(layer.frame)}
    frames["edges"] = EDGES
    assert {"migration_routes", "reception_communities", "patrol_zones"} <= set(frames)
    months = timeline.months(timeline.FIRST_MONTH, timeline.latest_month())
    states = [as_of_state(m, u, "es") for m in months for u in ("show", "hide")]
    answered = node_marks({name: periods(frame) for name, frame in frames.items()}, states)
    for name, frame in frames.items():
        expected = [timeline_marks(frame, s["month"], s["undated"]) for s in states]
        wrong = [s["month"] for s, a, e in zip(states, answered[name], expected) if a != e]
        assert wrong == [], f"{name}: the page and geo.timeline disagree in {wrong[:5]}"


def test_every_period_draws_everything_and_marks_nothing(bundled):
    frames = {layer.spec.id: layer.frame for layer in bundled if timeline.timed(layer.frame)}
    answered = node_marks({name: periods(frame) for name, frame in frames.items()}, [as_of_state(None, "hide", "es")])
    assert all(marks == [[1] * len(frames[name])] for name, marks in answered.items())


def test_periods_are_days_with_open_ends_and_untimed_layers_send_none(bundled):
    got = periods(EDGES)
    assert got["from"][0] == (np.datetime64("2022-11-25") - np.datetime64("1970-01-01")).astype(int)
    assert got["from"][3] == -OPEN_DAYS and got["to"][0] == OPEN_DAYS
    assert got["dated"].tolist() == (~timeline.undated(EDGES)).astype(int).tolist()
    untimed = {layer.spec.id for layer in bundled if periods(layer.frame) is None}
    assert untimed == {"countries", "provinces_comarcas", "coastline", "rivers", "colombia_panama_border", "towns"}


def test_timed_small_layers_register_with_the_filter_and_untimed_ones_do_not(bundled):
    page = build_map(bundled, "es").get_root().render()
    library = resources.js("timefilter.js")
    assert page.count(library) == 1 and page.index(library) < page.index("window.dcOnEachFeature(")
    registered = re.findall(r'window\.dcTimedGeoJson\(geo_json_\w+, "(\w+)"\);', page)
    assert sorted(registered) == sorted(layer.spec.id for layer in bundled if timeline.timed(layer.frame))
    for layer_id in registered:  # each after its own layer: the variable it names exists
        info = page.index(f'window.dcFeatureInfo["{layer_id}"]')
        assert page.index("window.dcTimedGeoJson(", info) > info


def test_a_big_timed_layer_carries_its_periods_in_its_payload():
    n = 4000
    rng = np.random.default_rng(3)
    starts = np.datetime64("2012-01-01") + rng.integers(0, 5000, n).astype("timedelta64[D]")
    dated = rng.random(n) > 0.1
    big = big_layer("LineString", n=n, dated=dated, valid_from=starts.astype(str), valid_to=None)
    data = decode(prepare(big, "es"))
    want = periods(big.frame)
    for key in ("from", "to", "dated"):
        assert varints(data["time"][key]["b64"]) == want[key].tolist(), key
    assert data["undated_note"]
    untimed = decode(prepare(big_layer("Point", n=n), "es"))
    assert "time" not in untimed


def test_the_legend_counts_undated_features_of_timed_layers(bundled):
    items = {item["title"]: item for item in legend_items(bundled, "en")}
    communities = next(layer.frame for layer in bundled if layer.spec.id == "reception_communities")
    item = items["Reception communities"]
    assert item["timed"] and item["undated"] == int(timeline.undated(communities).sum()) > 0
    assert item["undated_shown"] == f"{item['undated']} undated: shown marked"
    assert not items["Towns"]["timed"]


def test_the_month_call_is_inert_data_on_the_live_map():
    state = as_of_state("2023-09", "hide", "en") | {"heading": "</script><img src=x onerror=alert(1)>{{ 7*7 }}"}
    fmap = folium.Map()
    text = _get_feature_group_string(as_of_group(state), fmap)  # as streamlit-folium sends it
    assert "window.dcSetAsOf(" in text
    assert "</script" not in text and "{{" not in text and "<img" not in text
    call = re.search(r"window\.dcSetAsOf\((\{.*\})\);", text).group(1)
    assert json.loads(call) == state
    rendered = AsOf(state)._template.module.script(AsOf(state))
    assert "{{" not in rendered and "<" not in rendered


def test_a_month_is_said_in_each_language_and_a_wrong_choice_refused():
    assert as_of_state("2023-09", "show", "es")["heading"] == "Situación a sep. 2023"
    assert as_of_state("2023-09", "show", "en")["heading"] == "As of Sep 2023"
    start, end = as_of_state("2024-12", "show", "en")["start"], as_of_state("2024-12", "show", "en")["end"]
    assert end - start == 31
    assert month_label("2025-05", "es") == "may. 2025"
    with pytest.raises(ValueError, match="undated"):
        as_of_state("2023-09", "maybe", "en")
    with pytest.raises(ValueError, match="YYYY-MM"):
        as_of_state("2023-9", "show", "en")
