"""Workspaces (#13): the saved map behind every link.

A link carries one query parameter, `ws`, holding one of the workspace's two tokens (edit or
view-only); everything else lives in the store (geo.store), so the address bar always holds
the link that reopens what is on screen. Every other query parameter is ignored with a notice.

Each run:
- `begin()`, before any widget: on the session's first run the link's workspace is opened and
  put into the widgets' state (ui.state keys with `in_url=True`), the map's view and drawn area,
  and state.USER_LAYERS; a "Reload" after a stale save opens the latest version the same way.
- the page is drawn; the import panel and the sidebar call `sync_layers()` when they change
  state.USER_LAYERS, so a layer is saved (or refused, over the quota) as it is added or removed.
- `end()`, last: the settings on screen are gathered, compared with those last saved, and saved
  when they differ (autosave, no button); then the sidebar's "Workspace" section is drawn.

A session with no link creates its workspace lazily, on its first change: opening the app
writes nothing (no empty workspaces from every visit, crawler or health check), and the bare
address already reopens the untouched map.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

import streamlit as st

import layers
from geo import timeline
from geo.errors import GeoError, QuotaExceeded, StaleSave, StoreUnavailable, WorkspaceNotFound
from geo.escape import markdown_text
from geo.i18n import LANGUAGES, t
from geo.load import Layer
from geo.spec import CONFIDENCE_LEVELS
from geo.store import Snapshot, Store, open_store
from geo.webmap.build import BASEMAPS
from geo.webmap.timefilter import UNDATED_CHOICES
from ui import state

#: The one query parameter a link carries: a workspace token.
PARAM = "ws"

#: What a token can look like (secrets.token_urlsafe); anything else is not sent to the store.
TOKEN = re.compile(r"[A-Za-z0-9_-]{20,100}")

#: The shape of the settings this module writes; read back only what it knows.
SETTINGS_FORMAT = 1

#: At most this many ignored parameter names are named in the notice, each cut to NAME_CHARS.
NAMES_SHOWN, NAME_CHARS = 5, 30

#: A drawn area with more vertices than this is not restored.
MAX_VERTICES = 10_000


# --- the store ---------------------------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def _open(target: str) -> Store:
    """One store per process and target (StoreUnavailable is not cached: the next run tries again)."""
    return open_store(target or None)


def store() -> Store:
    """The store DARIEN_STORE names (./var/workspaces.gpkg when unset)."""
    return _open(os.environ.get("DARIEN_STORE", "").strip())


def editable() -> bool:
    """False in a session opened with a view-only link."""
    return bool(state.WS_CAN_EDIT.get())


def notice(kind: str, key: str, **values: Any) -> None:
    """A message shown at the top of the page at the end of this run (or the next, after a rerun)."""
    entry = (kind, key, values)
    notices = state.WS_NOTICES.get()
    if entry not in notices:
        notices.append(entry)


# --- the start of a run ------------------------------------------------------------------------


def begin():
    """Before any widget is drawn. Returns the top-of-page container `end()` writes notices into."""
    if not state.WS_STARTED.get():
        state.WS_STARTED.set(True)
        _from_link()
    elif state.WS_RELOAD.get():
        state.WS_RELOAD.set(False)
        _reopen()
    _address()
    return st.container()


def _from_link() -> None:
    params = st.query_params.to_dict()
    token = params.pop(PARAM, None)
    if params:
        names = [markdown_text(name[:NAME_CHARS] + ("…" if len(name) > NAME_CHARS else "")) for name in params]
        shown = ", ".join(sorted(names)[:NAMES_SHOWN]) + (", …" if len(names) > NAMES_SHOWN else "")
        notice("warning", "ws.ignored_params", names=shown)
    if token is None:
        return
    if not TOKEN.fullmatch(token):
        notice("warning", "ws.invalid_link")
        return
    try:
        snapshot = store().open(token)
    except WorkspaceNotFound:
        notice("warning", "ws.invalid_link")
    except StoreUnavailable as error:
        state.WS_OFFLINE.set(True)  # the link stays in the address bar: a reload later may open it
        notice("error", "ws.unreachable", message=error)
    else:
        _apply(snapshot, token)


def _reopen() -> None:
    """The latest version of this session's workspace (after a stale save)."""
    token = state.WS_TOKEN.get()
    if token is None:
        return
    try:
        snapshot = store().open(token)
    except WorkspaceNotFound:
        _forget_workspace()
        notice("warning", "ws.invalid_link")
    except StoreUnavailable as error:
        notice("error", "ws.not_saved", message=error)
    else:
        _apply(snapshot, token)
        notice("info", "ws.reloaded")


