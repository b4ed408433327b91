"""Database layers in the interface: their switches in the sidebar, their view on the live map,
a download of what is in view (streamed from the database).

Without DARIEN_DB_LAYERS nothing here draws anything: the app is exactly as it was. With it, the
configured layers (geo/database/config.py) are checked against the database's catalogue and their
overviews set up once per process (`configured`, shared: the configuration and the pool are the
same for everyone); what each session sees depends on its own view (`map_overlay`).
"""

from __future__ import annotations

import math
import tempfile
import time
from dataclasses import dataclass

import folium
import pandas as pd
import psycopg
import streamlit as st
from psycopg_pool import ConnectionPool

import layers
from geo.analysis import roles
from geo.database import connect, export
from geo.database.analysis import measure
from geo.database.config import (
    DatabaseConfigError,
    DatabaseLayer,
    check_catalogue,
    check_ids_free,
    configured_path,
    read_config,
    required_url,
)
from geo.database.overviews import ensure_overviews
from geo.database.view import clip_bounds, query_view, zoom_for
from geo.escape import markdown_text
from geo.i18n import t
from geo.webmap.build import INITIAL_VIEW
from geo.webmap.database import database_group, view_note
from ui import state

#: A view is asked of the database again after this many seconds even if it did not move.
MEMO_SECONDS = 30

#: The reference layers the database analysis measures against (geo.analysis.ROLE_OF).
ROLES = ("park", "routes", "border")


@dataclass(frozen=True)
class Configured:
    layers: tuple[DatabaseLayer, ...]
    pool: ConnectionPool


@st.cache_resource
def configured() -> Configured | None:
    """The configured layers, checked, with their pool; None without DARIEN_DB_LAYERS."""
    path = configured_path()
    if path is None:
        return None
    found = read_config(path)
    check_ids_free(found, {spec.id for spec in (*layers.LAYERS, *layers.DERIVED)})
    url = required_url()
    # The set-up on its own connection, without the views' time limit: a first build of the
    # overviews of millions of rows takes longer than any view may.
    with connect.setup_connection(url) as conn:
        for layer in found:
            check_catalogue(conn, layer)
            if layer.overviews:
                ensure_overviews(conn, layer)
    return Configured(tuple(found), connect.pool(url))


def _configured(lang: str, say: bool = False) -> Configured | None:
    """`configured()`, or None: without a configuration, or when it fails, then with the reason
    said in the sidebar when `say` (once per run: by the switches; never a traceback, never the URL)."""
    if configured_path() is None:
        return None
    try:
        return configured()
    except DatabaseConfigError as error:
        if say:
            st.sidebar.error(markdown_text(error.message(lang)))
    except psycopg.Error:
        if say:
            st.sidebar.error(t("error.db_unreachable", lang))
    return None


def layer_switches(lang: str) -> list[str]:
    """The database layers switched on (their ids); nothing drawn without a configuration."""
    found = _configured(lang, say=True)
    if found is None:
        return []
    st.sidebar.subheader(t("db.heading", lang))
    on = []
    for layer in found.layers:
        spec = layer.spec
        help_text = " · ".join(filter(None, [spec.caveat[lang] if spec.caveat else None, spec.source, spec.licence]))
        if st.sidebar.checkbox(
            markdown_text(spec.title[lang]),
            value=spec.visible,
            key=state.LAYER.key(spec.id),
            help=markdown_text(help_text),
        ):
            on.append(spec.id)
    return on


def current_view() -> tuple[tuple[float, float, float, float], int]:
    """(W, S, E, N, zoom) of the map as last reported; the opening view before any report.

    The map's report for this run is already in its widget value (streamlit-folium keeps it there
    before the run starts), so a pan is answered in the run it causes."""
    reported = state.MAP.get() or {}
    bounds = None
    corners = reported.get("bounds") or {}
    south_west, north_east = corners.get("_southWest") or {}, corners.get("_northEast") or {}
    try:
        bounds = clip_bounds((south_west["lng"], south_west["lat"], north_east["lng"], north_east["lat"]))
    except (KeyError, TypeError, ValueError):
        remembered = state.MAP_BOUNDS.get()
        if remembered:
            bounds = clip_bounds(remembered)
    if bounds is None:
        (south, west), (north, east) = INITIAL_VIEW
        bounds = (west, south, east, north)
    for candidate in (reported.get("zoom"), (state.MAP_VIEW.get() or {}).get("zoom")):
        if isinstance(candidate, (int, float)) and math.isfinite(candidate):
            return bounds, int(candidate)
    return bounds, zoom_for(bounds)


