"""Numbers written the way each language writes them, as the map's measuring tool does in the
page (JavaScript's Intl.NumberFormat for "es" and "en"): Spanish with a decimal comma and a
point between thousands from five digits on, English with a decimal point and commas.

>>> decimal(1234.567, "es"), decimal(12345.6, "es"), decimal(12345.6, "en"), decimal(0.5, "es", 2)
('1234,6', '12.345,6', '12,345.6', '0,5')
>>> decimal(26.0, "en")
'26'
"""

from __future__ import annotations


def decimal(value: float, lang: str, digits: int = 1) -> str:
    """`value` rounded to at most `digits` decimals (trailing zeros dropped), in `lang`'s way."""
    text = f"{value:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang != "es":
        return text
    whole, _, fraction = text.partition(".")
    if len(whole.replace(",", "")) < 5:
        whole = whole.replace(",", "")
    whole = whole.replace(",", ".")
    return f"{whole},{fraction}" if fraction else whole
