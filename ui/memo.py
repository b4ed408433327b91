"""Work made from a layer's frame, remembered for the next run (geo.framecache).

The bundled layers' work is kept in one cache every session shares: the bundled frames are
the same read-only objects for everyone (ui.mapview.bundled_layers), so a new visitor's map,
legend and filter controls are made from what the first visitor's run made. Everything else
(the user's layers, derived and database layers) is kept in this session's own cache, so no
user's data is ever served to another session.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

import streamlit as st

from geo.framecache import FrameCache
from geo.load import Layer
from ui import state

T = TypeVar("T")


@st.cache_resource
def _bundled() -> FrameCache:
    """The bundled layers' work, for every session (bundled data only)."""
    return FrameCache(size=256)


def remember(layer: Layer, name: str, make: Callable[[], T], *extra: Hashable) -> T:
    """What `make()` gives for `layer` (geo.framecache.Remember), from the cache it belongs in."""
    cache = _bundled() if layer.spec.origin == "bundled" else state.FRAME_MEMO.get()
    return cache.get(layer, name, make, *extra)
