"""Tables as the reader's language writes numbers (1.234,5 in Spanish), still sortable as numbers.

A pandas Styler carries the text shown (geo.i18n.formats.number) beside the values, so a click on
a column's header still sorts by value and a download still holds the numbers.
"""

from __future__ import annotations

import pandas as pd
from pandas.io.formats.style import Styler

from geo.i18n.formats import number


def localized(frame: pd.DataFrame, lang: str, *, keep: tuple[str, ...] = ()) -> Styler:
    """`frame` with every numeric column (but those in `keep`: years, ids) written for `lang`."""
    columns = [
        c
        for c in frame.columns
        if c not in keep and pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
    ]
    return frame.style.format(lambda v: number(v, lang), subset=columns)
