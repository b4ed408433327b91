"""Filters for each layer, in the sidebar (the conditions are geo.layerfilters).

One expander per layer on the map: the reader picks the attributes to filter by, then sets each
one (categories to keep, a range of numbers, or letters the text holds). The conditions join the
sidebar's own filters (confidence, the month) in one geo.selection.Filters, which the map, the
legend, the exports, the analysis and the feature table all follow.
"""

from __future__ import annotations

import dataclasses

import streamlit as st

from geo.escape import markdown_text
from geo.i18n import field_label, label, t
from geo.layerfilters import Category, Choice, Condition, Contains, LayerFilters, Range, choices
from geo.load import Layer
from geo.selection import Filters
from ui import state
from ui.memo import remember


def layer_filters(visible: list[Layer], filters: Filters, lang: str) -> Filters:
    """`filters` with each visible layer's own conditions, as the sidebar sets them."""
    bar = st.sidebar
    bar.subheader(t("layerfilters.heading", lang))
    bar.caption(t("layerfilters.help", lang))
    conditions: list[Condition] = []
    for layer in visible:
        offered = {c.attribute: c for c in remember(layer, "filter_choices", lambda layer=layer: choices(layer))}
        if not offered:
            continue
        spec = layer.spec
        on_key = state.FILTER_ON.key(spec.id)
        with bar.expander(
            t("layerfilters.layer", lang, layer=markdown_text(spec.title[lang])),
            expanded=bool(st.session_state.get(on_key)),
        ):
            chosen = st.multiselect(
                t("layerfilters.by", lang),
                list(offered),
                default=[],
                format_func=lambda a: field_label(a, lang),
                key=on_key,
                placeholder=t("layerfilters.by_placeholder", lang),
            )
            mine = [c for a in chosen if (c := _condition(layer, offered[a], lang)) is not None]
            conditions += mine
            if mine:
                kept = state.FILTERED_CACHE.get().apply(
                    [layer], dataclasses.replace(filters, per_layer=LayerFilters.of(mine))
                )
                st.caption(t("layerfilters.passing", lang, n=len(kept[0].frame), total=len(layer.frame)))
    return dataclasses.replace(filters, per_layer=LayerFilters.of(conditions))


def _condition(layer: Layer, choice: Choice, lang: str) -> Condition | None:
    """The widget for one attribute, and its condition (None: it lets everything through)."""
    spec, attribute = layer.spec, choice.attribute
    key = state.FILTER_BY.key(f"{spec.id}:{attribute}")
    name = markdown_text(
        field_label(attribute, lang)
    )  # a widget's label is Markdown; an uploaded column's name is data
    if choice.kind == "category":
        translated = attribute == "confidence" or attribute in spec.vocabulary

        def shown(value: str | None) -> str:
            if value is None:
                return t("layerfilters.no_value", lang)
            return label(attribute, value, lang) if translated else value

        kept = st.multiselect(name, list(choice.values), default=list(choice.values), format_func=shown, key=key)
        if set(kept) == set(choice.values):
            return None
        return Category(spec.id, attribute, frozenset(kept))
    if choice.kind == "range":
        low, high = (int(choice.low), int(choice.high)) if choice.integer else (choice.low, choice.high)
        step = 1 if choice.integer else (high - low) / 100  # a hundred steps, whatever the unit
        chosen = st.slider(name, min_value=low, max_value=high, value=(low, high), step=step, key=key)
        # An end left at the data's own end is open (a float step may miss it by a rounding).
        below = None if chosen[0] <= low + step / 2 else float(chosen[0])
        above = None if chosen[1] >= high - step / 2 else float(chosen[1])
        if below is None and above is None:
            return None
        return Range(spec.id, attribute, below, above)
    text = st.text_input(t("layerfilters.contains", lang, field=name), key=key)
    return Contains(spec.id, attribute, text) if text.strip() else None