def map_overlay(lang: str) -> folium.FeatureGroup | None:
    """The database layers switched on, in the current view, as one overlay for the live map;
    their notes (capped, aggregates) under the map's heading. None when none is on."""
    found = _configured(lang)
    if found is None:
        return None
    on = [layer for layer in found.layers if st.session_state.get(state.LAYER.key(layer.spec.id), layer.spec.visible)]
    if not on:
        return None
    bounds, zoom = current_view()
    # Kept for reruns of the same view, but never longer than MEMO_SECONDS: rows change.
    moment = int(time.monotonic() // MEMO_SECONDS)
    key = (tuple(layer.spec.id for layer in on), tuple(round(v, 6) for v in bounds), zoom, lang, moment)
    memo = state.DB_VIEW_MEMO.get()
    if memo is not None and memo[0] == key:
        views = memo[1]
    else:
        views = []
        for layer in on:
            try:
                with found.pool.connection() as conn:
                    views.append((layer, query_view(conn, layer, bounds, zoom)))
            except psycopg.Error:
                st.warning(t("error.db_view", lang, layer=markdown_text(layer.spec.title[lang])))
        state.DB_VIEW_MEMO.set((key, views))
    for layer, view in views:
        st.caption(markdown_text(view_note(layer, view, lang)))
    return database_group(views, lang)


def downloads(lang: str) -> None:
    """For each database layer switched on: its features in the current view as GeoJSON, streamed
    from the database (geo.database.export), never through a GeoDataFrame."""
    found = _configured(lang)
    if found is None:
        return
    bounds, _zoom = current_view()
    for layer in found.layers:
        if not st.session_state.get(state.LAYER.key(layer.spec.id), layer.spec.visible):
            continue
        st.download_button(
            t("db.download", lang, layer=markdown_text(layer.spec.title[lang])),
            data=lambda layer=layer: _export_file(found.pool, layer, bounds),
            file_name=f"{layer.spec.id}.geojson",
            mime="application/geo+json",
            key=state.DB_EXPORT.key(layer.spec.id),
            on_click="ignore",
        )


def _export_file(pool: ConnectionPool, layer: DatabaseLayer, bounds):
    """The stream written to a temporary file, handed to Streamlit when the button is clicked."""
    out = tempfile.TemporaryFile()  # noqa: SIM115 - handed open to Streamlit, which reads it
    with pool.connection() as conn:
        for chunk in export.stream_geojson(conn, layer, bounds):
            out.write(chunk.encode("utf-8"))
    out.seek(0)
    return out


def analysis_table(shown, reach_km: float, lang: str) -> None:
    """The corridor measures of the database layers switched on, computed in SQL on demand (a
    corridor-wide query over millions of rows is not run on every pan), against the park, routes
    and border on the map (geo.analysis.roles: a user's replacement counts)."""
    found = _configured(lang)
    if found is None:
        return
    on = [layer for layer in found.layers if st.session_state.get(state.LAYER.key(layer.spec.id), layer.spec.visible)]
    if not on:
        return
    st.markdown(f"**{t('db.analysis.heading', lang)}**")
    reference = roles(shown)
    park, border = reference.union("park"), reference.union("border")
    routes = reference.union("routes")
    # The layers' frames themselves (the same objects while the filters are: ui.mapview.filtered).
    frames = tuple(id(reference.layers[r].frame) if r in reference.layers else None for r in ROLES)
    key = (tuple(layer.spec.id for layer in on), reach_km, frames)
    memo = state.DB_ANALYSIS_MEMO.get()
    if st.button(t("db.analysis.run", lang), key=state.DB_ANALYSE.key):
        rows = []
        for layer in on:
            try:
                with found.pool.connection() as conn:
                    rows.append(measure(conn, layer, park=park, routes=routes, border=border, reach_km=reach_km))
            except psycopg.Error:
                st.warning(t("error.db_view", lang, layer=markdown_text(layer.spec.title[lang])))
        memo = (key, rows)
        state.DB_ANALYSIS_MEMO.set(memo)
    if memo is None or memo[0] != key:
        st.caption(t("db.analysis.help", lang))
        return
    titles = {layer.spec.id: layer.spec.title[lang] for layer in on}
    table = pd.DataFrame(
        [
            {
                t("db.analysis.layer", lang): titles[m.layer_id],
                t("db.analysis.features", lang): m.features,
                t("db.analysis.total_km", lang): None if m.total_km is None else round(m.total_km, 2),
                t("db.analysis.in_park_km", lang): None if m.in_park_km is None else round(m.in_park_km, 2),
                t("db.analysis.border_crossings", lang): m.border_crossings,
                t("db.analysis.in_park", lang): m.in_park,
                t("db.analysis.in_reach", lang, km=f"{reach_km:g}"): m.in_reach,
            }
            for m in memo[1]
        ]
    )
    st.dataframe(table, hide_index=True, key="db_analysis_table")
