"""Numbers and dates as each language writes them: the one place that formats a figure for a reader.

Spanish groups thousands with a point and writes the decimal comma (1.234,5); English the other
way round (1,234.5). A minus is the typographic minus, as in the rest of the interface. Years
are never grouped (geo.i18n.t leaves a `year` placeholder alone).

>>> number(1234.5, "es", 1), number(1234.5, "en", 1)
('1.234,5', '1,234.5')
>>> number(88.32, "es"), number(3, "en"), number(None, "es")
('88,32', '3', '')
>>> date_text("2025-05-14", "es"), date_text("2025-05-14", "en")
('14 may. 2025', '14 May 2025')
"""

from __future__ import annotations

import math
from datetime import date, datetime

from geo.i18n.catalogue import text

#: (thousands separator, decimal mark) per language.
SEPARATORS = {"es": (".", ","), "en": (",", ".")}

#: Decimals shown when the caller does not say: enough for the project's km and km² figures.
DEFAULT_DECIMALS = 2


def number(value: float | int | None, lang: str, decimals: int | None = None) -> str:
    """`value` written for `lang`: grouped thousands, the language's decimal mark, `decimals`
    places (None: an integer as it is, a float with at most DEFAULT_DECIMALS places, trailing
    zeros dropped). None and NaN are the empty text."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    group, mark = SEPARATORS.get(lang, SEPARATORS["en"])
    if decimals is None:
        if float(value).is_integer():
            body = f"{abs(value):,.0f}"
        else:
            body = f"{abs(value):,.{DEFAULT_DECIMALS}f}".rstrip("0").rstrip(".")
    else:
        body = f"{abs(value):,.{decimals}f}"
    body = body.replace(",", "\0").replace(".", mark).replace("\0", group)
    negative = value < 0 and body.strip("0" + group + mark) != ""
    return ("−" if negative else "") + body


def date_text(value: date | datetime | str, lang: str) -> str:
    """A day as `lang` writes it, with the month's short name from the catalogue (asof.month.MM)."""
    day = date.fromisoformat(value[:10]) if isinstance(value, str) else value
    month = text(f"asof.month.{day.month:02d}", lang)
    return text("date.day_month_year", lang, day=day.day, month=month, year=day.year)
