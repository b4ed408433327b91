"""Print map (PNG, PDF) rendered on the server with matplotlib: no browser.

Laid out as humanitarian maps are (after OCHA's products): title, date and "as of", legend,
scale bar, north arrow, each layer's source and licence, the disclaimer that boundaries are
approximate and the usual one that boundaries and names do not imply endorsement (in both
languages), and a map ID that is also the file's name (`map_id`), on A4 or A3 paper, landscape
or portrait. Land outside the area exported is drawn as land (the bundled countries), not sea. As of a month, the header and the legend say which,
and the undated features of the timed layers, when shown, are drawn as the map draws
them: a grey dashed outline, counted in the legend. Drawn in the corridor's transverse Mercator
(geo.measure.CORRIDOR_CRS), whose metres make the scale bar true and whose
grid north is true north to within half a degree across the corridor.
"""

from __future__ import annotations

import datetime as _dt
import io
import math
import textwrap
from collections.abc import Collection, Sequence
from functools import cache

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_pdf import FigureCanvasPdf
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.patheffects import withStroke

from geo import timeline
from geo.i18n import LANGUAGES, t
from geo.load import Layer
from geo.measure import CORRIDOR_CRS
from geo.webmap.build import SEA_COLOUR, attributions, legend_items
from geo.webmap.labels import label_data

NICE_KM = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500)

#: ISO 216 paper sizes in millimetres, landscape (width, height).
PAPERS = {"A4": (297, 210), "A3": (420, 297)}
ORIENTATIONS = ("landscape", "portrait")

#: Where things go, per orientation (figure fractions): the map's axes, the legend's corner and columns.
LAYOUTS = {
    "landscape": {"map": (0.02, 0.15, 0.70, 0.74), "legend": (0.735, 0.89), "columns": 1},
    "portrait": {"map": (0.03, 0.40, 0.94, 0.49), "legend": (0.03, 0.39), "columns": 2},
}

#: The map ID's country part: the two countries the corridor joins (ISO 3166-1 alpha-3).
MAP_ID_AREA = "COL-PAN_darien"

#: A short word for each mission layer in a map ID; a map of several or none is the "corridor".
TOPICS = {
    "migration_routes": "routes",
    "reception_communities": "communities",
    "patrol_zones": "patrol",
    "darien_national_park": "park",
}

LAND_COLOUR, LAND_EDGE = "#f3f0e8", "#9a9a9a"

#: Undated features of a timed layer, when shown: as on the map (geo/webmap/js/timefilter.js).
UNDATED_COLOUR, UNDATED_DASH = "#6b6b6b", "3 5"


def map_id(
    layer_ids: Sequence[str], day: _dt.date, paper: str = "A4", orientation: str = "landscape", as_of: str | None = None
) -> str:
    """The map's ID and file name, in the style of OCHA's products: area, topic, paper (with
    "-portrait" when upright), the month shown if one was chosen, and the day it was made.

    >>> map_id(["countries", "migration_routes"], _dt.date(2026, 12, 1))
    'COL-PAN_darien_routes_A4_20261201'
    >>> map_id(["migration_routes", "patrol_zones"], _dt.date(2026, 12, 1), "A3", "portrait", as_of="2023-09")
    'COL-PAN_darien_routes-patrol_A3-portrait_asof-2023-09_20261201'
    >>> map_id(["towns"], _dt.date(2026, 1, 2))
    'COL-PAN_darien_corridor_A4_20260102'
    """
    if paper not in PAPERS or orientation not in ORIENTATIONS:
        raise ValueError(f"paper must be one of {list(PAPERS)} and orientation one of {ORIENTATIONS}")
    topics = [TOPICS[i] for i in layer_ids if i in TOPICS]
    topic = "-".join(topics) if 1 <= len(topics) <= 2 else "corridor"
    size = paper if orientation == "landscape" else f"{paper}-portrait"
    month = f"_asof-{as_of}" if as_of else ""
    return f"{MAP_ID_AREA}_{topic}_{size}{month}_{day:%Y%m%d}"


def paper_px(paper: str, orientation: str, dpi: int) -> tuple[int, int]:
    """The page in pixels at `dpi`.

    >>> paper_px("A4", "portrait", 150)
    (1240, 1754)
    """
    width, height = PAPERS[paper]
    if orientation == "portrait":
        width, height = height, width
    return round(width / 25.4 * dpi), round(height / 25.4 * dpi)


