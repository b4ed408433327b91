"""Every key this app keeps in `st.session_state`, declared once, with its type and default.

- A `Value` is what the app itself keeps for this session between reruns (the user's layers,
  memos of work done, what the map last reported, the drawn area). It is made from its
  default the first time it is read.
- A `Widget` is a widget's key: Streamlit keeps the widget's value under it. Widgets are drawn
  with `key=W.key` and start from `W.default`; tests and browser tests find them by that key,
  so a key, once published, does not change.
- A `WidgetFamily` is one widget per thing (a layer, an upload round): `pattern` with its id.

`in_url` marks what a workspace saves and its link reopens (ui/workspace.py reads it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import streamlit as st

from geo.analysis import DEFAULT_REACH_KM
from geo.featuretable import TableCache
from geo.framecache import FrameCache
from geo.i18n import DEFAULT_LANGUAGE
from geo.importing.pipeline import Table
from geo.load import Layer
from geo.selection import FilteredCache
from geo.spec import CONFIDENCE_LEVELS
from geo.webmap.compact import PreparedCache

T = TypeVar("T")


@dataclass(frozen=True)
class Value(Generic[T]):
    """A value the app keeps for this session; `default_factory` makes a fresh default."""

    key: str
    default: T | None = None
    default_factory: Callable[[], T] | None = None
    in_url: bool = False

    def get(self) -> T:
        """The session's value, set to the default the first time."""
        if self.key not in st.session_state:
            st.session_state[self.key] = self.default_factory() if self.default_factory else self.default
        return st.session_state[self.key]

    def set(self, value: T) -> None:
        st.session_state[self.key] = value

    def forget(self) -> None:
        st.session_state.pop(self.key, None)


@dataclass(frozen=True)
class Widget(Generic[T]):
    """A widget's key and the value it starts from (None: the panel chooses, from the data)."""

    key: str
    default: T | None = None
    in_url: bool = False

    def get(self) -> T | None:
        """The widget's value, or its default before it is first drawn."""
        return st.session_state.get(self.key, self.default)

    def init(self) -> None:
        """The default as the widget's value, once: for a widget the app also sets (playback
        moves the month), which is then drawn with no `value=` of its own."""
        if self.key not in st.session_state:
            st.session_state[self.key] = self.default

    def set(self, value: T) -> None:
        """Only before the widget is drawn in this run (Streamlit refuses it after)."""
        st.session_state[self.key] = value

    def forget(self) -> None:
        """Back to its default the next time it is drawn."""
        st.session_state.pop(self.key, None)


@dataclass(frozen=True)
class WidgetFamily:
    """One widget per thing; its default is the thing's own (a layer's `visible`, for instance)."""

    pattern: str
    in_url: bool = False

    def key(self, name: Any) -> str:
        return self.pattern.format(name)


# --- kept by the app -------------------------------------------------------------------------

USER_LAYERS: Value[list[Layer]] = Value("user_layers", default_factory=list)
USER_TABLES: Value[dict[int, Table]] = Value("user_tables", default_factory=dict)  # files without geometry, by serial
UPLOAD_ROUND: Value[int] = Value("upload_round", default=0)  # a new round forgets the file uploader
IMPORT_SERIAL: Value[int] = Value("import_serial", default=0)  # numbers the user's layers
IMPORT_MEMO: Value[dict] = Value("import_memo", default_factory=dict)  # the worker's answers for the file under review
PREPARED_CACHE: Value[PreparedCache] = Value("prepared_cache", default_factory=PreparedCache)  # user layers only
FRAME_MEMO: Value[FrameCache] = Value("frame_memo", default_factory=FrameCache)  # ui.memo: all but bundled layers
FILTERED_CACHE: Value[FilteredCache] = Value("filtered_cache", default_factory=FilteredCache)
ANALYSIS_MEMO: Value[tuple | None] = Value("analysis_memo")  # (key, frames held, answer)
MAP_BOUNDS: Value[tuple[float, float, float, float] | None] = Value("map_bounds", in_url=True)  # W, S, E, N
GO_TO_SEEN: Value[dict] = Value("go_to_seen", default_factory=dict)  # who asked -> their last request
MAP_VIEW: Value[dict | None] = Value("map_view", in_url=True)  # {"lat", "lng", "zoom"}: the view the map last reported
LAST_CLICK: Value[dict | None] = Value("last_click")  # {"lat", "lng"} as the map reported it
DRAWN_AREA: Value[list[tuple[float, float]]] = Value("drawn_area", default_factory=list, in_url=True)  # lon, lat
AS_OF_PLAYING: Value[bool] = Value("as_of_playing", default=False)  # the month control is playing
AS_OF_ADVANCE: Value[bool] = Value("as_of_advance", default=False)  # the next run moves to the next month

