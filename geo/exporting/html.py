"""Standalone HTML map: one file that opens in any browser with no internet.

The page is the app's own map (same layers, styles, legend, attribution) with
Leaflet's JavaScript and CSS inlined from the installed package, including
the layer-control icons as data URIs.
"""

from __future__ import annotations

import base64
import re

from geo.webmap import assets

_JS_TAG = re.compile(r'<script src="__dc_inline__/leaflet\.js"></script>')
_CSS_TAG = re.compile(r'<link rel="stylesheet" href="__dc_inline__/leaflet\.css"\s*/>')
PLACEHOLDERS = ([("leaflet", "__dc_inline__/leaflet.js")], [("leaflet_css", "__dc_inline__/leaflet.css")])


def inline(page: str) -> str:
    """Replace the placeholder asset tags of a rendered page with the assets themselves."""
    js, css = assets.inline_leaflet()
    for image in ("layers.png", "layers-2x.png", "marker-icon.png"):
        data = base64.b64encode((assets.LEAFLET_DIR / "images" / image).read_bytes()).decode()
        css = css.replace(f"images/{image}", f"data:image/png;base64,{data}")
    js = js.replace("</script", "<\\/script")
    page, n_js = _JS_TAG.subn(lambda _m: f"<script>{js}</script>", page)
    page, n_css = _CSS_TAG.subn(lambda _m: f"<style>{css}</style>", page)
    if (n_js, n_css) != (1, 1):
        raise RuntimeError("the map page did not carry the expected asset placeholders")
    return page


def write(fmap) -> bytes:
    """`fmap` must have been built with `asset_urls=PLACEHOLDERS`."""
    return inline(fmap.get_root().render()).encode("utf-8")
