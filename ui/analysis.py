"""The analysis panel (Streamlit UI only; the work is in geo.analysis)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import layers
from geo.analysis import analyse, derived_layers, nearest_to_point, roles
from geo.escape import markdown_text
from geo.exporting.csv import table_csv
from geo.i18n import field_label, label, t
from geo.i18n.formats import number
from ui import state
from ui.formats import localized

DERIVED_SPECS = {spec.id: spec for spec in layers.DERIVED}


def run_analysis(shown, reach: float):
    """(the analysis of the layers on the map, its derived layers) or (None, []).

    Kept for this session while the same frames and reach come back: a rerun that changes
    no data (a pan, a widget elsewhere) analyses nothing again. The entry holds the frames,
    so their ids cannot be reused by other frames while it lives."""
    key = (tuple((layer.spec.id, id(layer.frame)) for layer in shown), reach)
    memo = state.ANALYSIS_MEMO.get()
    if memo is not None and memo[0] == key:
        return memo[2]
    result = analyse(roles(shown), reach)
    answer = (None, []) if result is None else (result, derived_layers(result, DERIVED_SPECS, reach))
    state.ANALYSIS_MEMO.set((key, [layer.frame for layer in shown], answer))
    return answer


def _table(frame: pd.DataFrame, lang: str, columns: list[str], key: str) -> None:
    shown = frame[[c for c in columns if c in frame.columns]].copy()
    for column in ("kind", "route", "confidence"):
        if column in shown:
            shown[column] = shown[column].map(lambda v, c=column: label(c, v, lang))
    st.dataframe(localized(shown.rename(columns=lambda c: field_label(c, lang)), lang), hide_index=True, key=key)


def analysis_panel(result, shown, lang: str) -> None:
    st.subheader(t("analysis.heading", lang))
    if result is None:
        st.info(t("analysis.no_routes", lang))
        return
    st.caption(t("analysis.confidence", lang, confidence=label("confidence", result.confidence, lang)))
    st.markdown(f"**{t('analysis.summary', lang)}**")
    _table(result.summary, lang, list(result.summary.columns), "analysis_summary")
    st.download_button(
        t("analysis.download", lang),
        table_csv(result.summary),
        file_name="darien-corridor_route-summary.csv",
        mime="text/csv",
        key=state.DOWNLOAD_SUMMARY.key,
        on_click="ignore",
    )
    with st.expander(t("analysis.park_crossings", lang)):
        _table(result.park_crossings, lang, ["route", "segment_id", "kind", "along_km"], "analysis_park")
    with st.expander(t("analysis.border_crossings", lang)):
        _table(result.border_crossings, lang, ["route", "segment_id", "lon", "lat"], "analysis_border")
    with st.expander(t("analysis.in_reach", lang)):
        _table(result.in_reach, lang, ["name", "kind", "distance_km", "nearest"], "analysis_reach")
    with st.expander(t("analysis.gaps", lang)):
        _table(result.gaps, lang, ["route", "segment_id", "gap_km"], "analysis_gaps")
    _clicked_point(shown, lang)


def _clicked_point(shown, lang: str) -> None:
    click = state.LAST_CLICK.get()
    if not click or state.DRAW_MODE.get():
        st.caption(t("analysis.point_help", lang))
        return
    found = roles(shown)
    communities, routes = found.frame("communities"), found.frame("routes")
    if communities is None:
        return
    nearest, segment = nearest_to_point(click["lng"], click["lat"], communities, routes)
    st.markdown(
        "**"
        + markdown_text(t("analysis.point", lang, lat=number(click["lat"], lang, 5), lon=number(click["lng"], lang, 5)))
        + "**"
    )
    if len(nearest):
        st.markdown(
            t(
                "analysis.nearest_community",
                lang,
                name=markdown_text(nearest["name"].iloc[0]),
                km=nearest["distance_km"].iloc[0],
            )
        )
    st.caption(t("analysis.nearest_communities", lang))
    _table(nearest, lang, ["name", "kind", "distance_km"], "analysis_nearest")
    if segment:
        st.caption(
            t(
                "analysis.nearest_segment",
                lang,
                segment=markdown_text(segment.get("segment_id", "")),
                route=markdown_text(label("route", segment.get("route"), lang)),
                km=segment["distance_km"],
            )
        )
