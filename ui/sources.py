"""Where the data comes from: the caveats of what is shown, the sources table, the crossings chart."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.crossing_figures import load_crossings, monthly, yearly
from geo.escape import markdown_text
from geo.i18n import field_label, t
from geo.i18n.formats import SEPARATORS
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
    years = yearly(figures)
    marked = None if as_of is None else int(as_of[:4])
    st.vega_lite_chart(_bar_data(years, count, lang), _bars(count, lang, marked), width="stretch")
    if as_of is not None:
        st.caption(markdown_text(figure_as_of(figures, as_of, lang)))
    st.caption(t("app.crossings_source", lang))
    with st.expander(t("app.crossings_table", lang)):
        st.dataframe(figures.rename(columns=lambda c: field_label(c, lang)), hide_index=True, key="crossings_table")


def _bar_data(years: pd.DataFrame, count: str, lang: str) -> pd.DataFrame:
    """The chart's rows: the year, its figure, and what a screen reader and the tooltip say of
    its bar, in `lang` ("520.085 cruces en 2023 (SNM).")."""
    said = [
        t("app.crossings_year_figure", lang, n=row.value, year=row.year, publisher=row.publisher)
        for row in years.itertuples()
    ]
    return pd.DataFrame({"year": years["year"], count: years["value"], "said": said})


def _bars(count: str, lang: str, marked: int | None = None) -> dict:
    """Bars per year (Vega-Lite), the bar of the year `marked` in its own colour. Vega's own
    descriptions for screen readers are in English ("X-axis titled … for a discrete scale"), so
    they are switched off (`aria: false`): each bar says its figure and source in `lang`, and
    the table under the chart holds every figure. Vega's words for its mark containers are
    said in `lang` by ui/assets/page.js (ui.page.STREAMLIT_WORDS)."""
    colour = {"value": BAR_COLOUR}
    if marked is not None:
        colour = {"condition": {"test": f"datum.year === {int(marked)}", "value": MARKED_COLOUR}, "value": BAR_COLOUR}
    thousands, decimal = SEPARATORS[lang]
    return {
        # The axis's numbers as the language writes them (550.000 in Spanish).
        "config": {
            "aria": False,
            "locale": {"number": {"thousands": thousands, "decimal": decimal, "grouping": [3], "currency": ["", ""]}},
        },
        "mark": {"type": "bar", "aria": True, "ariaRoleDescription": t("app.chart_bar", lang)},
        "encoding": {
            "x": {"field": "year", "type": "ordinal", "title": t("app.year", lang)},
            "y": {"field": count, "type": "quantitative", "title": count},
            "color": colour,
            "description": {"field": "said", "type": "nominal"},
            "tooltip": {"field": "said", "type": "nominal"},
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
