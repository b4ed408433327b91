"""Where the data comes from: the caveats of what is shown, the sources table, the crossings chart."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.crossing_figures import load_crossings, yearly
from geo.escape import markdown_text
from geo.i18n import field_label, t
from geo.load import Layer
from geo.provenance import layer_summary


@st.cache_data
def crossings() -> pd.DataFrame:
    """The bundled crossing figures (the same for every user)."""
    return load_crossings()


def caveats_and_sources(shown: list[Layer], lang: str) -> None:
    """What is approximate or illustrative on the map, and each layer's source and licence."""
    caveats = [
        markdown_text(f"{layer.spec.title[lang]}: {layer.spec.caveat[lang]}") for layer in shown if layer.spec.caveat
    ]
    if caveats:
        st.warning(t("app.caveats", lang) + "\n\n" + "\n".join(f"- {c}" for c in caveats))
    with st.expander(t("app.sources", lang)):
        st.dataframe(layer_summary(shown, lang), hide_index=True, key="sources_table")


def crossings_chart(lang: str) -> None:
    """Reported crossings per year, with their source under the chart."""
    st.subheader(t("app.crossings", lang))
    figures = crossings()
    years = yearly(figures).rename(columns={"value": t("app.crossings_count", lang)})
    st.bar_chart(years, x="year", y=t("app.crossings_count", lang), x_label=t("app.year", lang))
    st.caption(t("app.crossings_source", lang))
    with st.expander(t("app.crossings_table", lang)):
        st.dataframe(figures.rename(columns=lambda c: field_label(c, lang)), hide_index=True, key="crossings_table")
