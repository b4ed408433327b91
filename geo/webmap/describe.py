"""The map said in words: its text alternative (WCAG 1.1.1) for screen readers and for anyone.

What is shown (each layer, top-most first, with how many of its features are on the map) and
the view (the map's bounds in degrees), in the reader's language. The page puts it beside the
map and names it as the map frame's description (ui.page).

>>> import geopandas as gpd
>>> from shapely.geometry import Point
>>> from geo.load import Layer
>>> import layers
>>> towns = Layer(layers.BY_ID["towns"], gpd.GeoDataFrame(geometry=[Point(-77.9, 8.4)] * 1234, crs=4326))
>>> describe([towns], "es", (-78.6, 7.1, -76.5, 8.9))
'Mapa del corredor del Darién. Capas, de arriba abajo: Poblados: 1.234 elementos. Vista: de 7,1° N a 8,9° N y de 78,6° O a 76,5° O.'
"""

from __future__ import annotations

from collections.abc import Sequence

from geo.i18n import t
from geo.i18n.formats import number
from geo.load import Layer


def describe(layers: Sequence[Layer], lang: str, view: tuple[float, float, float, float]) -> str:
    """The text alternative of a map of `layers` (bottom first, as drawn) seen over `view`
    (west, south, east, north)."""
    parts = [t("describe.map", lang)]
    if layers:
        each = "; ".join(
            t(
                "describe.layer",
                lang,
                title=layer.spec.title[lang],
                features=t("app.features", lang, n=len(layer.frame)),
            )
            for layer in reversed(layers)
        )
        parts.append(t("describe.layers", lang, layers=each))
    else:
        parts.append(t("describe.no_layers", lang))
    west, south, east, north = view
    parts.append(
        t(
            "describe.view",
            lang,
            south=_degrees(south, lang, "N", "S"),
            north=_degrees(north, lang, "N", "S"),
            west=_degrees(west, lang, "E", "W"),
            east=_degrees(east, lang, "E", "W"),
        )
    )
    return " ".join(parts)


def _degrees(value: float, lang: str, positive: str, negative: str) -> str:
    """A latitude or longitude as `lang` writes it: 7,1° N, 78,6° O."""
    side = positive if value >= 0 else negative
    return f"{number(round(abs(value), 1), lang, 1)}° {t(f'describe.{side}', lang)}"