def render(
    layers: Sequence[Layer],
    lang: str,
    fmt: str = "png",
    size_px: tuple[int, int] | None = None,
    dpi: int = 150,
    bounds: tuple[float, float, float, float] = (-78.6, 7.1, -76.5, 8.9),
    title: str = "",
    generated: str = "",
    *,
    as_of: str | None = None,
    undated: str = "show",
    timed: Collection[str] | None = None,
    paper: str = "A4",
    orientation: str = "landscape",
    map_name: str = "",
    data_as_of: str | None = None,
) -> bytes:
    """The map as PNG or PDF bytes: `paper` in `orientation` at `dpi`, or `size_px` pixels when
    given (PDF: the same page size).

    `as_of`, `undated`: the month the layers were chosen for and the undated choice
    (geo.selection.Filters); `timed`: the ids of the layers about time (by default, judged on
    `layers`). Undated features are marked only as of a month, as on the map. `map_name`: the
    map ID printed at the foot (`map_id`); `data_as_of`: the latest month of the data, said when
    no month was chosen.
    """
    if fmt not in ("png", "pdf"):
        raise ValueError(f"print format must be png or pdf, got {fmt!r}")
    figure = compose(
        layers,
        lang,
        size_px or paper_px(paper, orientation, dpi),
        dpi,
        bounds,
        title,
        generated,
        as_of=as_of,
        undated=undated,
        timed=timed,
        orientation=orientation,
        map_name=map_name,
        data_as_of=data_as_of,
    )
    buffer = io.BytesIO()
    canvas = FigureCanvasAgg(figure) if fmt == "png" else FigureCanvasPdf(figure)
    canvas.print_figure(buffer, format=fmt, dpi=dpi, facecolor="white")
    return buffer.getvalue()


def compose(
    layers: Sequence[Layer],
    lang: str,
    size_px: tuple[int, int],
    dpi: int,
    bounds: tuple[float, float, float, float],
    title: str = "",
    generated: str = "",
    *,
    as_of: str | None = None,
    undated: str = "show",
    timed: Collection[str] | None = None,
    orientation: str = "landscape",
    map_name: str = "",
    data_as_of: str | None = None,
) -> Figure:
    """The print map as a matplotlib Figure (see `render`); its first axes is the map, in
    geo.measure.CORRIDOR_CRS metres."""
    width, height = size_px
    layout = LAYOUTS[orientation]
    figure = Figure(figsize=(width / dpi, height / dpi), dpi=dpi, facecolor="white")
    box = layout["map"]
    ax = figure.add_axes(box)
    ax.set_facecolor(SEA_COLOUR)
    _land(ax)
    if timed is None:
        timed = {layer.spec.id for layer in layers if timeline.timed(layer.frame)}
    marked = {
        layer.spec.id: timeline.undated(layer.frame) & (as_of is not None and layer.spec.id in timed)
        for layer in layers
    }
    for layer in layers:
        _draw(ax, layer, marked[layer.spec.id])
    x0, y0, x1, y1 = _fit_extent(_extent(bounds), (box[2] * width) / (box[3] * height))
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal", adjustable="box")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    place_names(ax, layers)
    _scale_bar(ax)
    _north_arrow(ax)
    figure.text(0.02, 0.962, title or t("app.title", lang), fontsize=15, fontweight="bold", va="center")
    figure.text(0.02, 0.932, generated, fontsize=8, color="#444", va="center")
    from geo.webmap.timefilter import month_label

    as_of_text = ""
    if as_of is not None:
        as_of_text = t("map.as_of", lang, month=month_label(as_of, lang))
        said = f"{as_of_text} · {t(f'export.undated_line.{undated}', lang)}"
    else:
        said = t("print.data_as_of", lang, month=month_label(data_as_of, lang)) if data_as_of else ""
    if said:
        figure.text(0.02, 0.908, said, fontsize=9, fontweight="bold", color="#222", va="center")
    _legend(figure, layers, lang, as_of_text, {key: int(value.sum()) for key, value in marked.items()}, layout)
    _footer(figure, layers, lang, map_name)
    return figure


def _footer(figure, layers: Sequence[Layer], lang: str, map_name: str) -> None:
    """Disclaimers (the endorsement one in both languages, the user's first), sources and
    licences, credits, and the map ID."""
    other = next(code for code in LANGUAGES if code != lang)
    lines = [
        (t("print.disclaimer", lang), {"color": "#8a4b00", "style": "italic"}),
        (t("print.endorsement", lang), {"color": "#333"}),
        (t("print.endorsement", other), {"color": "#555", "style": "italic"}),
        (t("print.sources", lang, sources=sources_text(layers)), {"color": "#333"}),
        (t("app.attribution", lang) + ": " + " · ".join(attributions(layers, lang)), {"color": "#333"}),
    ]
    y = 0.128
    for text, style in lines:
        wrapped = textwrap.fill(text, 190)
        figure.text(0.02, y, wrapped, fontsize=5.6, va="top", **style)
        y -= 0.021 * (wrapped.count("\n") + 1)
    if map_name:
        figure.text(0.98, 0.012, t("print.map_id", lang, id=map_name), fontsize=6.5, ha="right", color="#333")


