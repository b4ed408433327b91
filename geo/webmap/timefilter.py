"""The "as of" control on the map: each feature's period travels with it, and one call shows
the map as it was in a month, in the page, without building it again (js/timefilter.js).

- `TimeFilter`: the library, once per map, before the layers;
- `periods(frame)`: what a timed layer sends (small layers in their FeatureInfo, big ones in
  their prepared payload, geo.webmap.compact);
- `TimedGeoJson`: after a timed small layer, registers it with the filter;
- `as_of_state(month, undated, lang)` and `as_of_group(state)`: the call, as a FeatureGroup that
  streamlit-folium adds to the live map (`feature_group_to_add`) without rendering the map again.

A layer with no dated feature (a context layer) is untimed: it sends nothing and is always drawn.
The predicate (js/timefilter.js, `dcTimeMarks`) is geo.timeline.valid_in_month's, on the same
dates read the same way: a dated feature is drawn in a month when its half-open period
[valid_from, valid_to) overlaps the month's [start, end), an open end being open; an undated
feature is drawn marked, or hidden, as the user chose (geo.selection.Filters.undated).
tests/webmap/test_timefilter.py runs the JavaScript against geo.timeline on every month.
"""

from __future__ import annotations

import folium
import numpy as np
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from geo import timeline
from geo.escape import script_json
from geo.i18n import t
from geo.selection import UNDATED_CHOICES
from geo.webmap import resources
from geo.webmap.elements import RawScriptMacro

#: Days since 1970-01-01 beyond any date: an open start or end of a period.
OPEN_DAYS = 10_000_000

_EPOCH = np.datetime64("1970-01-01", "D")


def periods(frame: pd.DataFrame) -> dict[str, np.ndarray] | None:
    """Each feature's period as whole days since 1970-01-01 (`from` inclusive, `to` exclusive,
    open ends as -/+OPEN_DAYS) and whether it is `dated` (1) or not (0); None when no feature
    of `frame` is dated (an untimed layer).

    >>> import geopandas as gpd
    >>> frame = gpd.GeoDataFrame({"dated": [True, True, False], "valid_from": ["1970-01-02", None, None],
    ...                           "valid_to": [None, "1970-02-01", None]}, geometry=[None] * 3)
    >>> {k: v.tolist() for k, v in periods(frame).items()}
    {'from': [1, -10000000, -10000000], 'to': [10000000, 31, 10000000], 'dated': [1, 1, 0]}
    """
    dated = ~np.asarray(timeline.undated(frame), dtype=bool)
    if not dated.any():  # not timed (geo.timeline.timed)
        return None
    return {
        "from": _days(frame, "valid_from", -OPEN_DAYS),
        "to": _days(frame, "valid_to", OPEN_DAYS),
        "dated": dated.astype(np.int64),
    }


def _days(frame: pd.DataFrame, column: str, open_end: int) -> np.ndarray:
    """The column's dates in days since 1970-01-01, `open_end` where there is none. Read as
    geo.timeline reads them: the date part of whatever was written."""
    days = np.full(len(frame), open_end, dtype=np.int64)
    if column not in frame or len(frame) == 0:
        return days
    text = frame[column].astype("string").str.strip().str.slice(0, 10)
    when = pd.to_datetime(text, format="ISO8601", errors="coerce").to_numpy().astype("datetime64[D]")
    known = ~np.isnat(when)
    days[known] = (when[known] - _EPOCH).astype(np.int64)
    return days


def month_label(month: str, lang: str) -> str:
    """ "sep. 2023" / "Sep 2023".

    >>> month_label("2023-09", "es"), month_label("2023-09", "en")
    ('sep. 2023', 'Sep 2023')
    """
    year, number = month.split("-")
    return t("asof.month_label", lang, month=t(f"asof.month.{number}", lang), year=year)


def as_of_state(month: str | None, undated: str, lang: str) -> dict:
    """What js/timefilter.js's dcSetAsOf takes: the month (None: every period), its first day and
    the next month's first day in days since 1970-01-01, the undated choice, the legend's line."""
    if undated not in UNDATED_CHOICES:
        raise ValueError(f"undated must be one of {UNDATED_CHOICES}, got {undated!r}")
    if month is None:
        return {"month": None, "start": -OPEN_DAYS, "end": OPEN_DAYS, "undated": undated, "heading": ""}
    start, end = (int((np.datetime64(str(day), "D") - _EPOCH).astype(np.int64)) for day in timeline.month_bounds(month))
    return {
        "month": month,
        "start": start,
        "end": end,
        "undated": undated,
        "heading": t("map.as_of", lang, month=month_label(month, lang)),
    }


class TimeFilter(RawScriptMacro, MacroElement):
    """js/timefilter.js, once per map, before the layers that register with it."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.library }}
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "TimeFilter"
        self.library = resources.js("timefilter.js")


class TimedGeoJson(RawScriptMacro, MacroElement):
    """Registers a timed small layer (its folium.GeoJson, and its FeatureInfo by layer id).
    Added to the map after the layer, so that the layer's variable exists."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.dcTimedGeoJson({{ this.geojson.get_name() }}, {{ this.id_json }});
        {% endmacro %}
        """
    )

    def __init__(self, geojson: folium.GeoJson, layer_id: str):
        super().__init__()
        self._name = "TimedGeoJson"
        self.geojson = geojson
        self.id_json = script_json(layer_id)


class AsOf(RawScriptMacro, MacroElement):
    """The call that shows the map as of a month (`as_of_state`)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        if (window.dcSetAsOf) window.dcSetAsOf({{ this.state_json }});
        {% endmacro %}
        """
    )

    def __init__(self, state: dict):
        super().__init__()
        self._name = "AsOf"
        self.state_json = script_json(state)


def as_of_group(state: dict) -> folium.FeatureGroup:
    """The call as an overlay for streamlit-folium's `feature_group_to_add`: when it changes,
    the component removes the previous overlay and runs this one on the live map (the map's
    own script, and so the map, stay as they were)."""
    group = folium.FeatureGroup(name="as_of", control=False)
    group.add_child(AsOf(state))
    return group
