"""geo.timeline: months, the latest month of data, and periods read from whatever a layer holds."""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import pandas as pd
import pytest
from shapely import Point

from geo import timeline
from geo.crossing_figures import load_crossings
from geo.load import Layer
from tests.specs import user_spec


def user_layer(**columns) -> Layer:
    spec = user_spec("mine", "Point")
    n = len(next(iter(columns.values())))
    return Layer(spec, gpd.GeoDataFrame(columns, geometry=[Point(-77.5, 8.2)] * n, crs="EPSG:4326"))


def test_the_months_of_the_control_run_from_2010_to_the_latest_month_of_data():
    every = timeline.months()
    assert every[0] == timeline.FIRST_MONTH == "2010-01"
    assert every[-1] == timeline.latest_month()
    assert len(every) == len(set(every)) == (int(every[-1][:4]) - 2010) * 12 + int(every[-1][5:])
    assert timeline.months("2024-11", "2025-02") == ["2024-11", "2024-12", "2025-01", "2025-02"]
    with pytest.raises(ValueError, match="comes before"):
        timeline.months("2025-02", "2024-11")


def test_the_latest_month_is_the_last_the_crossings_series_or_a_period_describes():
    crossings = load_crossings()
    whole = crossings[crossings["period_type"].isin(("year", "month"))]
    last_day = (pd.to_datetime(whole["period_end"]).max() - pd.Timedelta(days=1)).date()
    assert timeline.latest_month(today=dt.date(2100, 1, 1)) == timeline.month_of(last_day) == "2025-12"
    # A period of the layers on the map that reaches further moves it on; an end is the day before it.
    later = user_layer(valid_from=["2026-03-15"], valid_to=[None])
    assert timeline.latest_month([later], today=dt.date(2100, 1, 1)) == "2026-03"
    ended = user_layer(valid_from=["2020-01-01"], valid_to=["2026-05-01"])  # held until 30 April
    assert timeline.latest_month([ended], today=dt.date(2100, 1, 1)) == "2026-04"
    # Never later than today.
    assert timeline.latest_month([later], today=dt.date(2026, 1, 20)) == "2026-01"


@pytest.mark.parametrize(
    "written",
    [
        pytest.param(["2022-11-25", "2025-05-14"], id="ISO text"),
        pytest.param(["2022-11-25T23:30:00-05:00", "2025-05-14T08:00:00+02:00"], id="ISO text with a time and offset"),
        pytest.param([dt.date(2022, 11, 25), dt.date(2025, 5, 14)], id="dates"),
        pytest.param(
            list(pd.to_datetime(["2022-11-25 23:30", "2025-05-14 08:00"]).tz_localize("America/Panama")),
            id="timestamps with a time zone",
        ),
    ],
)
def test_a_period_is_read_from_whatever_holds_its_dates(written):
    # The date meant is the date written, wherever the clock was: 25 Nov 2022 to 14 May 2025.
    frame = pd.DataFrame({"valid_from": [written[0]], "valid_to": [written[1]]})
    assert [timeline.valid_in_month(frame, m)[0] for m in ("2022-10", "2022-11", "2025-05", "2025-06")] == [
        False,
        True,
        True,
        False,
    ]


def test_a_date_column_of_datetimes_is_read_as_days():
    frame = pd.DataFrame({"valid_from": pd.to_datetime(["2023-06-02 10:00", None])})
    assert timeline.valid_in_month(frame, "2023-06").tolist() == [True, False]
    assert timeline.undated(frame).tolist() == [False, True]


@pytest.mark.parametrize(
    ("flag", "dated"),
    [(True, True), ("true", True), ("True", True), ("1", True), (1, True), ("false", False), (None, False)],
)
def test_the_dated_flag_is_read_as_written(flag, dated):
    frame = pd.DataFrame({"dated": pd.Series([flag], dtype=object), "valid_from": ["2021-01-01"]})
    assert timeline.undated(frame).tolist() == [not dated]


def test_what_cannot_be_read_as_a_date_counts_as_empty():
    frame = pd.DataFrame({"valid_from": ["someday", "2023-13-01", ""], "valid_to": [None, None, None]})
    assert timeline.undated(frame).tolist() == [True, True, True]
    assert not timeline.timed(frame)
