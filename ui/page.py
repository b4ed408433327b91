"""The page around the map, readable by anyone (#15): Streamlit's own English texts replaced by
ours, the phone layout, the map's text alternative and its name for screen readers; and when
the panels under the map are drawn (`first_run`).

Streamlit 1.67 has no translation of its file uploader ("Upload", "50MB per file") and no way
for the app to close the sidebar. So: our texts reach the page as CSS custom properties that
ui/assets/page.css shows in place of Streamlit's; and a small script (ui/assets/page.js),
mounted with st.components.v2 (which runs in the page, not in a frame), names the map's frame
and, on a phone, presses Streamlit's own sidebar button after a choice.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import streamlit as st

from geo.escape import html_text
from geo.i18n import t
from geo.load import Layer
from geo.webmap.build import INITIAL_VIEW
from geo.webmap.describe import describe
from geo.webmap.resources import UnsafeResource, check
from ui import state

ASSETS = Path(__file__).resolve().parent / "assets"

#: The element under the map that describes it; the map's frame names it (aria-describedby).
DESCRIPTION_ID = "dc-map-description"

#: The map's frame as streamlit-folium makes it (the browser tests find it the same way).
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'

#: Streamlit's own breakpoint for a small screen, in CSS pixels: below it the sidebar overlays the page.
NARROW_PX = 768


@cache
def _asset(name: str) -> str:
    """ui/assets/<name>, checked as the map's files are (geo.webmap.resources.check). A <style>
    whose text even mentions a style tag is dropped whole by Streamlit's HTML sanitiser."""
    text = (ASSETS / name).read_text(encoding="utf-8")
    check(text, name.rsplit(".", 1)[1], name)
    if name.endswith(".css") and "<style" in text.lower():
        raise UnsafeResource(f"ui/assets/{name} mentions a style tag")
    return text


def css_string(text: str) -> str:
    """`text` as a CSS string: letters, digits and plain punctuation as they are, anything else
    (quotes, backslashes, angle brackets) as a CSS escape, so no text can end the string.

    >>> css_string('50 MB "máx." </style>')
    '"50 MB \\\\22 máx.\\\\22  \\\\3c /style\\\\3e "'
    """
    safe = " .,:;()–-/%·"
    return '"' + "".join(c if c.isalnum() or c in safe else f"\\{ord(c):x} " for c in text) + '"'


def style(lang: str) -> None:
    """The page's stylesheet, with the uploader's texts in `lang`."""
    limit_mb = st.get_option("server.maxUploadSize")
    properties = {
        "--dc-upload": css_string(t("import.upload_button", lang)),
        "--dc-upload-limit": css_string(t("import.upload_limit", lang, mb=limit_mb)),
    }
    root = ":root { " + " ".join(f"{name}: {value};" for name, value in properties.items()) + " }"
    st.html(f"<style>{root}\n{_asset('page.css')}</style>")


def map_description(layers: list[Layer], lang: str) -> None:
    """The map said in words, under it (geo.webmap.describe): the frame's description."""
    (south, west), (north, east) = INITIAL_VIEW
    view = state.MAP_BOUNDS.get() or (west, south, east, north)
    text = describe(layers, lang, view)
    st.html(f'<p id="{DESCRIPTION_ID}" class="dc-map-description">{html_text(text)}</p>')


def first_run() -> bool:
    """Whether this run is the session's first: it draws the map, what is above it and its
    description, and leaves what is under it (the drawing controls, the table, analysis,
    downloads, import, charts) to the next run.

    The map reports its view once it is drawn, which reruns the page, and that run draws the
    rest: so a new visitor's browser draws the map first instead of laying out tables, charts
    and controls at the same time (#15 item 8, docs/performance.md). Any other rerun (a
    click, "show them now" should the map never report) does the same."""
    reported = "center" in (st.session_state.get(state.MAP.key) or {})  # st_folium's own defaults hold no centre
    if state.PANELS_DUE.get() or reported:
        return False
    state.PANELS_DUE.set(True)  # whatever reruns the page next draws everything
    return True


#: The key of the search box's place above the map (`search_place`); ui/assets/page.css keeps its height.
SEARCH_PLACE = "dc_search_place"


def search_place():
    """The search box's place above the map: a container the box is drawn into, in a first run
    after the map (so the browser loads the map's frame before the box's own scripts). The
    stylesheet keeps the place as tall as the box, so the map never moves when the box comes."""
    return st.container(key=SEARCH_PLACE)


def waiting(lang: str) -> None:
    """Under the map in a first run: what follows, and a button for it (`first_run`)."""
    st.caption(t("app.panels_waiting", lang))
    st.button(t("app.panels_now", lang), key=state.PANELS_NOW.key)


#: What Streamlit's own widgets and charts (Vega's mark containers) say to a screen reader
#: (aria-label, title, placeholder, aria-roledescription) in English whatever the page's
#: language, as they write it -> our catalogue's key. `STREAMLIT_PREFIXES`
#: begin a longer text ("Help for Mapa base"), the rest of which is ours.
STREAMLIT_WORDS = {
    "Choose an option": "streamlit.choose",
    "Clear all": "streamlit.clear_all",
    "Close": "streamlit.close",
    "Collapse sidebar": "streamlit.collapse_sidebar",
    "Copy to clipboard": "streamlit.copy",
    "Copy Vega-Lite spec": "streamlit.copy_spec",
    "Download as CSV": "streamlit.download_csv",
    "Download as PNG": "streamlit.download_png",
    "Expand sidebar": "streamlit.expand_sidebar",
    "Fullscreen": "streamlit.fullscreen",
    "group mark container": "streamlit.chart_group",
    "Link to heading": "streamlit.heading_link",
    "Open": "streamlit.open",
    "rect mark container": "streamlit.chart_bars",
    "Search": "streamlit.search",
    "Selected values": "streamlit.selected",
    "Show data": "streamlit.show_data",
    "Show/hide columns": "streamlit.columns",
    "Sidebar": "streamlit.sidebar",
    "Vega visualization": "streamlit.chart",
}
STREAMLIT_PREFIXES = {
    "Help for ": "streamlit.help_for",
    "Remove ": "streamlit.remove",
    "Download as CSV: ": "streamlit.download_csv_of",
    "Fullscreen: ": "streamlit.fullscreen_of",
    "Search: ": "streamlit.search_of",
    "Show/hide columns: ": "streamlit.columns_of",
}


def streamlit_words(lang: str) -> dict:
    """Streamlit's own words in `lang`, for ui/assets/page.js: {"exact": {...}, "prefix": [...]},
    the longer prefixes first. Nothing in English: Streamlit already says it."""
    if lang == "en":
        return {"exact": {}, "prefix": []}
    prefixes = sorted(STREAMLIT_PREFIXES.items(), key=lambda item: -len(item[0]))
    return {
        "exact": {english: t(key, lang) for english, key in STREAMLIT_WORDS.items()},
        "prefix": [[english, t(key, lang)] for english, key in prefixes],
    }


@cache
def _assist_component():
    return st.components.v2.component("darien_page_assist", js=_asset("page.js"))


def assist(lang: str) -> None:
    """The page's script (ui/assets/page.js): names for screen readers, the sidebar on a phone."""
    _assist_component()(
        key=state.PAGE_ASSIST.key,
        data={
            "map_label": t("map.access.frame", lang),
            "description_id": DESCRIPTION_ID,
            "upload_label": t("import.upload_button", lang),
            "skip_label": t("app.skip_to_content", lang),
            "words": streamlit_words(lang),
            "frame_selector": MAP_FRAME,
            "narrow_px": NARROW_PX,
        },
    )
