"""Choosing *what* to export (or draw): filters, the map view, a drawn shape.

Clipping cuts features at the boundary of the area and marks each cut
feature with `clipped: true`, so an export never passes off a piece as the
whole. Clipping is planar in lon/lat: for a view or a drawn shape on a Web
Mercator map, straight edges in the browser are straight in lon/lat too.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import shapely

from geo import timeline
from geo.errors import BoundsInvalid, ClipAreaInvalid, DrawnAreaInvalid, DrawnAreaTooSmall, LayerNotVisible, ViewUnknown
from geo.layerfilters import LayerFilters
from geo.load import Layer
from geo.measure import remeasured
from geo.spec import CONFIDENCE_LEVELS

CLIPPED = "clipped"


#: What to do with the undated features of a timed layer when a month is chosen (geo.timeline).
UNDATED_CHOICES = ("show", "hide")


@dataclass(frozen=True)
class Filters:
    """Feature filters shown in the sidebar; None means "no filter".

    `as_of` (a month, "YYYY-MM") keeps what held in that month (geo.timeline.valid_in_month),
    in every timed layer; `undated` says whether a timed layer's features with no known
    period are kept ("show": the map marks them) or left out ("hide") when a month is chosen.
    Layers with no dated feature at all (context layers) are not about time: neither applies.
    Without a month, every period is shown and nothing is hidden, as on the map.
    `per_layer` holds each layer's own conditions on its attributes (geo.layerfilters).
    """

    confidence: frozenset[str] | None = None
    as_of: str | None = None
    undated: Literal["show", "hide"] = "show"
    per_layer: LayerFilters = field(default_factory=LayerFilters)

    def __post_init__(self) -> None:
        if self.as_of is not None:
            timeline.month_bounds(self.as_of)  # refuses anything but "YYYY-MM"
        if self.undated not in UNDATED_CHOICES:
            raise ValueError(f"undated must be one of {UNDATED_CHOICES}, got {self.undated!r}")

    def active(self) -> bool:
        return (
            self.as_of is not None
            or bool(self.per_layer)
            or (self.confidence is not None and set(self.confidence) != set(CONFIDENCE_LEVELS))
        )

    def but_time(self) -> Filters:
        """These filters without the month: what the map is built from (the month is applied in the page)."""
        return Filters(confidence=self.confidence, per_layer=self.per_layer)

    def in_time(self) -> Filters:
        """Only the time part of these filters (the month and the undated choice)."""
        return Filters(as_of=self.as_of, undated=self.undated)


def apply_filters(layers: Sequence[Layer], filters: Filters) -> list[Layer]:
    """The same layers with only the features that pass `filters` (layers may become empty)."""
    if not filters.active():
        return list(layers)
    out = []
    for layer in layers:
        frame = layer.frame
        keep = np.ones(len(frame), dtype=bool)
        if filters.confidence is not None and "confidence" in frame:
            keep &= frame["confidence"].isin(filters.confidence).to_numpy()
        if filters.as_of is not None:
            keep &= _as_of(frame, filters.as_of, filters.undated)
        if filters.per_layer:
            keep &= filters.per_layer.keep(layer)
        out.append(layer if keep.all() else Layer(layer.spec, frame[keep].reset_index(drop=True), layer.replaces))
    return out


def timed_ids(layers: Sequence[Layer]) -> frozenset[str]:
    """The ids of the layers about time (at least one dated feature). Judge it on the layers
    as loaded: once filtered, a timed layer may hold only undated features."""
    return frozenset(layer.spec.id for layer in layers if timeline.timed(layer.frame))


def _as_of(frame, month: str, undated: str) -> np.ndarray:
    no_period = timeline.undated(frame)
    if no_period.all():  # a context layer (or an empty one): not about time
        return np.ones(len(frame), dtype=bool)
    held = timeline.valid_in_month(frame, month)
    return held | no_period if undated == "show" else held


class FilteredCache:
    """Filtered layers remembered, so a rerun with the same filters hands back the very same
    frames, and what was prepared from them (geo.webmap.compact.PreparedCache) is not prepared again.

    The app keeps one per session. An entry holds a weak reference to the frame it was made
    from and only answers for that very object (and the same filters).
    """

    def __init__(self, size: int = 32):
        self.size = size
        self._items: OrderedDict[tuple, tuple[weakref.ref, Layer]] = OrderedDict()

    def apply(self, layers: Sequence[Layer], filters: Filters) -> list[Layer]:
        if not filters.active():
            return list(layers)
        out = []
        for layer in layers:
            key = (layer.spec.id, id(layer.frame), filters)
            entry = self._items.get(key)
            if entry is None or entry[0]() is not layer.frame:
                entry = (weakref.ref(layer.frame), apply_filters([layer], filters)[0])
                self._items[key] = entry
            self._items.move_to_end(key)
            out.append(entry[1])
        while len(self._items) > self.size:
            self._items.popitem(last=False)
        return out


def bbox_area(bounds: tuple[float, float, float, float]):
    """The (west, south, east, north) box as a polygon; refuses an empty or inverted box (BoundsInvalid)."""
    west, south, east, north = bounds
    if not (west < east and south < north):
        raise BoundsInvalid(key="bounds_invalid", west=west, south=south, east=east, north=north)
    return shapely.box(west, south, east, north)


def drawn_area(vertices: Sequence[tuple[float, float]] | None):
    """The polygon drawn on the map through `vertices` (lon, lat; closed for the user).

    Refuses fewer than three vertices (DrawnAreaTooSmall), and a ring that crosses itself or
    encloses no surface (DrawnAreaInvalid): never repaired, since which part was meant would
    be a guess.

    >>> drawn_area([(0, 0), (1, 0), (0, 1)]).area
    0.5
    >>> drawn_area([(0, 0), (1, 1), (1, 0), (0, 1)])  # a bow tie
    Traceback (most recent call last):
    geo.errors.DrawnAreaInvalid: the drawn area crosses itself or encloses no surface; clear it and draw it again without crossing its sides
    """
    if vertices is None or len(vertices) < 3:
        raise DrawnAreaTooSmall(key="drawn_area_too_small")
    area = shapely.Polygon(vertices)
    if not area.is_valid or area.area == 0:
        raise DrawnAreaInvalid(key="drawn_area_invalid")
    return area


def clip_layers(layers: Sequence[Layer], area) -> list[Layer]:
    """Only what lies inside `area` (lon/lat), cut at its edge; cut features get `clipped: true`
    and their derived measures (`length_km`, `area_km2`: geo.measure.DERIVED_MEASURES) measured
    again, geodesically, on the piece kept.

    Features entirely outside are left out; features without geometry too
    (they lie nowhere). A polygon area must be valid.
    """
    if area is None or area.is_empty or not area.is_valid:
        raise ClipAreaInvalid("the area to clip to is empty or not a valid polygon")
    shapely.prepare(area)
    out = []
    for layer in layers:
        frame = layer.frame
        geoms = np.asarray(frame.geometry.array, dtype=object)
        present = np.array([g is not None and not g.is_empty for g in geoms], dtype=bool)
        inside = np.zeros(len(frame), dtype=bool)
        inside[present] = shapely.intersects(area, geoms[present])
        covered = np.zeros(len(frame), dtype=bool)
        covered[inside] = shapely.covers(area, geoms[inside])
        cut = inside & ~covered
        new = geoms.copy()
        new[cut] = [_same_family(shapely.intersection(g, area), g) for g in geoms[cut]]
        kept = frame[inside].copy()
        kept[CLIPPED] = cut[inside]
        kept = kept.set_geometry(np.asarray(new[inside], dtype=object)).set_crs(frame.crs, allow_override=True)
        kept = remeasured(kept, cut[inside])  # a piece's length or area is the piece's, not the whole's
        out.append(Layer(layer.spec, kept.reset_index(drop=True), layer.replaces))
    return out


def _same_family(piece, original):
    """A clipped piece as the original's geometry family (drop stray lower-dimension bits)."""
    if piece.geom_type != "GeometryCollection":
        return piece
    family = original.geom_type.replace("Multi", "")
    parts = [p for g in piece.geoms for p in getattr(g, "geoms", [g]) if p.geom_type == family]
    maker = {"Point": shapely.MultiPoint, "LineString": shapely.MultiLineString, "Polygon": shapely.MultiPolygon}[
        family
    ]
    return maker(parts)


