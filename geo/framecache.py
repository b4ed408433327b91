"""Work made from a layer's frame, remembered per frame object.

A map, a legend or a filter control made again on every rerun and for every new visitor would
redo the same work on the same bundled frames (the GeoJSON of each layer, its periods, its
translated values). A `FrameCache` keeps what `make()` gave for a layer, and answers only for
that very frame object: an entry holds a weak reference to its frame, so a new frame that
happens to reuse a freed object's id is made anew, never given another frame's values.

The app keeps one shared by every session for the bundled layers and one per session for
everything else (ui/memo.py), so no user's data is ever served to another session. Sessions
run in threads: the cache is locked while it is read or changed (not while `make` runs; two
threads may then make the same value, and either is right).
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Protocol, TypeVar

from geo.load import Layer

T = TypeVar("T")


class Remember(Protocol):
    """What the map builder is handed to remember its work: `remember(layer, name, make, *extra)`."""

    def __call__(self, layer: Layer, name: str, make: Callable[[], T], *extra: Hashable) -> T: ...


def made(layer: Layer, name: str, make: Callable[[], T], *extra: Hashable) -> T:
    """Remember nothing: `make()` every time (the default of whoever takes a `Remember`)."""
    return make()


class FrameCache:
    """A small LRU of values made from frames, keyed on (name, layer id, frame object, *extra)."""

    def __init__(self, size: int = 128):
        self.size = size
        self._items: OrderedDict[tuple, tuple[weakref.ref, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, layer: Layer, name: str, make: Callable[[], T], *extra: Hashable) -> T:
        """What `make()` gives for `layer`'s frame (and `extra`), made once while it is kept."""
        key = (name, layer.spec.id, id(layer.frame), *extra)
        with self._lock:
            entry = self._items.get(key)
            if entry is not None and entry[0]() is layer.frame:
                self.hits += 1
                self._items.move_to_end(key)
                return entry[1]
        value = make()
        with self._lock:
            self.misses += 1
            self._items[key] = (weakref.ref(layer.frame), value)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    __call__ = get
