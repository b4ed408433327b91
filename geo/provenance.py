"""What the data page says of each layer: sources, licence, period, confidence."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from geo.i18n import field_label, label, t, written
from geo.i18n.formats import date_text
from geo.load import Layer
from geo.spec import CONFIDENCE_LEVELS


def period_text(frame: pd.DataFrame, lang: str) -> str:
    """`first valid_from – last valid_to`, days as `lang` writes them, open ends said as such.

    >>> period_text(pd.DataFrame({"valid_from": ["2021-01-01", None], "valid_to": ["2024-12-31", "2025-01-01"]}), "en")
    'open – 1 Jan 2025'
    >>> period_text(pd.DataFrame({"valid_from": ["2023-06-02"], "valid_to": [None]}), "es")
    '2 jun. 2023 – abierto'
    """
    starts = frame["valid_from"] if "valid_from" in frame else pd.Series([None])
    ends = frame["valid_to"] if "valid_to" in frame else pd.Series([None])
    start = t("app.open_ended", lang) if starts.isna().any() else _day(starts.min(), lang)
    end = t("app.open_ended", lang) if ends.isna().any() else _day(ends.max(), lang)
    return f"{start} – {end}"


def _day(value, lang: str) -> str:
    """An ISO day as `lang` writes it; anything else (a bare year) as it is."""
    try:
        return date_text(str(value), lang)
    except ValueError:
        return str(value)


def confidence_text(frame: pd.DataFrame, lang: str) -> str:
    """Features per confidence level, most certain first, e.g. 'reported (13), approximate (4)'."""
    counts = frame["confidence"].value_counts()
    return ", ".join(f"{label('confidence', c, lang)} ({counts[c]})" for c in CONFIDENCE_LEVELS if c in counts)


def layer_summary(layers: Sequence[Layer], lang: str) -> pd.DataFrame:
    """One row per layer, with translated column names, for the data page."""
    rows = [
        {
            "layer": layer.spec.title[lang],
            "features": len(layer.frame),
            "confidence": confidence_text(layer.frame, lang),
            "period": period_text(layer.frame, lang),
            "source": written(layer.spec.source, lang),
            "licence": written(layer.spec.licence, lang),
            "attribution": "; ".join(written(credit, lang) for credit in layer.spec.attribution),
        }
        for layer in layers
    ]
    columns = ["layer", "features", "confidence", "period", "source", "licence", "attribution"]
    return pd.DataFrame(rows, columns=columns).rename(columns=lambda c: field_label(c, lang))
