"""Where the data comes from: the caveats of what is shown, the sources table, the crossings chart."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.crossing_figures import load_crossings, monthly, yearly
from geo.escape import markdown_text
from geo.i18n import field_label, t
from geo.load import Layer
from geo.provenance import layer_summary
from geo.webmap.timefilter import month_label
from ui.formats import localized

#: The bars, and the bar of the chosen month's year.
BAR_COLOUR, MARKED_COLOUR = "#83a9c9", "#d95f02"


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
        st.dataframe(localized(layer_summary(shown, lang), lang), hide_index=True, key="sources_table")


def crossings_chart(lang: str, as_of: str | None = None) -> None:
    """Reported crossings per year, with their source under the chart; with a month chosen,
    its year's bar marked and the figure of record for the month (else its year) said."""
    st.subheader(t("app.crossings", lang))
    figures = crossings()
    count = t("app.crossings_count", lang)
    years = yearly(figures).rename(columns={"value": count})
    if as_of is None:
        st.bar_chart(years, x="year", y=count, x_label=t("app.year", lang))
    else:
        st.vega_lite_chart(years[["year", count]], _marked_bars(count, int(as_of[:4]), lang), width="stretch")
        st.caption(markdown_text(figure_as_of(figures, as_of, lang)))
    st.caption(t("app.crossings_source", lang))
    with st.expander(t("app.crossings_table", lang)):
        st.dataframe(figures.rename(columns=lambda c: field_label(c, lang)), hide_index=True, key="crossings_table")


def _marked_bars(count: str, year: int, lang: str) -> dict:
    """Bars per year (Vega-Lite), the bar of `year` in its own colour."""
    return {
        "mark": {"type": "bar"},
        "encoding": {
            "x": {"field": "year", "type": "ordinal", "title": t("app.year", lang)},
            "y": {"field": count, "type": "quantitative", "title": count},
            "color": {
                "condition": {"test": f"datum.year === {year}", "value": MARKED_COLOUR},
                "value": BAR_COLOUR,
            },
            "tooltip": [{"field": "year", "type": "ordinal"}, {"field": count, "type": "quantitative", "format": ","}],
        },
    }


def figure_as_of(figures: pd.DataFrame, month: str, lang: str) -> str:
    """What the series of record says for `month` ("YYYY-MM"): the month's own figure where one
    is published, and its year's; never a figure made up (a month with none says so).

    >>> figures = pd.DataFrame({"period": ["2023", "2023-09"], "period_type": ["year", "month"],
    ...                         "value": [520085, 75268], "publisher": ["SNM", "MINSEG"]})
    >>> figure_as_of(figures, "2023-09", "en")
    'As of Sep 2023: 75,268 crossings that month (MINSEG). 520,085 crossings in 2023 (SNM).'
    >>> figure_as_of(figures, "2023-10", "en")
    'As of Oct 2023: no figure is published for that month. 520,085 crossings in 2023 (SNM).'
    >>> figure_as_of(figures, "2026-01", "en")
    'As of Jan 2026: no figure is published for that month. No figure is published for 2026.'
    """
    label = month_label(month, lang)
    months = monthly(figures)
    row = months[months["period"] == month]
    if len(row):
        said = t(
            "app.crossings_month_figure",
            lang,
            month=label,
            n=int(row["value"].iloc[0]),
            publisher=row["publisher"].iloc[0],
        )
    else:
        said = t("app.crossings_no_month", lang, month=label)
    year = month[:4]
    years = yearly(figures)
    row = years[years["period"] == year]
    if len(row):
        said += " " + t(
            "app.crossings_year_figure",
            lang,
            year=year,
            n=int(row["value"].iloc[0]),
            publisher=row["publisher"].iloc[0],
        )
    else:
        said += " " + t("app.crossings_no_year", lang, year=year)
    return said
