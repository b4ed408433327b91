"""Reported crossing statistics (data/darien_crossings.csv).

One row per figure of the series of record: Panama's Servicio Nacional de Migración
(SNM), yearly 2010-2025 and monthly where a source gives the month; partial periods
are rows of their own (`partial_year`, `partial_month`, `partial_month_approx`).
Columns:

- `period`, `period_type` (year, month, partial_*); `period_start`, `period_end`:
  the half-open ISO interval of a year or month row (empty for partial rows, whose
  cut-off the sources do not state exactly);
- `value`: the series figure; `value_basis`: `stated` (a source gives it in words or
  as a total) or `sum_of_breakdown` (the sum of a published table's per-nationality
  figures for that period); `publisher`: whose figure it is;
- `other_values`: other sources' figures for the same period (`;`-separated),
  `other_sources` their citations; `conflicting_figures`: true when any differs;
- `note`, `source` (publisher, title, date, URL of each source), `confidence`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from geo.load import DATA_DIR

CROSSINGS_FILE = "darien_crossings.csv"


def load_crossings(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Every reported figure, with its period, source and whether sources disagree."""
    return pd.read_csv(Path(data_dir) / CROSSINGS_FILE, dtype={"period": str, "other_values": str})


def yearly(crossings: pd.DataFrame) -> pd.DataFrame:
    """Full-year figures only, one row per year, oldest first."""
    years = crossings[crossings["period_type"] == "year"].copy()
    years["year"] = years["period"].astype(int)
    return years.sort_values("year").reset_index(drop=True)


def monthly(crossings: pd.DataFrame) -> pd.DataFrame:
    """Full-month figures only, one row per month, oldest first (months no source gives are absent)."""
    months = crossings[crossings["period_type"] == "month"].copy()
    months["month"] = pd.to_datetime(months["period"], format="%Y-%m")
    return months.sort_values("month").reset_index(drop=True)
