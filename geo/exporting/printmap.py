"""Print map (PNG, PDF) rendered on the server with matplotlib: no browser.

Title, legend, scale bar, north arrow, attribution, date and the disclaimer
that boundaries are approximate. As of a month, the header and the legend say which,
and the undated features of the timed layers, when shown, are drawn as the map draws
them: a grey dashed outline, counted in the legend. Drawn in the corridor's transverse Mercator
(geo.measure.CORRIDOR_CRS), whose metres make the scale bar true and whose
grid north is true north to within half a degree across the corridor.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Collection, Sequence

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_pdf import FigureCanvasPdf
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from geo import timeline
from geo.i18n import t
from geo.load import Layer
from geo.measure import CORRIDOR_CRS
from geo.webmap.build import SEA_COLOUR, attributions, legend_items

NICE_KM = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500)

#: Undated features of a timed layer, when shown: as on the map (geo/webmap/js/timefilter.js).
UNDATED_COLOUR, UNDATED_DASH = "#6b6b6b", "3 5"


def render(
    layers: Sequence[Layer],
    lang: str,
    fmt: str = "png",
    size_px: tuple[int, int] = (1600, 1130),
    dpi: int = 150,
    bounds: tuple[float, float, float, float] = (-78.6, 7.1, -76.5, 8.9),
    title: str = "",
    generated: str = "",
    *,
    as_of: str | None = None,
    undated: str = "show",
    timed: Collection[str] | None = None,
) -> bytes:
    """The map as PNG or PDF bytes, `size_px` pixels at `dpi` (PDF: the same page size).

    `as_of`, `undated`: the month the layers were chosen for and the undated choice
    (geo.selection.Filters); `timed`: the ids of the layers about time (by default, judged on
    `layers`). Undated features are marked only as of a month, as on the map.
    """
    if fmt not in ("png", "pdf"):
        raise ValueError(f"print format must be png or pdf, got {fmt!r}")
    width, height = size_px
    figure = Figure(figsize=(width / dpi, height / dpi), dpi=dpi, facecolor="white")
    box = (0.02, 0.09, 0.70, 0.80)
    ax = figure.add_axes(box)
    ax.set_facecolor(SEA_COLOUR)
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
    _scale_bar(ax)
    _north_arrow(ax)
    figure.text(0.02, 0.962, title or t("app.title", lang), fontsize=15, fontweight="bold", va="center")
    figure.text(0.02, 0.932, generated, fontsize=8, color="#444", va="center")
    as_of_text = ""
    if as_of is not None:
        from geo.webmap.timefilter import month_label

        as_of_text = t("map.as_of", lang, month=month_label(as_of, lang))
        figure.text(
            0.02,
            0.908,
            f"{as_of_text} · {t(f'export.undated_line.{undated}', lang)}",
            fontsize=9,
            fontweight="bold",
            color="#222",
            va="center",
        )
    _legend(figure, layers, lang, as_of_text, {key: int(value.sum()) for key, value in marked.items()})
    figure.text(0.02, 0.055, t("print.disclaimer", lang), fontsize=7.5, color="#8a4b00", style="italic", wrap=True)
    figure.text(
        0.02,
        0.025,
        t("app.attribution", lang) + ": " + " · ".join(attributions(layers, lang)),
        fontsize=6.5,
        color="#333",
        wrap=True,
    )
    buffer = io.BytesIO()
    canvas = FigureCanvasAgg(figure) if fmt == "png" else FigureCanvasPdf(figure)
    canvas.print_figure(buffer, format=fmt, dpi=dpi, facecolor="white")
    return buffer.getvalue()


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


def _legend(figure, layers, lang: str, as_of_text: str, undated: dict[str, int]) -> None:
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
                handles.append(_handle(item, entry["color"]))
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
        bbox_to_anchor=(0.735, 0.89),
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


def _handle(item: dict, color: str, dashed: bool = False):
    linestyle = "--" if item["dash"] or dashed else "-"
    if item["geometry"] == "Point":
        return Line2D([], [], marker="o", color=color, linestyle="none", markersize=5)
    if item["geometry"] == "LineString":
        return Line2D([], [], color=color, linestyle=linestyle, linewidth=1.6)
    return Patch(facecolor=_with_alpha(color, 0.25) if item["fill"] else "none", edgecolor=color, linestyle=linestyle)