# --- the sidebar -----------------------------------------------------------------------------

LANG: Widget[str] = Widget("lang", DEFAULT_LANGUAGE, in_url=True)
BASEMAP: Widget[str] = Widget("basemap", "offline", in_url=True)
LAYER: WidgetFamily = WidgetFamily("layer_{}", in_url=True)  # bundled, derived and user layers' switches
REMOVE_LAYER: WidgetFamily = WidgetFamily("remove_{}")  # a user layer's ✕
FILTER_CONFIDENCE: Widget[Sequence[str]] = Widget("filter_confidence", CONFIDENCE_LEVELS, in_url=True)
#: The month control's first option: no month filter (the map as it always was).
ALL_PERIODS = "all"
#: Seconds per month when playing.
SPEEDS = (0.5, 1.0, 2.0)
AS_OF_MONTH: Widget[str] = Widget("as_of_month", ALL_PERIODS, in_url=True)  # "YYYY-MM", or "all": every period
AS_OF_UNDATED: Widget[str] = Widget("as_of_undated", "show", in_url=True)  # undated features: show (marked), hide
AS_OF_SPEED: Widget[float] = Widget("as_of_speed", 1.0, in_url=True)  # seconds per month when playing
AS_OF_PLAY: Widget[bool] = Widget("as_of_play", False)  # play / pause
REACH_KM: Widget[int] = Widget("analysis_reach_km", int(DEFAULT_REACH_KM), in_url=True)

# --- the map and the drawn area --------------------------------------------------------------

MAP: Widget[dict] = Widget("map")  # what st_folium reports
DRAW_MODE: Widget[bool] = Widget("draw_mode", False)
DRAW_CLEAR: Widget[bool] = Widget("draw_clear", False)

# --- the panels ------------------------------------------------------------------------------

DOWNLOAD_SUMMARY: Widget[bool] = Widget("download_summary", False)
EXPORT_WHAT: Widget[str] = Widget("export_what", "filtered")
EXPORT_LAYER: Widget[str] = Widget("export_layer")  # the first visible layer
EXPORT_FORMAT: Widget[str] = Widget("export_format", "geojson")
DOWNLOAD_EXPORT: Widget[bool] = Widget("download_export", False)
UPLOAD: WidgetFamily = WidgetFamily("upload_{}")  # one per UPLOAD_ROUND
IMPORT_LAYER: Widget[str] = Widget("import_layer")  # the file's first layer
IMPORT_LON: Widget[str] = Widget("import_lon")  # the guessed column, or none
IMPORT_LAT: Widget[str] = Widget("import_lat")
IMPORT_WKT: Widget[str] = Widget("import_wkt")
IMPORT_NAME: Widget[str] = Widget("import_name")  # the file's name
IMPORT_CONFIDENCE: Widget[str] = Widget("import_confidence", "reported")
IMPORT_REPLACES: Widget[str | None] = Widget("import_replaces")  # None: replaces nothing
IMPORT_CRS: Widget[str] = Widget("import_crs", "")
IMPORT_SWAP: Widget[bool] = Widget("import_swap", False)
IMPORT_REPAIR: Widget[bool] = Widget("import_repair", False)
IMPORT_LEAVE_OUT: Widget[bool] = Widget("import_leave_out", False)
IMPORT_COLLECTIONS: Widget[str | None] = Widget("import_collections")  # None: not chosen yet
IMPORT_ENCODING: Widget[str | None] = Widget("import_encoding")  # None: what the file says
IMPORT_VALID_FROM: Widget[str | None] = Widget("import_valid_from")  # a time column; None: the layer is not timed
IMPORT_VALID_TO: Widget[str | None] = Widget("import_valid_to")  # None: no end column
IMPORT_ADD: Widget[bool] = Widget("import_add", False)
IMPORT_CANCEL: Widget[bool] = Widget("import_cancel", False)
TABLE_DOWNLOAD: WidgetFamily = WidgetFamily("table_download_{}")  # one per kept table (USER_TABLES)
TABLE_REMOVE: WidgetFamily = WidgetFamily("table_remove_{}")

