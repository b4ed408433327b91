"""What a person changes on the map itself, kept when the app draws a new map: the panes that
keep the user's layers above the bundled ones, and the layers switched off in the map's own
layer control (js/panes.js, js/layerchoices.js). And when the map first reports its view: once
it has been painted (`ReportWhenPainted`, js/reportpainted.js).

The centre and zoom need no script: streamlit-folium reports them and takes them back as
`center=`/`zoom=` (ui.mapview). The layers switched off travel the same way: reported in the
component's `selected_layers` (`hidden_layers`), handed back as a call on the live map
(`hidden_layers_group`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import folium
from branca.element import MacroElement
from jinja2 import Template

from geo.escape import script_json
from geo.webmap import resources
from geo.webmap.elements import RawScriptMacro

#: Pane of the user's own layers: above the bundled ones (Leaflet's overlayPane, z-index 400),
#: SVG and canvas alike.
USER_PANE = "dcUser"
#: Pane of the place names: above every layer, below tooltips (650) and popups (700).
LABEL_PANE = "dcLabels"
PANES = ((USER_PANE, 450), (LABEL_PANE, 620))

#: How js/layerchoices.js marks a layer switched off in streamlit-folium's `selected_layers`.
HIDDEN_MARK = "dc:hidden"


class Panes(RawScriptMacro, MacroElement):
    """Creates the panes (PANES) before any layer is added."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.library }}
        window.dcPanes({{ this._parent.get_name() }}, {{ this.panes_json }});
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "Panes"
        self.library = resources.js("panes.js")
        self.panes_json = script_json([list(p) for p in PANES])


class LayerChoices(RawScriptMacro, MacroElement):
    """Watches the layer control: `ids` maps each overlay's name in the control to its layer id.
    Added after the control."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.library }}
        window.dcWatchLayers({{ this._parent.get_name() }}, {{ this.control.get_name() }}, {{ this.ids_json }});
        {% endmacro %}
        """
    )

    def __init__(self, control: folium.LayerControl, ids: Mapping[str, str]):
        super().__init__()
        self._name = "LayerChoices"
        self.library = resources.js("layerchoices.js")
        self.control = control
        self.ids_json = script_json(dict(ids))


class HideLayers(RawScriptMacro, MacroElement):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        if (window.dcHideLayers) window.dcHideLayers({{ this.ids_json }});
        {% endmacro %}
        """
    )

    def __init__(self, ids: Iterable[str]):
        super().__init__()
        self._name = "HideLayers"
        self.ids_json = script_json(sorted(ids))


def hidden_layers_group(ids: Iterable[str]) -> folium.FeatureGroup:
    """The call that switches `ids` off, as an overlay for streamlit-folium's
    `feature_group_to_add` (run on the live map, never part of the map's own script)."""
    group = folium.FeatureGroup(name="hidden_layers", control=False)
    group.add_child(HideLayers(ids))
    return group


def hidden_layers(selected_layers) -> list[str] | None:
    """The layer ids switched off in the map's control, from streamlit-folium's reported
    `selected_layers`; None when the report does not carry them.

    >>> hidden_layers([{"name": "rivers", "url": "dc:hidden"}, {"name": "x", "url": "https://wms"}])
    ['rivers']
    >>> hidden_layers(None) is None
    True
    """
    if selected_layers is None:
        return None
    return sorted({entry.get("name") for entry in selected_layers if entry.get("url") == HIDDEN_MARK} - {None})


class ReportWhenPainted(RawScriptMacro, MacroElement):
    """Holds streamlit-folium's first report of the view until the map has been painted
    (js/reportpainted.js), or `latest_ms` at the latest: the report reruns the app, whose answer
    must not reach the page before the map is on screen (#15 item 8)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.library }}
        window.dcReportWhenPainted({{ this.latest_ms }});
        {% endmacro %}
        """
    )

    def __init__(self, latest_ms: int = 2000):
        super().__init__()
        self._name = "ReportWhenPainted"
        self.library = resources.js("reportpainted.js")
        self.latest_ms = int(latest_ms)
