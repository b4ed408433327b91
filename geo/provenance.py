"""What the data page says of each layer: sources, licence, period, confidence."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from geo import timeline
from geo.i18n import field_label, label, t, written
from geo.i18n.formats import date_text
from geo.load import Layer
from geo.spec import CONFIDENCE_LEVELS


def period_text(frame: pd.DataFrame, lang: str) -> str:
    """`first valid_from – last valid_to` of the dated features (geo.timeline), days as `lang` writes them, open ends
    said as such, and how many features have no known period; a layer with none dated says
    so, never "open – open" (which would claim it always held).

    >>> dates = {"dated": [True, True, False], "valid_from": ["2021-01-01", "2022-01-01", None],
    ...          "valid_to": [None, "2025-01-01", None]}
    >>> period_text(pd.DataFrame(dates), "en")
    '1 Jan 2021 – open (1 undated)'
    >>> period_text(pd.DataFrame({"dated": [False], "valid_from": [None], "valid_to": [None]}), "en")
    'no dates'
    """
    undated = timeline.undated(frame)
    dated = frame[~undated]
    if dated.empty:
        return t("app.no_dates", lang)
    starts, ends = dated["valid_from"], dated["valid_to"]
    start = t("app.open_ended", lang) if starts.isna().any() else _day(starts.min(), lang)
    end = t("app.open_ended", lang) if ends.isna().any() else _day(ends.max(), lang)
    text = f"{start} – {end}"
    if undated.any():
        text += " " + t("app.period_undated", lang, n=int(undated.sum()))
    return text


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