#: What the user may export, in the order the app offers it.
WHAT = ("filtered", "visible", "layer", "view", "drawn")


def what_to_export(
    what: str,
    visible: Sequence[Layer],
    filters: Filters,
    layer_id: str | None = None,
    view: tuple[float, float, float, float] | None = None,
    drawn: Sequence[tuple[float, float]] | None = None,
) -> list[Layer]:
    """The layers (and features) an export holds. Every choice follows the month the map shows
    (`filters.as_of`, with its undated choice): an export is of the corridor as of that month.

    - `filtered`: the visible layers, only features that pass the filters (what the map shows);
    - `visible`: the visible layers, every feature of the month (the other filters not applied);
    - `layer`: one visible layer, every feature of the month;
    - `view`: what the map shows, clipped to the view (west, south, east, north);
    - `drawn`: what the map shows, clipped to the polygon drawn (lon, lat vertices).

    Raises LayerNotVisible, ViewUnknown (or BoundsInvalid), DrawnAreaTooSmall or
    DrawnAreaInvalid when the choice cannot be made yet; ValueError for a `what` not in WHAT.
    """
    if what == "visible":
        return apply_filters(visible, filters.in_time())
    if what == "layer":
        chosen = [layer for layer in visible if layer.spec.id == layer_id]
        if not chosen:
            raise LayerNotVisible(key="layer_not_visible", layer=layer_id)
        return apply_filters(chosen, filters.in_time())
    shown = apply_filters(visible, filters)
    if what == "filtered":
        return shown
    if what == "view":
        if view is None:
            raise ViewUnknown(key="view_unknown")
        return clip_layers(shown, bbox_area(view))
    if what == "drawn":
        return clip_layers(shown, drawn_area(drawn))
    raise ValueError(f"unknown choice {what!r}; expected one of {', '.join(WHAT)}")
