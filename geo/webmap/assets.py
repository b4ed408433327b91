"""Leaflet's JavaScript and CSS, served by the app itself: no CDN, no internet.

The files come from the `XStatic-Leaflet` package installed by
requirements.txt (and Leaflet.heat, for heat maps, from the `folium` package, which ships it);
nothing third-party is copied into the repository. At
start-up the app copies them into its git-ignored `static/vendor/` folder,
which Streamlit serves at `/app/static/` (server.enableStaticServing).
"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import folium
import xstatic.pkg.leaflet as xleaflet

LEAFLET_DIR = Path(xleaflet.BASE_DIR)
VENDOR = f"vendor/leaflet-{xleaflet.VERSION}"

#: Files the map needs, relative to the package's data folder.
LEAFLET_FILES = (
    "leaflet.js",
    "leaflet.css",
    "images/layers.png",
    "images/layers-2x.png",
    "images/marker-icon.png",
    "images/marker-icon-2x.png",
    "images/marker-shadow.png",
)


#: Leaflet.heat (heat maps of point layers, geo/webmap/heat.py), as folium ships it in its package.
HEAT_FILE = Path(folium.__file__).resolve().parent / "templates" / "leaflet_heat.min.js"
HEAT_VENDOR = f"vendor/leaflet-heat-folium-{folium.__version__}"


def provision(static_dir: Path) -> Path:
    """Copy Leaflet's files, and folium's Leaflet.heat, into `static_dir/vendor/...` (only those
    that changed)."""
    target = Path(static_dir) / VENDOR
    copies = [(LEAFLET_DIR / name, target / name) for name in LEAFLET_FILES]
    copies.append((HEAT_FILE, Path(static_dir) / HEAT_VENDOR / "leaflet-heat.js"))
    for src, dst in copies:
        if not dst.exists() or not filecmp.cmp(src, dst, shallow=False):
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
    return target


def served_urls(prefix: str = "/app/static", heat: bool = False) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(js, css) lists in folium's `default_js`/`default_css` form, pointing at the app's server;
    with Leaflet.heat after Leaflet when the map has a heat layer."""
    root = prefix.rstrip("/")
    base = f"{root}/{VENDOR}"
    js = [("leaflet", f"{base}/leaflet.js")]
    if heat:
        js.append(("leaflet_heat", f"{root}/{HEAT_VENDOR}/leaflet-heat.js"))
    return js, [("leaflet_css", f"{base}/leaflet.css")]


def inline_leaflet() -> tuple[str, str]:
    """(javascript, css) text of Leaflet, for pages that must work as one file."""
    return (LEAFLET_DIR / "leaflet.js").read_text(encoding="utf-8"), (LEAFLET_DIR / "leaflet.css").read_text(
        encoding="utf-8"
    )
