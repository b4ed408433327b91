"""The map's colours: categorical palettes anyone can tell apart, and the basemaps they sit on.

Categories are coloured from the Okabe–Ito palette (Okabe & Ito, "Color Universal Design",
2008), each colour darkened just enough to reach a 3:1 contrast (WCAG 2.1, 1.4.11 non-text
contrast) against every light basemap background below, the OpenStreetMap forest included.
A layer uses a set of them whose every pair stays at least `MIN_DELTA_E` apart (CIEDE2000)
under simulated deuteranopia, protanopia and tritanopia (tests/webmap/test_colours.py), and,
for lines and areas, a dash pattern per category as a second channel (geo.spec.Style.dashes).
On a dark basemap (imagery) lines and symbols get a white halo (`HALO`, css/halo.css), against
which the same 3:1 holds.

>>> round(contrast_ratio("#000000", "#ffffff"), 1)
21.0
>>> round(contrast_ratio(BLUE, OSM_FOREST), 2) >= 3
True
"""

from __future__ import annotations

#: Okabe–Ito, darkened to 3:1 against every light background of BACKGROUNDS.
BLACK = "#000000"
BLUE = "#006eac"  # #0072b2 darkened
VERMILLION = "#ad4c00"  # #d55e00 darkened
REDDISH_PURPLE = "#915677"  # #cc79a7 darkened
BLUISH_GREEN = "#007857"  # #009e73 darkened (told apart from VERMILLION and REDDISH_PURPLE, not from BLUE)

#: The user's layers, one colour each, in the order they are added: every pair at least
#: MIN_DELTA_E apart under each deficiency; none of the bundled layers' category colours first.
USER = ("#440055", "#0000cc", "#113333", "#444433", BLUE, VERMILLION, REDDISH_PURPLE, BLACK)

#: The smallest CIEDE2000 difference between two categories of a layer, in normal vision and
#: under each simulated deficiency. 1 is about a just-noticeable difference side by side; small
#: symbols apart on a map need far more (the issue measured about 6 between community kinds
#: under deuteranopia, and people could not tell them apart): 10 is the usual threshold for
#: "clearly different colours" in cartography and data-visualisation palettes.
MIN_DELTA_E = 10.0

#: The least contrast of a line or symbol against what surrounds it (WCAG 2.1, 1.4.11).
MIN_CONTRAST = 3.0

SEA = "#dbe8f1"  # the offline map's sea (geo.webmap.build.SEA_COLOUR)
LAND = "#f3f0e8"  # the offline map's land (layers.countries fill)
OSM_LAND, OSM_WATER, OSM_FOREST = "#f2efe9", "#aad3df", "#add19e"  # OpenStreetMap Carto's colours
# Approximations, not measured from tiles (the project works offline): OpenTopoMap's light land,
# water and wood tints, and the dark forest and sea of satellite imagery.
TOPO_LAND, TOPO_WATER, TOPO_FOREST = "#f5f3ee", "#9ec7e0", "#c6dfa9"
IMAGERY_FOREST, IMAGERY_SEA = "#24331f", "#0b2a3f"

#: What each basemap shows behind the layers, by its id (geo.webmap.build.BASEMAPS).
BACKGROUNDS = {
    "offline": (LAND, SEA),
    "osm": (OSM_LAND, OSM_WATER, OSM_FOREST),
    "topo": (TOPO_LAND, TOPO_WATER, TOPO_FOREST),
    "imagery": (IMAGERY_FOREST, IMAGERY_SEA),
}

#: The halo drawn around lines and symbols on a basemap (none: the colours stand on their own).
HALO = {"imagery": "#ffffff"}


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a "#rrggbb" colour, 0 (black) to 1 (white)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two "#rrggbb" colours, 1 to 21."""
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