def _apply(snapshot: Snapshot, token: str) -> None:
    """Put a saved workspace on screen: widgets' state, view, drawn area, layers."""
    settings = snapshot.settings if snapshot.settings.get("format") == SETTINGS_FORMAT else {}
    by_id = {layer.spec.id: layer for layer in snapshot.layers}
    order = [i for i in settings.get("layer_order", []) if isinstance(i, str) and i in by_id]
    restored = [by_id[i] for i in order] + [layer for layer in snapshot.layers if layer.spec.id not in order]
    state.USER_LAYERS.set(restored)
    state.IMPORT_SERIAL.set(max([state.IMPORT_SERIAL.get(), *map(_serial, by_id)]))
    for memo in (state.PREPARED_CACHE, state.FILTERED_CACHE, state.ANALYSIS_MEMO, state.MAP_HANDED):
        memo.forget()
    checks = _checks(set(by_id))
    values = settings.get("values")
    for key, value in (values if isinstance(values, dict) else {}).items():
        check = checks.get(key)
        good = check(value) if check else None
        if good is not None:
            st.session_state[key] = good
    state.MAP_VIEW.set(_view(settings.get("view")))
    state.DRAWN_AREA.set(_area(settings.get("drawn_area")))
    imports = settings.get("imports")
    state.WS_IMPORTS.set({k: v for k, v in imports.items() if k in by_id} if isinstance(imports, dict) else {})
    state.WS_TOKEN.set(token)
    state.WS_TOKENS.set({"edit": snapshot.tokens.edit, "view": snapshot.tokens.view})
    state.WS_CAN_EDIT.set(bool(snapshot.can_edit))
    state.WS_VERSION.set(snapshot.version)
    state.WS_STORED.set([layer.spec.id for layer in snapshot.layers])
    state.WS_SAVED.set(None)  # what is on screen at the end of this run is the baseline
    state.WS_STALE.set(False)
    state.DRAW_MODE.forget()


def _serial(layer_id: str) -> int:
    """The import serial in a user layer's id (user_<serial>_<k>_<name>), 0 if none."""
    match = re.match(r"user_(\d+)_", layer_id)
    return int(match.group(1)) if match else 0


def _address() -> None:
    """The address bar holds the link to what is on screen: the token, nothing else."""
    if state.WS_OFFLINE.get():
        return
    token = state.WS_TOKEN.get()
    wanted = {PARAM: token} if token else {}
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


# --- what a saved value may be, per key ----------------------------------------------------------


def _one_of(options) -> Callable[[Any], Any]:
    return lambda value: value if isinstance(value, str | int | float) and value in options else None


def _subset(options) -> Callable[[Any], Any]:
    def check(value):
        ok = isinstance(value, list) and all(isinstance(v, str) and v in options for v in value)
        return list(dict.fromkeys(value)) if ok else None

    return check


def _int_between(low: int, high: int) -> Callable[[Any], Any]:
    return lambda value: value if type(value) is int and low <= value <= high else None


