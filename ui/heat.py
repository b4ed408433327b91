"""Point layers as points or as a heat map: one choice per point layer on the map, at the end of
the sidebar, with the attribute that weighs each point, the radius and the saturation
(geo/webmap/heat.py draws it)."""

from __future__ import annotations

import streamlit as st

from geo.escape import markdown_text
from geo.i18n import field_label, t
from geo.load import Layer
from geo.webmap.heat import RADIUS_DEFAULT, RADIUS_MAX, RADIUS_MIN, HeatOptions, numeric_columns
from ui import state

DISPLAYS = ("points", "heat")
INTENSITIES = (0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0)


def heat_choices(layers_on_map: list[Layer], lang: str) -> dict[str, HeatOptions]:
    """layer id -> its heat options, for the point layers the user shows as heat maps."""
    points = [layer for layer in layers_on_map if layer.spec.geometry == "Point" and len(layer.frame)]
    if not points:
        return {}
    bar = st.sidebar
    bar.subheader(t("heat.heading", lang))
    chosen = {}
    for layer in points:
        spec = layer.spec
        display = bar.radio(
            t("heat.display", lang, layer=markdown_text(spec.title[lang])),
            DISPLAYS,
            format_func=lambda d: t(f"heat.display.{d}", lang),
            key=state.HEAT_DISPLAY.key(spec.id),
            horizontal=True,
        )
        if display != "heat":
            continue
        columns = ["", *numeric_columns(layer.frame)]
        weight = bar.selectbox(
            t("heat.weight", lang),
            columns,
            format_func=lambda c: t("heat.weight.none", lang) if not c else field_label(c, lang),  # plain text
            key=state.HEAT_WEIGHT.key(spec.id),
        )
        radius = bar.slider(
            t("heat.radius", lang), RADIUS_MIN, RADIUS_MAX, RADIUS_DEFAULT, key=state.HEAT_RADIUS.key(spec.id)
        )
        intensity = bar.select_slider(
            t("heat.intensity", lang),
            INTENSITIES,
            value=1.0,
            format_func=lambda v: f"×{v:g}",
            key=state.HEAT_INTENSITY.key(spec.id),
            help=t("heat.intensity_help", lang),
        )
        chosen[spec.id] = HeatOptions(weight=weight or None, radius=int(radius), intensity=float(intensity))
    return chosen
