"""The controls drawn inside the map: legend, credits, title box, and the names a screen reader says.

Their JavaScript is in js/legend.js, js/attribution.js and js/maptitle.js;
each element inlines its file and calls the function it defines, with the
content as JSON made by `geo.escape.script_json`, put on the page with
`textContent`: a layer or category name can never become markup, nor
template code (the script is never compiled again: geo.webmap.elements).
"""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

from geo.escape import html_text, script_json
from geo.webmap import resources
from geo.webmap.elements import RawScriptMacro


class Legend(RawScriptMacro, MacroElement):
    """Legend control. `items` is a list of dicts as built by geo.webmap.build.legend_items."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.library }}
        window.dcLegend({{ this._parent.get_name() }}, {{ this.items_json }}, {{ this.title_json }}, {{ this.note_json }});
        {% endmacro %}
        """
    )

    def __init__(self, items: list[dict], title: str, note: str):
        super().__init__()
        self._name = "Legend"
        self.library = resources.js("legend.js")
        self.items_json = script_json(items)
        self.title_json = script_json(title)
        self.note_json = script_json(note)


class Attributions(RawScriptMacro, MacroElement):
    """Adds each credit to Leaflet's attribution control, once.

    Leaflet inserts attributions as HTML, so each credit goes through
    `geo.escape.html_text` and travels as `script_json`.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.library }}
        window.dcAddAttributions({{ this._parent.get_name() }}, {{ this.credits_json }});
        {% endmacro %}
        """
    )

    def __init__(self, credits: list[str]):
        super().__init__()
        self._name = "Attributions"
        self.library = resources.js("attribution.js")
        self.credits_json = script_json([html_text(c) for c in credits])


class MapTitle(RawScriptMacro, MacroElement):
    """Title, date and disclaimer in the top-left corner (exports: HTML and print)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.library }}
        window.dcMapTitle({{ this._parent.get_name() }}, {{ this.info_json }});
        {% endmacro %}
        """
    )

    def __init__(self, title: str, lines: list[str]):
        super().__init__()
        self._name = "MapTitle"
        self.library = resources.js("maptitle.js")
        self.info_json = script_json({"title": title, "lines": lines})


class MapAccess(RawScriptMacro, MacroElement):
    """The map's own controls named in the reader's language, the layer switcher usable by
    keyboard (js/mapaccess.js). Added after the layer control, which it names."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.library }}
        window.dcMapAccess({{ this._parent.get_name() }}, {{ this.texts_json }});
        {% endmacro %}
        """
    )

    def __init__(self, texts: dict[str, str]):
        super().__init__()
        self._name = "MapAccess"
        self.library = resources.js("mapaccess.js")
        self.texts_json = script_json(texts)
