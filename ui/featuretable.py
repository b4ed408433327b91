"""The feature table (the work is in geo.featuretable): the features of one layer on the map, as
they pass the filters, optionally only those in view, searchable, sortable, downloadable; and the
map's text alternative.

Linked both ways with the map, through one Value, state.FOCUS (the feature chosen):
- a row chosen in the table makes it the focus, and the map goes there and outlines it;
- a click on the map on a feature of the table's layer makes it the focus, and selects its row.
`follow` works that out before the map is drawn (from what the table and the map reported in
the previous run), so the map and the table of one run agree; `feature_table` draws the table.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely
import streamlit as st

from geo.errors import BoundsInvalid
from geo.escape import markdown_text
from geo.exporting.csv import table_csv
from geo.featuretable import feature_at, focus_of, in_view, locate, matching
from geo.i18n import t
from geo.load import Layer
from ui import state

#: Rows sent to the browser at most (st.dataframe sends them all, on every run, when rows can be
#: selected); the search and "only what the map shows" narrow a big layer, the download has every row.
MAX_ROWS = 5_000

#: A click this share of the view's width from a line or point still lands on it (about 10 px).
CLICK_TOLERANCE = 0.012


@dataclass(frozen=True)
class Listing:
    """The table as the reader asked for it: the layer, its full table, the rows shown
    (positions in the layer's frame), and the feature chosen (state.FOCUS) if it is among them."""

    layer: Layer
    full: pd.DataFrame
    rows: np.ndarray
    focus: dict | None

    @property
    def shown(self) -> pd.DataFrame:
        return self.full.iloc[self.rows]


def follow(shown: list[Layer], lang: str) -> Listing | None:
    """The table's rows and the feature chosen, from what the reader did last: a row chosen, or
    a feature clicked on the map. Call it before the map: the map shows the chosen feature."""
    if not shown:
        return None
    by_id = {layer.spec.id: layer for layer in shown}
    layer = by_id.get(state.TABLE_LAYER.get()) or shown[-1]  # by default the top-most layer
    tables = state.TABLE_CACHE.get()
    full = tables.get(layer, lang)
    search = state.TABLE_SEARCH.get() or ""
    keep = matching(full, search, tables.searchable(layer, lang) if search.strip() else None)
    if state.TABLE_IN_VIEW.get():
        with contextlib.suppress(BoundsInvalid):  # a view the browser reported oddly: every feature, not none
            keep &= in_view(layer, state.MAP_BOUNDS.get())
    rows = np.flatnonzero(keep)
    focus = _current_focus(layer)
    signature = (layer.spec.id, id(layer.frame), lang, hash(rows.tobytes()))
    clicked = _clicked(layer, rows)
    changed = signature != state.TABLE_SIGNATURE.get()
    state.TABLE_SIGNATURE.set(signature)
    if clicked is not None:
        focus = _make_focus(layer, clicked, move=False)
    elif not changed:
        chosen = _selected_rows()
        if chosen and chosen[0] < len(rows):
            feature = int(rows[chosen[0]])
            if focus is None or focus["feature"] != feature:
                focus = _make_focus(layer, feature, move=True)
        elif not chosen:
            focus = None  # the reader unselected the row
    if focus is not None and not _holds(rows, focus["feature"]):
        focus = None  # not in the table any more (filtered, searched or out of view)
    state.FOCUS.set(focus)
    if changed or clicked is not None:
        at = int(np.searchsorted(rows, focus["feature"])) if focus else MAX_ROWS
        wanted = [at] if at < MAX_ROWS else []
        if wanted != _selected_rows():
            state.FEATURE_TABLE.set({"selection": {"rows": wanted, "columns": []}})
    return Listing(layer, full, rows, focus)


def feature_table(shown: list[Layer], listing: Listing | None, lang: str) -> None:
    """The table panel: which layer, only what is in view, a search, the rows, the download."""
    st.subheader(t("table.heading", lang))
    st.caption(t("table.alternative", lang))
    if listing is None:
        st.info(t("app.no_visible_layers", lang))
        return
    titles = {layer.spec.id: layer.spec.title[lang] for layer in reversed(shown)}  # top-most first, as the legend
    left, middle, right = st.columns([2, 2, 1])
    left.selectbox(
        t("table.layer", lang),
        list(titles),
        index=list(titles).index(listing.layer.spec.id),
        format_func=titles.get,
        key=state.TABLE_LAYER.key,
        on_change=_forget_selection,
    )
    middle.text_input(
        t("table.search", lang), key=state.TABLE_SEARCH.key, placeholder=t("table.search_placeholder", lang)
    )
    right.checkbox(t("table.in_view", lang), value=state.TABLE_IN_VIEW.default, key=state.TABLE_IN_VIEW.key)
    rows = listing.shown
    st.caption(t("table.count", lang, n=len(rows), total=len(listing.full)))
    if len(rows) > MAX_ROWS:
        st.caption(t("table.capped", lang, n=MAX_ROWS))
    st.dataframe(
        rows.iloc[:MAX_ROWS],
        hide_index=True,
        lazy=False,  # rows loaded lazily cannot be selected
        alt=t("table.alt", lang, layer=titles[listing.layer.spec.id]),
        key=state.FEATURE_TABLE.key,
        on_select="rerun",
        selection_mode="single-row",
        placeholder="",
    )
    st.caption(t("table.select_help", lang))
    _chosen_caption(listing, lang)
    name = f"darien-corridor_{listing.layer.spec.id}_table.csv"
    st.download_button(
        t("table.download", lang, name=markdown_text(name)),
        table_csv(rows),
        file_name=name,
        mime="text/csv",
        key=state.FEATURE_TABLE_DOWNLOAD.key,
        on_click="ignore",
    )


def _chosen_caption(listing: Listing, lang: str) -> None:
    """Which row is chosen, in words: the grid does not scroll to a row chosen on the map."""
    focus = listing.focus
    if focus is None:
        return
    row = int(np.searchsorted(listing.rows, focus["feature"]))
    frame = listing.layer.frame
    cells = frame["name"] if "name" in frame.columns else listing.full.iloc[:, 0]  # what names the feature
    value = cells.iloc[focus["feature"]]
    st.markdown(t("table.chosen", lang, row=f"{row + 1:,}", name=markdown_text("" if pd.isna(value) else value)))


def _current_focus(layer: Layer) -> dict | None:
    """The focus, if it is a feature of this layer, found again in its frame as it is now."""
    focus = state.FOCUS.get()
    if not focus or focus.get("layer") != layer.spec.id:
        return None
    if focus.get("frame") != id(layer.frame):
        feature = locate(layer, focus["wkb"])
        if feature is None:
            return None
        focus = {**focus, "feature": feature, "frame": id(layer.frame)}
    return focus


def _make_focus(layer: Layer, feature: int, move: bool) -> dict:
    """The focus on a feature: where it is, and whether the map goes there (a row chosen) or not
    (a feature clicked: the reader is looking at it already)."""
    geometry = layer.frame.geometry.iloc[feature]
    previous = state.FOCUS.get() or {}
    turn = previous.get("turn", 0) + 1
    return {
        "layer": layer.spec.id,
        "feature": int(feature),
        "frame": id(layer.frame),
        "wkb": shapely.to_wkb(geometry),
        "geometry": geometry,
        "move": move,
        # streamlit-folium moves the map only to a centre it was not given last: a hair's shift
        # (under a millimetre) makes choosing the same row again go there again.
        "turn": turn,
        **_nudged(focus_of(geometry), turn),
    }


def _nudged(where: dict, turn: int) -> dict:
    return {**where, "lat": where["lat"] + (turn % 2) * 1e-8}


def _clicked(layer: Layer, rows: np.ndarray) -> int | None:
    """The feature of the table's layer that a new click on the map landed on (not in draw mode)."""
    reported = state.MAP.get() or {}
    click = reported.get("last_clicked")
    if not click or click == state.TABLE_CLICK_SEEN.get():
        return None
    state.TABLE_CLICK_SEEN.set(click)
    if state.DRAW_MODE.get():
        return None
    bounds = state.MAP_BOUNDS.get()
    tolerance = CLICK_TOLERANCE * (bounds[2] - bounds[0]) if bounds else 0.01
    return feature_at(layer, rows, click["lng"], click["lat"], tolerance)


def _holds(rows: np.ndarray, feature: int) -> bool:
    """Whether the sorted `rows` hold `feature`."""
    at = int(np.searchsorted(rows, feature))
    return at < len(rows) and int(rows[at]) == feature


def _selected_rows() -> list[int]:
    value = state.FEATURE_TABLE.get() or {}
    selection = value.get("selection") or {}
    return [int(r) for r in selection.get("rows") or []]


def _forget_selection() -> None:
    """Another layer: no row of the previous one is chosen any more."""
    state.FOCUS.set(None)
    state.FEATURE_TABLE.forget()
