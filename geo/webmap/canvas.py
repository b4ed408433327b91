"""The canvas layer that draws prepared big layers (geo/webmap/compact.py) in Leaflet.

One <canvas> per layer, redrawn on every move: no DOM element per feature.
How it draws (simplification per zoom, chunked strokes, dots for features
smaller than a pixel, groups of points beyond `CLUSTER_MIN` in view, popups as
text) is told in js/canvaslayer.js, which holds all of its JavaScript.

The JavaScript is static text of this project (geo.webmap.resources); the
data arrives as JSON made by geo.escape. The (large) script goes on the page
without passing through a template again (geo.webmap.elements).
"""

from __future__ import annotations

from folium.map import Layer
from jinja2 import Template

from geo.escape import html_text, script_json
from geo.webmap import resources
from geo.webmap.elements import RawScriptMacro

#: More points than this in view are drawn in groups.
CLUSTER_MIN = 2000


def library() -> str:
    """The JavaScript a canvas layer needs: window.dcInfoBox, then window.dcCanvasLayer."""
    return resources.js("infobox.js") + resources.js("canvaslayer.js")


class CanvasLayer(RawScriptMacro, Layer):
    """A prepared big layer (geo.webmap.compact.Prepared) on the map, in the layer control."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.library }}
        var {{ this.get_name() }} = window.dcCanvasLayer({{ this.payload }}, {{ this.settings_json }});
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, prepared, name: str, pane: str | None = None):
        super().__init__(name=html_text(name), overlay=True, control=True, show=True)
        self._name = "CanvasLayer"
        self.library = library()
        # pane: where its canvas goes (None: Leaflet's overlayPane, with the bundled layers).
        self.settings_json = script_json({"cluster_min": CLUSTER_MIN, "pane": pane})
        self.payload = prepared.payload
        self.prepared = prepared