def sources_text(layers: Sequence[Layer]) -> str:
    """Each layer's source and licence, once per distinct pair: "source (licence); ..."."""
    pairs = dict.fromkeys((layer.spec.source, layer.spec.licence) for layer in layers)
    return "; ".join(f"{source} ({licence})" for source, licence in pairs)


@cache
def _countries():
    """The bundled countries, in the print's projection: the land drawn under every print map.
    Read lazily from the registry (like geo.i18n and geo.cli), so the core imports no layer."""
    import layers as registry
    from geo.load import load_layers

    (countries,) = load_layers([registry.BY_ID["countries"]])
    return countries.frame.to_crs(CORRIDOR_CRS)


def _land(ax) -> None:
    """Land as land everywhere, also outside the area exported (clipped layers stop at its edge)."""
    _countries().plot(ax=ax, facecolor=LAND_COLOUR, edgecolor=LAND_EDGE, linewidth=0.3, zorder=0.5)


def _extent(bounds):
    import geopandas as gpd
    from shapely import box

    return gpd.GeoSeries([box(*bounds)], crs=4326).to_crs(CORRIDOR_CRS).total_bounds


def _fit_extent(extent, ratio: float):
    """Grow the extent's short side so that width / height equals the axes' ratio."""
    x0, y0, x1, y1 = extent
    cx, cy, w, h = (x0 + x1) / 2, (y0 + y1) / 2, x1 - x0, y1 - y0
    if w / h < ratio:
        w = h * ratio
    else:
        h = w / ratio
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2


def _dashes(dash: str | None):
    return (0, tuple(float(v) for v in dash.split())) if dash else "solid"


def _draw(ax, layer: Layer, marked: np.ndarray) -> None:
    """The layer's features; those `marked` (undated, as of a month) with a grey dashed outline."""
    drawable = (layer.frame.geometry.notna() & ~layer.frame.geometry.is_empty).to_numpy()
    frame = layer.frame[drawable]
    if frame.empty:
        return
    frame = frame.to_crs(CORRIDOR_CRS)
    records = frame.drop(columns=frame.geometry.name).to_dict(orient="records")
    styles = [layer.spec.style.for_feature(r) for r in records]
    for style, undated in zip(styles, marked[drawable]):
        if undated:
            style.update(color=UNDATED_COLOUR, dashArray=UNDATED_DASH)
    groups: dict[tuple, list[int]] = {}
    for i, style in enumerate(styles):
        key = (style["color"], style["fillColor"], style["fillOpacity"], style["weight"], style.get("dashArray"))
        groups.setdefault(key, []).append(i)
    for (color, fill, fill_opacity, weight, dash), rows in groups.items():
        part = frame.iloc[rows]
        if layer.spec.geometry == "Point":
            ax.scatter(
                part.geometry.x,
                part.geometry.y,
                s=(layer.spec.style.radius * 1.6) ** 2,
                c=fill,
                edgecolors=color,
                linewidths=1.0 if dash else 0.6,
                linestyles=_dashes(dash),
                alpha=max(fill_opacity, 0.6),
                zorder=3,
            )
        elif layer.spec.geometry == "LineString":
            part.plot(ax=ax, color=color, linewidth=weight * 0.6, linestyle=_dashes(dash), zorder=2)
        else:
            part.plot(
                ax=ax,
                facecolor=fill if fill_opacity else "none",
                alpha=None,
                edgecolor=color,
                linewidth=weight * 0.5,
                linestyle=_dashes(dash),
                zorder=1,
            )
            if fill_opacity:
                ax.collections[-1].set_facecolor(_with_alpha(fill, fill_opacity))
                ax.collections[-1].set_edgecolor(color)


def _with_alpha(hex_colour: str, alpha: float):
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return (r, g, b, alpha)


def _scale_bar(ax) -> None:
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    target = (x1 - x0) / 5 / 1000
    km = max([k for k in NICE_KM if k <= target] or [NICE_KM[0]])
    left, bottom = x0 + (x1 - x0) * 0.04, y0 + (y1 - y0) * 0.04
    height = (y1 - y0) * 0.012
    for i in range(2):
        ax.add_patch(
            Rectangle(
                (left + i * km * 500, bottom),
                km * 500,
                height,
                facecolor="black" if i == 0 else "white",
                edgecolor="black",
                linewidth=0.6,
                zorder=5,
            )
        )
    ax.text(left, bottom + height * 1.8, "0", fontsize=7, ha="center", zorder=5)
    ax.text(left + km * 1000, bottom + height * 1.8, f"{km} km", fontsize=7, ha="center", zorder=5)


