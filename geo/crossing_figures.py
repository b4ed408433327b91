"""Reported crossing statistics (data/darien_crossings.csv)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from geo.load import DATA_DIR

CROSSINGS_FILE = "darien_crossings.csv"


def load_crossings(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Every reported figure, with its period, source and whether sources disagree."""
    return pd.read_csv(Path(data_dir) / CROSSINGS_FILE, dtype={"period": str})


def yearly(crossings: pd.DataFrame) -> pd.DataFrame:
    """Full-year figures only, one row per year, oldest first."""
    years = crossings[crossings["period_type"] == "year"].copy()
    years["year"] = years["period"].astype(int)
    return years.sort_values("year").reset_index(drop=True)