# --- database layers (#13 item 7: PostGIS tables named in DARIEN_DB_LAYERS; ui/database.py) ------

DB_VIEW_MEMO: Value[tuple | None] = Value("db_view_memo")  # (layer ids, bounds, zoom, lang) -> the last overlay
DB_EXPORT: WidgetFamily = WidgetFamily("db_export_{}")  # a database layer's "download what is in view"
DB_ANALYSE: Widget[bool] = Widget("db_analyse", False)  # "analyse the database layers" (on demand: corridor-wide SQL)
DB_ANALYSIS_MEMO: Value[tuple | None] = Value("db_analysis_memo")  # (key, rows) of the last database analysis
# --- explore: find a place, measure along a route, heat maps (#16 items 1, 2, 5) -----------------

SEARCH_QUERY: Widget[str] = Widget("search_query", "")  # the search box's text
SEARCH_PICK: WidgetFamily = WidgetFamily("search_pick_{}")  # one button per result, by its rank
SEARCH_CLEAR: Widget[bool] = Widget("search_clear", False)
SEARCH_FOCUS: Value[dict | None] = Value("search_focus")  # the chosen place: {"lat", "lng", "zoom", "key", "serial"}
SEARCH_USER_MEMO: Value[dict] = Value("search_user_memo", default_factory=dict)  # layer id -> (frame, its places)
ALONG_ROUTE: Widget[str] = Widget("along_route")  # the route measured along; None: the first
ALONG_FROM: Widget[str] = Widget("along_from")  # a place on it; None: its first stop
ALONG_TO: Widget[str] = Widget("along_to")  # None: its last stop
ALONG_SHOW: Widget[bool] = Widget("along_show", False)  # the measured part highlighted on the map
HEAT_DISPLAY: WidgetFamily = WidgetFamily("heat_display_{}")  # a point layer's display: points, heat
HEAT_WEIGHT: WidgetFamily = WidgetFamily("heat_weight_{}")  # its weight column; "": none
HEAT_RADIUS: WidgetFamily = WidgetFamily("heat_radius_{}")  # pixels
HEAT_INTENSITY: WidgetFamily = WidgetFamily("heat_intensity_{}")  # geo.webmap.heat.HeatOptions.intensity
# --- explore: filters for each layer and the feature table (#16) -----------------------------

FILTER_ON: WidgetFamily = WidgetFamily("filter_on_{}", in_url=True)  # per layer id: the attributes it is filtered by
FILTER_BY: WidgetFamily = WidgetFamily("filter_by_{}", in_url=True)  # per "<layer id>:<attribute>": its condition
TABLE_LAYER: Widget[str] = Widget("table_layer", in_url=True)  # the first layer on the map
TABLE_IN_VIEW: Widget[bool] = Widget("table_in_view", False, in_url=True)  # only the features in the map's view
TABLE_SEARCH: Widget[str] = Widget("table_search", "", in_url=True)  # rows holding this text
FEATURE_TABLE: Widget[dict] = Widget("feature_table")  # st.dataframe's selection: {"selection": {"rows": [...]}}
FEATURE_TABLE_DOWNLOAD: Widget[bool] = Widget("feature_table_download", False)
# The feature chosen in the table or on the map: {"layer", "feature" (its row in the layer's frame),
# "frame", "wkb", "geometry", "lat", "lng", "zoom", "bounds", "move", "turn"}. Not for a link: it
# holds a geometry; the table's own widgets above are.
FOCUS: Value[dict | None] = Value("focus")
TABLE_CLICK_SEEN: Value[dict | None] = Value("table_click_seen")  # the map click the table last answered
TABLE_SIGNATURE: Value[tuple | None] = Value("table_signature")  # (layer, frame, language, rows) the table last showed
TABLE_CACHE: Value[TableCache] = Value("table_cache", default_factory=TableCache)  # each layer's table, by frame
# --- the readable map (#15): what a language switch and a new map keep ----------------------

