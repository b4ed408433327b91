"""Colours anyone can read (#15 item 3): every layer's categories told apart under simulated
deuteranopia, protanopia and tritanopia (colorspacious, Machado et al. 2009 at full severity),
measured with CIEDE2000; a dash pattern per category for lines and areas; and a 3:1 contrast
(WCAG 2.1, 1.4.11) of every line and symbol against each basemap's background, or against the
halo drawn on that basemap."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from colorspacious import cspace_convert

import layers
from geo import colours
from geo.webmap.build import BASEMAPS

DEFICIENCIES = (None, "deuteranomaly", "protanomaly", "tritanomaly")  # severity 100: -anopia


def ciede2000(lab1, lab2) -> float:
    """CIEDE2000 colour difference (Sharma, Wu and Dalal, 2005)."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar**7 / (c_bar**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p, h2p = math.degrees(math.atan2(b1, a1p)) % 360, math.degrees(math.atan2(b2, a2p)) % 360
    dh = 0.0 if c1p * c2p == 0 else (h2p - h1p + 180) % 360 - 180
    d_lp, d_cp = l2 - l1, c2p - c1p
    d_hp = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_bar, c_barp = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_bar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_bar = (h1p + h2p) / 2
    else:
        h_bar = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_bar - 30))
        + 0.24 * math.cos(math.radians(2 * h_bar))
        + 0.32 * math.cos(math.radians(3 * h_bar + 6))
        - 0.20 * math.cos(math.radians(4 * h_bar - 63))
    )
    d_theta = 30 * math.exp(-(((h_bar - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(c_barp**7 / (c_barp**7 + 25**7))
    s_l = 1 + 0.015 * (l_bar - 50) ** 2 / math.sqrt(20 + (l_bar - 50) ** 2)
    s_c, s_h = 1 + 0.045 * c_barp, 1 + 0.015 * c_barp * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    return math.sqrt((d_lp / s_l) ** 2 + (d_cp / s_c) ** 2 + (d_hp / s_h) ** 2 + r_t * (d_cp / s_c) * (d_hp / s_h))


@pytest.mark.parametrize(
    ("lab1", "lab2", "expected"),  # pairs 1, 7 and 17 of Sharma et al.'s test data
    [
        ((50, 2.6772, -79.7751), (50, 0, -82.7485), 2.0425),
        ((50, 0, 0), (50, -1, 2), 2.3669),
        ((50, 2.5, 0), (73, 25, -18), 27.1492),
    ],
)
def test_ciede2000_agrees_with_the_published_test_data(lab1, lab2, expected):
    assert ciede2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)


def seen(colour: str, deficiency: str | None):
    """CIELab of `colour` as seen with `deficiency` (None: normal vision)."""
    rgb = np.array([int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    if deficiency is not None:
        cvd = {"name": "sRGB1+CVD", "cvd_type": deficiency, "severity": 100}
        rgb = np.clip(cspace_convert(rgb, cvd, "sRGB1"), 0, 1)
    return tuple(cspace_convert(rgb, "sRGB1", "CIELab"))


def least_difference(palette) -> tuple[float, str, str, str]:
    return min(
        (ciede2000(seen(a, d), seen(b, d)), a, b, d or "normal")
        for a, b in itertools.combinations(palette, 2)
        for d in DEFICIENCIES
    )


def test_the_simulation_tells_the_old_community_colours_apart_poorly():
    """The issue's measurement, reproduced: the old community kinds were about 6 apart."""
    old = ("#33a02c", "#b15928", "#e7298a", "#1f78b4")
    assert least_difference(old)[0] < colours.MIN_DELTA_E


CATEGORICAL = [spec for spec in (*layers.LAYERS, *layers.DERIVED) if spec.style.by and spec.style.palette]


def test_there_are_categorical_layers():
    assert {"reception_communities", "migration_routes", "patrol_zones"} <= {spec.id for spec in CATEGORICAL}


@pytest.mark.parametrize("spec", CATEGORICAL, ids=lambda s: s.id)
def test_every_pair_of_categories_stays_apart_under_each_deficiency(spec):
    delta, a, b, deficiency = least_difference(spec.style.palette.values())
    assert delta >= colours.MIN_DELTA_E, f"{spec.id}: {a} and {b} are {delta:.1f} apart ({deficiency})"


def test_the_user_layers_colours_stay_apart_under_each_deficiency():
    assert len(set(colours.USER)) == len(colours.USER)
    delta, a, b, deficiency = least_difference(colours.USER)
    assert delta >= colours.MIN_DELTA_E, f"{a} and {b} are {delta:.1f} apart ({deficiency})"


@pytest.mark.parametrize("spec", [s for s in CATEGORICAL if s.geometry != "Point"], ids=lambda s: s.id)
def test_lines_and_areas_have_a_dash_pattern_per_category(spec):
    dashes = spec.style.dashes
    assert set(dashes) == set(spec.style.palette)
    assert len(set(dashes.values())) == len(dashes)


def drawn_colours(spec) -> set[str]:
    return {spec.style.color, *spec.style.palette.values()}


@pytest.mark.parametrize("basemap", sorted(BASEMAPS))
def test_every_line_and_symbol_has_3_to_1_against_the_basemap(basemap):
    assert basemap in colours.BACKGROUNDS
    halo = colours.HALO.get(basemap)
    failing = []
    for spec in (*layers.LAYERS, *layers.DERIVED):
        for colour in drawn_colours(spec) | set(colours.USER):
            for background in colours.BACKGROUNDS[basemap]:
                if halo is None:
                    ok = colours.contrast_ratio(colour, background) >= colours.MIN_CONTRAST
                else:  # the halo stands out from the background, the colour from the halo
                    ok = colours.contrast_ratio(halo, background) >= colours.MIN_CONTRAST
                    ok = ok and colours.contrast_ratio(colour, halo) >= colours.MIN_CONTRAST
                if not ok:
                    failing.append((spec.id, colour, background))
    assert failing == []
