"""Filters for each layer: keep a layer's features by any of its attributes.

A filter is data: a `LayerFilters` holds conditions, each on one attribute of one layer
(`Category`: the value is one of these; `Range`: a number between two bounds, inclusive;
`Contains`: the text holds these letters, case and accents aside). Conditions on one layer
all apply (and); a layer with none keeps every feature. Everything is frozen and hashable, so
`geo.selection.Filters` carries a `LayerFilters` and `geo.selection.FilteredCache` keys on it.

What can be filtered is read from the layer itself (`choices`): its declared vocabulary makes
a category; other columns are judged by their values, so an uploaded layer gets filters
from its own columns. The month, the undated choice and the confidence have their own
controls (geo.selection.Filters) and are not offered again here.

A missing value (None, NaN) passes a category only when `None` is among its values, and
never passes a range or a text condition: a filter narrows to what is known to match.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from geo.load import Layer
from geo.spec import PERIOD_FIELDS

#: Not offered: they have their own controls (confidence, "as of") or are bookkeeping.
NOT_FILTERED = frozenset({"confidence", "dated", *PERIOD_FIELDS}) | frozenset(
    f"{bound}_{part}" for bound in PERIOD_FIELDS for part in ("precision", "basis", "source")
)

#: A text column with at most this many distinct values is offered as categories.
CATEGORY_MAX = 25


def fold(text: object) -> str:
    """Text as compared by `Contains`: lower case, accents removed.

    >>> fold("Canaán Membrillo"), fold(None)
    ('canaan membrillo', '')
    """
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold_column(column: pd.Series) -> pd.Series:
    """`fold` of every value of `column` (a missing value folds to ""), by one `str.translate`
    per value: what `Contains` and the table's search compare, fast on 100,000 rows.

    >>> fold_column(pd.Series(["Canaán", None, 3.5, "ÑANDÚ", "Cana\u0301n"])).tolist()
    ['canaan', '', '3.5', 'nandu', 'canan']
    """
    text = column.astype(object).where(column.notna(), "").astype(str)
    return text.str.translate(_fold_table()).str.casefold()


@functools.cache
def _fold_table() -> dict[int, str | None]:
    """Each character of the Basic Multilingual Plane that `fold` changes beyond case: accented
    letters to their folded letters, combining marks to nothing (built once, in about 0.1 s)."""
    table: dict[int, str | None] = {}
    for code in range(0x80, 0x10000):
        char = chr(code)
        if unicodedata.combining(char):
            table[code] = None
        elif (folded := fold(char)) != char.casefold():
            table[code] = folded
    return table


@dataclass(frozen=True)
class Category:
    """Keep features whose `attribute` is one of `values` (compared as text; None: missing)."""

    layer: str
    attribute: str
    values: frozenset[str | None]

    def keep(self, column: pd.Series) -> np.ndarray:
        missing = column.isna().to_numpy()
        known = {v for v in self.values if v is not None}
        keep = column.astype(str).isin(known).to_numpy() & ~missing
        if None in self.values:
            keep |= missing
        return keep


@dataclass(frozen=True)
class Range:
    """Keep features whose `attribute`, as a number, lies in [low, high] (None: open end)."""

    layer: str
    attribute: str
    low: float | None = None
    high: float | None = None

    def __post_init__(self) -> None:
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"range on {self.attribute!r}: low {self.low} is above high {self.high}")

    def keep(self, column: pd.Series) -> np.ndarray:
        numbers = pd.to_numeric(column, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        keep = ~np.isnan(numbers)
        if self.low is not None:
            keep &= numbers >= self.low
        if self.high is not None:
            keep &= numbers <= self.high
        return keep


@dataclass(frozen=True)
class Contains:
    """Keep features whose `attribute` holds `text` (case and accents aside: "canaan" finds
    "Canaán"). An empty text keeps everything."""

    layer: str
    attribute: str
    text: str

    def keep(self, column: pd.Series) -> np.ndarray:
        needle = fold(self.text).strip()
        if not needle:
            return np.ones(len(column), dtype=bool)
        return fold_column(column).str.contains(needle, regex=False).to_numpy(dtype=bool) & ~column.isna().to_numpy()


Condition = Category | Range | Contains


@dataclass(frozen=True)
class LayerFilters:
    """Conditions on the layers' attributes, layer id -> attribute -> condition, as one tuple
    (hashable). Build it with `of(...)`, which drops empty texts and orders the conditions, so
    the same choices always make an equal (and equally hashed) value."""

    conditions: tuple[Condition, ...] = field(default=())

    @classmethod
    def of(cls, conditions: Iterable[Condition]) -> LayerFilters:
        kept = [c for c in conditions if not (isinstance(c, Contains) and not fold(c.text).strip())]
        return cls(tuple(sorted(kept, key=lambda c: (c.layer, c.attribute, type(c).__name__))))

    def __bool__(self) -> bool:
        return bool(self.conditions)

    def on(self, layer_id: str) -> tuple[Condition, ...]:
        return tuple(c for c in self.conditions if c.layer == layer_id)

    def keep(self, layer: Layer) -> np.ndarray:
        """Which features of `layer` pass its conditions. A condition on an attribute the
        layer lacks keeps nothing: the filter was meant for values this layer does not have."""
        frame = layer.frame
        keep = np.ones(len(frame), dtype=bool)
        for condition in self.on(layer.spec.id):
            if condition.attribute not in frame.columns:
                return np.zeros(len(frame), dtype=bool)
            keep &= condition.keep(frame[condition.attribute])
        return keep


@dataclass(frozen=True)
class Choice:
    """What can be filtered on one attribute: `kind` and, for a category, its `values`
    (declared order, then the others as found; None if some feature has none), for a range
    its `low` and `high`."""

    attribute: str
    kind: Literal["category", "range", "text"]
    values: tuple[str | None, ...] = ()
    low: float | None = None
    high: float | None = None
    integer: bool = False


def choices(layer: Layer) -> list[Choice]:
    """What each attribute of `layer` can be filtered by, in the frame's column order."""
    frame = layer.frame
    out = []
    for attribute in frame.columns:
        if attribute == frame.geometry.name or attribute in NOT_FILTERED:
            continue
        column = frame[attribute]
        declared = tuple(layer.spec.vocabulary.get(attribute, {}))
        missing = (None,) if column.isna().any() else ()
        if declared:
            found = [v for v in dict.fromkeys(column.dropna().astype(str)) if v not in declared]
            out.append(Choice(attribute, "category", (*declared, *sorted(found), *missing)))
        elif pd.api.types.is_bool_dtype(column):
            out.append(Choice(attribute, "category", ("False", "True", *missing)))
        elif pd.api.types.is_numeric_dtype(column):
            numbers = pd.to_numeric(column, errors="coerce").dropna()
            if len(numbers) and numbers.min() < numbers.max():
                integer = pd.api.types.is_integer_dtype(column) or bool((numbers == numbers.round()).all())
                out.append(
                    Choice(attribute, "range", low=float(numbers.min()), high=float(numbers.max()), integer=integer)
                )
        else:
            distinct = column.dropna().astype(str).unique()
            if 0 < len(distinct) <= CATEGORY_MAX:
                out.append(Choice(attribute, "category", (*sorted(distinct), *missing)))
            elif len(distinct):
                out.append(Choice(attribute, "text"))
    return out


def passing(layers: Sequence[Layer], filters: LayerFilters) -> dict[str, int]:
    """How many features of each layer pass its own conditions (layer id -> count)."""
    return {layer.spec.id: int(filters.keep(layer).sum()) for layer in layers}
