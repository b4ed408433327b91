"""The measuring tool on the map: geodesic length of a drawn path and geodesic area of a drawn
polygon, shown while drawing (js/measure.js; its maths is checked against geo/measure.py's
pyproj Geod by tests/webmap/test_measure.py)."""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

from geo.escape import script_json
from geo.i18n import t
from geo.webmap import resources
from geo.webmap.elements import RawScriptMacro

#: The control's words (keys of the catalogues), by the name js/measure.js gives them.
TEXTS = {
    "title": "measure.title",
    "distance": "measure.distance",
    "area": "measure.area",
    "add_centre": "measure.add_centre",
    "finish": "measure.finish",
    "clear": "measure.clear",
    "hint": "measure.hint",
    "length": "measure.length",
    "area_value": "measure.area_value",
}


class MeasureControl(RawScriptMacro, MacroElement):
    """The measuring control, in the user's language (numbers formatted for it too)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.library }}
        window.dcMeasure({{ this._parent.get_name() }}, {{ this.options_json }});
        {% endmacro %}
        """
    )

    def __init__(self, lang: str):
        super().__init__()
        self._name = "MeasureControl"
        self.library = resources.js("measure.js")
        texts = {name: t(key, lang, value="{value}") for name, key in TEXTS.items()}
        self.options_json = script_json({"lang": lang, "texts": texts})
