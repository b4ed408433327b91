"""The print map follows humanitarian conventions (#15 item 7): a map ID that is also the file's
name, title, date and "as of", sources and licences, scale bar, north arrow, the disclaimers (the
endorsement one in both languages), A4 and A3 in either orientation, place names that do not
overlap, and land outside the area exported drawn as land."""

from __future__ import annotations

import datetime as dt
import io
import itertools

import numpy as np
import pytest
import shapely
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image
from pyproj import Transformer

from geo.exporting import printmap
from geo.exporting.export import export
from geo.i18n import t
from geo.measure import CORRIDOR_CRS
from geo.selection import Filters, what_to_export

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
BOUNDS = (-78.6, 7.1, -76.5, 8.9)


@pytest.fixture(scope="module")
def corridor(bundled):
    return [layer for layer in bundled if layer.spec.visible]


@pytest.mark.parametrize(("paper", "orientation"), list(itertools.product(printmap.PAPERS, printmap.ORIENTATIONS)))
def test_a4_and_a3_in_either_orientation_named_by_map_id(bundled, paper, orientation):
    routes = [layer for layer in bundled if layer.spec.id in ("countries", "migration_routes")]
    result = export(routes, "png", "en", now=NOW, paper=paper, orientation=orientation)
    size = "" if orientation == "landscape" else "-portrait"
    assert result.filename == f"COL-PAN_darien_routes_{paper}{size}_20261201.png"
    width, height = Image.open(io.BytesIO(result.data)).size
    assert (width, height) == printmap.paper_px(paper, orientation, 150)
    long_mm, short_mm = printmap.PAPERS[paper]
    assert round(max(width, height) / 150 * 25.4) == long_mm and round(min(width, height) / 150 * 25.4) == short_mm
    assert (width > height) == (orientation == "landscape")


def texts_of(figure) -> list[str]:
    return [text.get_text() for text in figure.texts] + [text.get_text() for ax in figure.axes for text in ax.texts]


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("orientation", printmap.ORIENTATIONS)
def test_the_print_carries_every_convention(corridor, lang, orientation):
    name = printmap.map_id([layer.spec.id for layer in corridor], NOW.date(), "A4", orientation)
    figure = printmap.compose(
        corridor,
        lang,
        printmap.paper_px("A4", orientation, 100),
        100,
        BOUNDS,
        generated="2026-12-01 09:00 UTC",
        orientation=orientation,
        map_name=name,
        data_as_of="2025-12",
    )
    text = "\n".join(texts_of(figure)).replace("\n", " ")
    assert t("app.title", lang) in text and "2026-12-01 09:00 UTC" in text
    assert t("print.data_as_of", lang, month="x").split("x")[0] in text  # "as of" the data's month
    assert name in text  # the map ID
    for other in ("es", "en"):  # the endorsement disclaimer in both languages
        assert t("print.endorsement", other) in text
    assert t("print.disclaimer", lang) in text
    for layer in corridor:  # every source and licence
        assert layer.spec.source in text and layer.spec.licence in text
    assert "km" in text and "N" in texts_of(figure)  # scale bar, north arrow
    if orientation == "portrait":
        map_box = figure.axes[0].get_position()
        assert map_box.height * 3 > map_box.width * 0.9  # the map fills the upright page's width


def test_place_names_are_written_on_the_print_without_overlapping(corridor):
    figure = printmap.compose(corridor, "es", printmap.paper_px("A3", "landscape", 100), 100, (-78.3, 7.6, -77.0, 8.6))
    ax = figure.axes[0]
    renderer = FigureCanvasAgg(figure).get_renderer()
    names = [text for text in ax.texts if text.get_path_effects()]  # the halo marks the names
    written = {text.get_text() for text in names}
    assert {"Yaviza", "Metetí"} <= written and any("Darién" in n for n in written)
    boxes = [text.get_window_extent(renderer) for text in names]
    assert not any(a.overlaps(b) for a, b in itertools.combinations(boxes, 2))
    zoomed_out = printmap.compose(
        corridor, "es", printmap.paper_px("A4", "landscape", 100), 100, (-80.5, 6.5, -76.0, 9.6)
    )
    far = {text.get_text() for text in zoomed_out.axes[0].texts if text.get_path_effects()}
    assert far and "Bajo Chiquito" not in far and "Yaviza" not in far  # communities: from zoom 8 only


def pixel(figure, lon: float, lat: float) -> tuple[int, int, int]:
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    x, y = Transformer.from_crs(4326, CORRIDOR_CRS, always_xy=True).transform(lon, lat)
    px, py = figure.axes[0].transData.transform((x, y))
    image = np.asarray(canvas.buffer_rgba())
    return tuple(int(v) for v in image[image.shape[0] - round(float(py)), round(float(px)), :3])


def test_land_outside_the_area_exported_is_drawn_as_land(corridor):
    triangle = [(-77.9, 8.0), (-77.4, 8.0), (-77.65, 8.5)]  # a drawn area, in Darién
    clipped = what_to_export("drawn", corridor, Filters(), drawn=triangle)
    figure = printmap.compose(clipped, "en", (1200, 850), 100, BOUNDS)
    land_outside = (-77.0, 7.5)  # in Colombia, far from the triangle, on land
    assert shapely.Point(land_outside).within(
        shapely.unary_union([g for layer in corridor if layer.spec.id == "countries" for g in layer.frame.geometry])
    )
    land = tuple(int(printmap.LAND_COLOUR[i : i + 2], 16) for i in (1, 3, 5))
    sea = tuple(int(printmap.SEA_COLOUR[i : i + 2], 16) for i in (1, 3, 5))
    got = pixel(figure, *land_outside)
    assert max(abs(a - b) for a, b in zip(got, land)) <= 6, got
    assert got != sea
    assert max(abs(a - b) for a, b in zip(pixel(figure, -78.5, 7.5), sea)) <= 6  # the Gulf of Panama: sea