def _north_arrow(ax) -> None:
    ax.annotate(
        "N",
        xy=(0.95, 0.95),
        xytext=(0.95, 0.85),
        xycoords="axes fraction",
        ha="center",
        va="center",
        fontsize=11,
        fontweight="bold",
        arrowprops={"facecolor": "black", "width": 3, "headwidth": 10},
    )


def place_names(ax, layers: Sequence[Layer]) -> list[str]:
    """The place names of the layers (geo.webmap.labels) written on the map as on the web map:
    most important first, only those whose zoom the print's scale reaches, each where it overlaps
    no name written before (a place's name right, left, above or below its point), with a white
    halo. Returns the names written."""
    figure = ax.figure
    renderer = FigureCanvasAgg(figure).get_renderer()
    x0, x1 = ax.get_xlim()
    metres_per_px = (x1 - x0) / ax.get_window_extent(renderer).width * figure.dpi / 96  # CSS pixels
    zoom = math.log2(156543.03 * math.cos(math.radians(8)) / metres_per_px)  # Web Mercator, at 8° N
    names = [n for n in label_data(layers) if n["min_zoom"] <= zoom]
    if not names:
        return []
    import geopandas as gpd

    xy = gpd.GeoSeries.from_xy([n["lon"] for n in names], [n["lat"] for n in names], crs=4326).to_crs(CORRIDOR_CRS)
    frame = ax.get_window_extent(renderer)
    placed, written = [], []
    for name, point in zip(names, xy):
        style = {
            "place": {"fontsize": 6.5, "fontweight": "bold", "color": "#1a1a1a"},
            "river": {"fontsize": 6, "style": "italic", "color": "#0f3d5c"},
            "area": {"fontsize": 6.5, "style": "italic", "color": "#1d4a20"},
        }[name["kind"]]
        spots = (
            [
                ((5, 0), "left", "center"),
                ((-5, 0), "right", "center"),
                ((0, 5), "center", "bottom"),
                ((0, -5), "center", "top"),
            ]
            if name["kind"] == "place"
            else [((0, 0), "center", "center")]
        )
        for offset, ha, va in spots:
            text = ax.annotate(
                name["text"],
                (point.x, point.y),
                xytext=offset,
                textcoords="offset points",
                ha=ha,
                va=va,
                zorder=6,
                path_effects=[withStroke(linewidth=2.2, foreground="white")],
                annotation_clip=True,
                **style,
            )
            box = text.get_window_extent(renderer).expanded(1.05, 1.1)
            inside = frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
            if inside and not any(box.overlaps(other) for other in placed):
                placed.append(box)
                written.append(name["text"])
                break
            text.remove()
    return written


def _legend(figure, layers, lang: str, as_of_text: str, undated: dict[str, int], layout: dict) -> None:
    """The legend, topmost layer first; as of a month, its title says which and each layer
    with undated features shown counts them."""
    handles, labels = [], []
    ordered = list(reversed(layers))
    for layer, item in zip(ordered, legend_items(ordered, lang)):
        entries = item["entries"]
        if len(entries) == 1 and not entries[0]["label"]:
            handles.append(_handle(item, entries[0]["color"]))
            labels.append(item["title"])
        else:
            handles.append(Patch(visible=False))
            labels.append(item["title"])
            for entry in entries:
                handles.append(_handle(item, entry["color"], dash=entry.get("dash")))
                labels.append("   " + entry["label"])
        if undated.get(layer.spec.id):
            handles.append(_handle(item, UNDATED_COLOUR, dashed=True))
            labels.append("   " + t("map.undated_shown", lang, n=undated[layer.spec.id]))
        if item["caveat"]:
            handles.append(Patch(visible=False))
            labels.append("\n".join("   " + line for line in textwrap.wrap(item["caveat"], 48)))
    legend = figure.legend(
        handles,
        labels,
        loc="upper left",
        bbox_to_anchor=layout["legend"],
        ncol=layout["columns"],
        fontsize=6.5,
        title=f"{t('map.legend', lang)} · {as_of_text}" if as_of_text else t("map.legend", lang),
        title_fontsize=8,
        frameon=False,
        handlelength=1.8,
    )
    for text, handle in zip(legend.get_texts(), handles):
        if not text.get_text().startswith("   "):
            text.set_fontweight("bold")
        elif not handle.get_visible():
            text.set_color("#8a4b00")
            text.set_fontstyle("italic")


def _handle(item: dict, color: str, dashed: bool = False, dash: str | None = None):
    linestyle = _dashes(dash) if dash else "--" if item["dash"] or dashed else "-"
    if item["geometry"] == "Point":
        return Line2D([], [], marker="o", color=color, linestyle="none", markersize=5)
    if item["geometry"] == "LineString":
        return Line2D([], [], color=color, linestyle=linestyle, linewidth=1.6)
    return Patch(facecolor=_with_alpha(color, 0.25) if item["fill"] else "none", edgecolor=color, linestyle=linestyle)
