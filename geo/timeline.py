"""Time: which features held in a month, and which months there is data for.

Every bundled feature says whether it has a known period (`dated`) and, if so, gives it as
ISO dates: `valid_from` inclusive, `valid_to` exclusive (empty: still open), each already
widened to the whole month or year where the source is no more precise (data/README.md).
A month is written "YYYY-MM" and stands for the half-open interval from its first day to the
first day of the next month, so a feature *held in a month* when the two intervals overlap.

- **Undated** features carry no period: `dated` false (or missing), or no date in
  `valid_from`/`valid_to`, or no such columns at all (a user's layer with no time columns).
  No known period is not "always": they are never valid in a month, and the map shows them
  marked as undated, or hides them, as the user chooses (geo.selection.Filters.undated).
- A layer is **timed** when at least one of its features is dated (routes, stations, patrol
  zones, parks). A layer with no dated feature (countries, coast, rivers, provinces, towns)
  is not about time: the month does not filter it, and its features are not counted as
  undated in the legend.

Dates are read from ISO text (a time part and offset are ignored: the date written is the
date meant), `datetime.date`, or pandas timestamps; what cannot be read counts as empty.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

#: The first month of the "as of" control: the first year of the crossings series.
FIRST_MONTH = "2010-01"

_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")
_YES = ("true", "1", "yes")


def month_bounds(month: str) -> tuple[_dt.date, _dt.date]:
    """(first day, first day of the next month): the month as a half-open interval.

    >>> month_bounds("2023-09")
    (datetime.date(2023, 9, 1), datetime.date(2023, 10, 1))
    >>> month_bounds("2024-12")
    (datetime.date(2024, 12, 1), datetime.date(2025, 1, 1))
    >>> month_bounds("2023-9")
    Traceback (most recent call last):
    ValueError: a month is written YYYY-MM (e.g. 2023-09), got '2023-9'
    """
    found = _MONTH.fullmatch(month) if isinstance(month, str) else None
    if found is None:
        raise ValueError(f"a month is written YYYY-MM (e.g. 2023-09), got {month!r}")
    year, number = int(found[1]), int(found[2])
    start = _dt.date(year, number, 1)
    end = _dt.date(year + number // 12, number % 12 + 1, 1)
    return start, end


def month_of(day: _dt.date) -> str:
    """The month a day falls in.

    >>> import datetime
    >>> month_of(datetime.date(2025, 5, 14))
    '2025-05'
    """
    return f"{day.year:04d}-{day.month:02d}"


def months(first: str = FIRST_MONTH, last: str | None = None) -> list[str]:
    """Every month from `first` to `last` (both included; `last` defaults to latest_month()).

    >>> months("2023-11", "2024-02")
    ['2023-11', '2023-12', '2024-01', '2024-02']
    >>> months("2024-02", "2024-02")
    ['2024-02']
    """
    last = latest_month() if last is None else last
    start, _ = month_bounds(first)
    stop, _ = month_bounds(last)
    if stop < start:
        raise ValueError(f"the last month ({last}) comes before the first ({first})")
    return [f"{index // 12:04d}-{index % 12 + 1:02d}" for index in range(_index(start), _index(stop) + 1)]


def _index(day: _dt.date) -> int:
    return day.year * 12 + day.month - 1


def undated(frame: pd.DataFrame) -> np.ndarray:
    """True for each feature with no known period (see the module's docstring).

    >>> frame = pd.DataFrame({"dated": [True, False, True], "valid_from": ["2022-11-25", None, None],
    ...                       "valid_to": [None, None, None]})
    >>> undated(frame).tolist()  # the last says it is dated but gives no date: no period known
    [False, True, True]
    >>> undated(pd.DataFrame({"valid_from": ["2021-01-01", None]})).tolist()  # no `dated` column: the dates say
    [False, True]
    >>> undated(pd.DataFrame({"name": ["a user's layer with no time columns"]})).tolist()
    [True]
    """
    return ~_dated(frame)


def timed(frame: pd.DataFrame) -> bool:
    """Whether any feature of `frame` has a known period (a layer about time).

    >>> timed(pd.DataFrame({"dated": [False, True], "valid_from": [None, "2009-01-01"]}))
    True
    >>> timed(pd.DataFrame({"dated": [False, False], "valid_from": [None, None]}))  # a context layer
    False
    """
    return bool(_dated(frame).any())


def valid_in_month(frame: pd.DataFrame, month: str) -> np.ndarray:
    """True for each dated feature whose period [valid_from, valid_to) overlaps `month`:
    it starts before the next month's first day and ends (if it ends) after the month's first
    day. False for undated features, whatever the month.

    >>> stations = pd.DataFrame({
    ...     "name": ["Lajas Blancas", "San Vicente", "open since 2025-02", "a village"],
    ...     "dated": [True, True, True, False],
    ...     "valid_from": ["2009-01-01", "2022-11-25", "2025-02-01", None],
    ...     "valid_to": ["2025-05-14", None, None, None],  # Lajas Blancas closed on 14 May 2025
    ... })
    >>> valid_in_month(stations, "2025-05").tolist()  # open until the 13th: shown in May
    [True, True, True, False]
    >>> valid_in_month(stations, "2025-06").tolist()  # not in June
    [False, True, True, False]
    >>> valid_in_month(stations, "2022-11").tolist()  # San Vicente opened on 25 Nov 2022: shown in November
    [True, True, False, False]
    >>> valid_in_month(stations, "2022-10").tolist()  # not in October
    [True, False, False, False]
    >>> valid_in_month(stations, "2008-12").tolist()  # before every start
    [False, False, False, False]
    >>> valid_in_month(stations.iloc[:0], "2025-05").tolist()
    []
    """
    start, end = (np.datetime64(day, "D") for day in month_bounds(month))
    begins, ends = _dates(frame, "valid_from"), _dates(frame, "valid_to")
    started = np.isnat(begins) | (begins < end)
    not_ended = np.isnat(ends) | (ends > start)
    return _dated(frame) & started & not_ended


def latest_month(layers: Sequence | None = None, today: _dt.date | None = None) -> str:
    """The latest month the data describe: the last month of the crossings series
    (geo.crossing_figures: its full years and months) or the last month in which a period
    of `layers` (geo.load.Layer; by default the bundled layers) starts or still holds,
    whichever is later; never later than the month of `today` (by default, today).

    >>> import datetime
    >>> latest_month()  # the 2025 full-year figure of the series
    '2025-12'
    >>> latest_month(today=datetime.date(2025, 3, 10))
    '2025-03'
    """
    today = today or _dt.date.today()
    if layers is None:
        candidates = [_crossings_latest(), _bundled_latest()]
    else:
        candidates = [_crossings_latest(), *(_periods_latest(layer.frame) for layer in layers)]
    latest = max((day for day in candidates if day is not None), default=month_bounds(FIRST_MONTH)[0])
    return month_of(min(latest, today))


# --- reading the period columns ---------------------------------------------------------------


def _dated(frame: pd.DataFrame) -> np.ndarray:
    """Whether each feature has a known period: it says so (or has no `dated` column) and gives a date."""
    has_date = ~np.isnat(_dates(frame, "valid_from")) | ~np.isnat(_dates(frame, "valid_to"))
    if "dated" not in frame:
        return has_date
    flag = frame["dated"]
    if flag.dtype == bool:
        return flag.to_numpy() & has_date
    codes, values = pd.factorize(flag, use_na_sentinel=True)
    says = pd.Series(values, dtype=object).astype("string").str.strip().str.lower().isin(_YES).to_numpy(dtype=bool)
    return np.append(says, False)[codes] & has_date  # code -1 (missing) takes the appended False


def _dates(frame: pd.DataFrame, column: str) -> np.ndarray:
    """The column's dates as datetime64[D] (NaT where empty, missing or unreadable)."""
    if column not in frame or len(frame) == 0:
        return np.full(len(frame), np.datetime64("NaT"), dtype="datetime64[D]")
    values = frame[column]
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        values = values.dt.tz_localize(None)  # the date on the clock where it was written
    if pd.api.types.is_datetime64_dtype(values.dtype):
        return values.to_numpy().astype("datetime64[D]")
    # Each distinct value read once (a layer of 100,000 features has few distinct dates).
    codes, values = pd.factorize(values, use_na_sentinel=True)
    # The date part of whatever was written: ISO text, a date, a timestamp (any offset).
    text = pd.Series(values, dtype=object).astype("string").str.strip().str.slice(0, 10)
    days = pd.to_datetime(text, format="ISO8601", errors="coerce").to_numpy().astype("datetime64[D]")
    return np.append(days, np.datetime64("NaT", "D"))[codes]  # code -1 (missing) takes the appended NaT


def _periods_latest(frame: pd.DataFrame) -> _dt.date | None:
    """The last day a period of `frame` describes: its latest start, or the day before its latest end."""
    dated = _dated(frame)
    begins, ends = _dates(frame, "valid_from")[dated], _dates(frame, "valid_to")[dated]
    days = np.concatenate([begins, ends - np.timedelta64(1, "D")])  # NaT stays NaT
    days = days[~np.isnat(days)]
    return days.max().astype(_dt.date) if days.size else None


@functools.cache
def _crossings_latest() -> _dt.date | None:
    from geo.crossing_figures import load_crossings

    crossings = load_crossings()
    whole = crossings[crossings["period_type"].isin(("year", "month"))]
    ends = pd.to_datetime(whole["period_end"], format="ISO8601", errors="coerce").dropna()
    return (ends.max() - pd.Timedelta(days=1)).date() if len(ends) else None


@functools.cache
def _bundled_latest() -> _dt.date | None:
    # The registry is above the core: read when first asked, never at import (as geo.i18n does).
    import layers
    from geo.load import load_layers

    found = [_periods_latest(layer.frame) for layer in load_layers(layers.LAYERS)]
    return max((day for day in found if day is not None), default=None)