def _bool(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _checks(user_ids: set[str]) -> dict[str, Callable[[Any], Any]]:
    """key -> a function giving the value to restore, or None when the saved one cannot be."""

    months = {state.ALL_PERIODS, *timeline.months(timeline.FIRST_MONTH, timeline.latest_month())}
    checks = {
        state.LANG.key: _one_of(LANGUAGES),
        state.BASEMAP.key: _one_of(list(BASEMAPS)),
        state.FILTER_CONFIDENCE.key: _subset(CONFIDENCE_LEVELS),
        state.AS_OF_MONTH.key: _one_of(months),
        state.AS_OF_UNDATED.key: _one_of(UNDATED_CHOICES),
        state.AS_OF_SPEED.key: lambda v: float(v) if type(v) in (int, float) and float(v) in state.SPEEDS else None,
        state.REACH_KM.key: _int_between(1, 50),
    }
    for widget in _url_widgets():  # a key added later by another feature: its default's own type
        if widget.key not in checks and isinstance(widget.default, bool | int | float | str):
            kind = type(widget.default)
            checks[widget.key] = lambda v, kind=kind: v if type(v) is kind else None
    for layer_id in _layer_ids() | user_ids:
        checks[state.LAYER.key(layer_id)] = _bool
    return checks


def _url_widgets() -> list[state.Widget]:
    return [w for w in vars(state).values() if isinstance(w, state.Widget) and w.in_url]


def _layer_ids() -> set[str]:
    return {spec.id for spec in (*layers.LAYERS, *layers.DERIVED)}


def _number(value: Any, low: float, high: float) -> float | None:
    ok = type(value) in (int, float) and math.isfinite(value) and low <= value <= high
    return float(value) if ok else None


def _view(value: Any) -> dict | None:
    if not isinstance(value, dict):
        return None
    lat, lng, zoom = _number(value.get("lat"), -90, 90), _number(value.get("lng"), -540, 540), value.get("zoom")
    zoom = _number(zoom, 0, 24)
    return None if None in (lat, lng, zoom) else {"lat": lat, "lng": lng, "zoom": zoom}


def _area(value: Any) -> list[tuple[float, float]]:
    if not isinstance(value, list) or len(value) > MAX_VERTICES:
        return []
    area = []
    for vertex in value:
        if not (isinstance(vertex, list | tuple) and len(vertex) == 2):
            return []
        lon, lat = _number(vertex[0], -540, 540), _number(vertex[1], -90, 90)
        if None in (lon, lat):
            return []
        area.append((lon, lat))
    return area


# --- what is on screen, as saved settings --------------------------------------------------------


def settings() -> dict:
    """What a link to this screen must bring back (JSON-able)."""
    values = {}
    keys = [w.key for w in _url_widgets()]
    keys += [state.LAYER.key(i) for i in sorted(_layer_ids() | {layer.spec.id for layer in state.USER_LAYERS.get()})]
    for key in keys:
        if key in st.session_state:
            values[key] = _jsonable(st.session_state[key])
    order = [layer.spec.id for layer in state.USER_LAYERS.get()]
    return {
        "format": SETTINGS_FORMAT,
        "values": values,
        "view": state.MAP_VIEW.get(),
        "drawn_area": [[lon, lat] for lon, lat in state.DRAWN_AREA.get()],
        "layer_order": order,
        "imports": {k: v for k, v in state.WS_IMPORTS.get().items() if k in order},
    }


def _jsonable(value: Any) -> Any:
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    return value


def remember_choices(added: list[Layer], decisions, filename: str) -> None:
    """The import report's choices that made `added`, saved with the workspace's settings."""
    choices = {**asdict(decisions), "file": filename}
    state.WS_IMPORTS.get().update({layer.spec.id: choices for layer in added})


# --- saving ------------------------------------------------------------------------------------


def sync_layers() -> bool:
    """Save the layers added to or removed from state.USER_LAYERS (creating the workspace first
    if there is none). False when a layer was refused (over the quota) and taken off again;
    layers that could not be saved for another reason stay on screen and are tried again."""
    if not editable() or state.WS_OFFLINE.get() or state.WS_STALE.get():
        return True
    if state.WS_TOKEN.get() is None:
        return _create(settings())
    return _sync(state.WS_TOKEN.get())


def _sync(token: str) -> bool:
    mine = state.USER_LAYERS.get()
    stored = state.WS_STORED.get()
    ids = [layer.spec.id for layer in mine]
    try:
        for layer_id in [i for i in stored if i not in ids]:
            state.WS_VERSION.set(store().remove_layer(token, state.WS_VERSION.get(), layer_id))
            stored.remove(layer_id)
        for layer in [layer for layer in mine if layer.spec.id not in stored]:
            try:
                state.WS_VERSION.set(store().add_layer(token, state.WS_VERSION.get(), layer))
            except QuotaExceeded as error:
                mine.remove(layer)
                notice("error", "ws.layer_refused", name=markdown_text(layer.spec.title["en"]), message=error)
                return False
            stored.append(layer.spec.id)
    except GeoError as error:
        _failed(error)
    return True


def _create(current: dict) -> bool:
    try:
        snapshot = store().create(current)
    except GeoError as error:
        _failed(error)
        return True
    state.WS_TOKEN.set(snapshot.tokens.edit)
    state.WS_TOKENS.set({"edit": snapshot.tokens.edit, "view": snapshot.tokens.view})
    state.WS_CAN_EDIT.set(True)
    state.WS_VERSION.set(snapshot.version)
    state.WS_STORED.set([])
    state.WS_SAVED.set(current)
    _address()
    return _sync(snapshot.tokens.edit)


def _failed(error: GeoError) -> None:
    """A change that could not be saved: say so; what was saved before stays as it was."""
    if isinstance(error, StaleSave):
        state.WS_STALE.set(True)
    elif isinstance(error, WorkspaceNotFound):  # deleted meanwhile: the next change makes a new one
        _forget_workspace()
        notice("warning", "ws.invalid_link")
    else:
        notice("error", "ws.not_saved", message=error)


def _forget_workspace() -> None:
    for value in (state.WS_TOKEN, state.WS_TOKENS, state.WS_VERSION, state.WS_STORED, state.WS_STALE):
        value.forget()
    _address()


def end(banner, lang: str, first: bool = False) -> None:
    """The last thing a run does: save what changed, then the notices and the Workspace section.
    Not in a session's `first` run (ui.page.first_run), which may draw only part of the sidebar:
    what is on screen is taken as the baseline in the next run, which draws all of it."""
    if not first:
        _autosave()
    _banner(banner, lang, keep=first)
    _section(lang)


def _autosave() -> None:
    if not editable() or state.WS_OFFLINE.get() or state.AS_OF_PLAYING.get():
        return
    current = settings()
    saved = state.WS_SAVED.get()
    if saved is None:  # just opened (or nothing saved yet): what is on screen is the baseline
        state.WS_SAVED.set(current)
        return
    if saved["view"] is None and current["view"] is not None:
        saved = {**saved, "view": current["view"]}  # the map's first report of where it opened
        state.WS_SAVED.set(saved)
    if current == saved or state.WS_STALE.get():
        return
    token = state.WS_TOKEN.get()
    if token is None:
        _create(current)
        return
    if not _sync(token) or state.WS_STALE.get():
        return
    try:
        state.WS_VERSION.set(store().save_settings(token, state.WS_VERSION.get(), current))
    except GeoError as error:
        _failed(error)
    else:
        state.WS_SAVED.set(current)


# --- what the page shows -------------------------------------------------------------------------


def _banner(banner, lang: str, keep: bool = False) -> None:
    """The notices, shown once; in a first run (`keep`) shown again by the next, so that the run
    the map's first report makes a moment later does not take them away."""
    with banner:
        if not editable():
            st.info(t("ws.view_only", lang))
        if state.WS_STALE.get():
            st.error(t("ws.stale", lang))
            st.button(t("ws.reload", lang), key=state.WS_RELOAD_BUTTON.key, on_click=_ask_reload, type="primary")
        for kind, key, values in state.WS_NOTICES.get():
            texts = {k: markdown_text(v.message(lang)) if isinstance(v, GeoError) else v for k, v in values.items()}
            getattr(st, kind)(t(key, lang, **texts))
    if not keep:
        state.WS_NOTICES.set([])


def _ask_reload() -> None:
    state.WS_RELOAD.set(True)


def _section(lang: str) -> None:
    """The sidebar's Workspace section: the links (each with a copy button) and deleting."""
    bar = st.sidebar
    bar.subheader(t("ws.heading", lang))
    tokens = state.WS_TOKENS.get()
    if not tokens:
        bar.caption(t("ws.not_yet", lang))
        return
    if tokens.get("edit"):
        bar.caption(t("ws.edit_link", lang))
        bar.code(_link(tokens["edit"]), language=None, wrap_lines=True)
    bar.caption(t("ws.view_link", lang))
    bar.code(_link(tokens["view"]), language=None, wrap_lines=True)
    if not tokens.get("edit"):
        return
    bar.caption(t("ws.saved", lang, n=state.WS_VERSION.get()))
    if not state.WS_ASK_DELETE.get():
        if bar.button(t("ws.delete", lang), key=state.WS_DELETE.key):
            state.WS_ASK_DELETE.set(True)
            st.rerun()
        return
    bar.warning(t("ws.delete_confirm", lang))
    yes, no = bar.columns(2)
    if yes.button(t("ws.delete_yes", lang), key=state.WS_DELETE_YES.key, type="primary"):
        _delete(tokens["edit"])
    if no.button(t("ws.delete_no", lang), key=state.WS_DELETE_NO.key):
        state.WS_ASK_DELETE.set(False)
        st.rerun()


def _link(token: str) -> str:
    """The full address of a link, as the browser reached this app, with only the token."""
    base = (st.context.url or "").split("?", 1)[0].split("#", 1)[0]
    return f"{base.rstrip('/')}/?{PARAM}={token}" if base else f"?{PARAM}={token}"


def _delete(edit_token: str) -> None:
    try:
        store().delete(edit_token)
    except GeoError as error:
        state.WS_ASK_DELETE.set(False)
        _failed(error)
        st.rerun()
    st.session_state.clear()  # a fresh, empty map: nothing of the deleted workspace stays
    st.query_params.clear()
    state.WS_STARTED.set(True)
    notice("success", "ws.deleted")
    st.rerun()