EXPORT_PAPER: Widget[str] = Widget("export_paper", "A4-landscape")  # a print map's paper: "A4"/"A3" "-" orientation

#: Widgets whose options are shown through the language: Streamlit's page keeps a choice by its
#: shown text, so after a switch the old text matches no option and the choice was emptied
#: (the confidence filter, and with it the map). The language radio hands each one back its
#: value, which Streamlit then shows in the new language (ui.sidebar.language).
KEPT_ACROSS_LANGUAGES: tuple[Widget, ...] = (
    BASEMAP,
    FILTER_CONFIDENCE,
    AS_OF_MONTH,
    AS_OF_SPEED,
    AS_OF_UNDATED,
    EXPORT_WHAT,
    EXPORT_LAYER,
    EXPORT_FORMAT,
    IMPORT_CONFIDENCE,
    IMPORT_REPLACES,
    IMPORT_COLLECTIONS,
    IMPORT_ENCODING,
    EXPORT_PAPER,
)
MAP_SHOWN: Value[str | None] = Value("map_shown")  # what the map on the page was built from (ui.mapview)
MAP_HANDED: Value[dict | None] = Value("map_handed")  # {"center", "zoom", "hidden"} handed to that map
MAP_HIDDEN: Value[list[str]] = Value(
    "map_hidden", default_factory=list, in_url=True
)  # layer ids switched off in the map's control
# --- the readable page (#15: languages, keyboard and screen readers, phone) ------------------

PAGE_ASSIST: Widget[dict] = Widget("page_assist")  # ui/assets/page.js, mounted by ui.page.assist
#: The panels under the map (and a new visitor's controls) are drawn from the run after the first (ui.page.first_run).
PANELS_DUE: Value[bool] = Value("panels_due", default=False)
PANELS_NOW: Widget[bool] = Widget("panels_now", False)  # "show them now", if the map never reports
# --- workspaces (#13): the saved map behind every link (ui/workspace.py) ----------------------

WS_STARTED: Value[bool] = Value("ws_started", default=False)  # the link was read (first run of the session)
WS_TOKEN: Value[str | None] = Value("ws_token")  # the token this session works with; None: nothing saved yet
WS_TOKENS: Value[dict | None] = Value("ws_tokens")  # {"edit": str | None, "view": str}
WS_CAN_EDIT: Value[bool] = Value("ws_can_edit", default=True)  # False: opened with a view-only link
WS_VERSION: Value[int | None] = Value("ws_version")  # the version this session's next change is based on
WS_SAVED: Value[dict | None] = Value("ws_saved")  # the settings last saved (or found on screen at opening)
WS_STORED: Value[list[str]] = Value("ws_stored", default_factory=list)  # ids of the layers the store holds
WS_IMPORTS: Value[dict] = Value("ws_imports", default_factory=dict)  # layer id -> the import report's choices
WS_STALE: Value[bool] = Value("ws_stale", default=False)  # someone else saved first: reload before saving
WS_RELOAD: Value[bool] = Value("ws_reload", default=False)  # the next run opens the latest version
WS_OFFLINE: Value[bool] = Value("ws_offline", default=False)  # the link's workspace could not be reached
WS_NOTICES: Value[list[tuple[str, str, dict]]] = Value("ws_notices", default_factory=list)  # (kind, key, values)
WS_ASK_DELETE: Value[bool] = Value("ws_ask_delete", default=False)  # the delete button asks for confirmation
WS_DELETE: Widget[bool] = Widget("ws_delete", False)
WS_DELETE_YES: Widget[bool] = Widget("ws_delete_yes", False)
WS_DELETE_NO: Widget[bool] = Widget("ws_delete_no", False)
WS_RELOAD_BUTTON: Widget[bool] = Widget("ws_reload_button", False)
