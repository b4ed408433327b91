"""A categorical legend drawn inside the map, as a Leaflet control.

Its content travels as JSON made by `geo.escape.script_json` and is put on
the page with `textContent`: a layer or category name can never become
markup, nor template code (folium re-renders scripts as templates).
"""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

from geo.escape import html_text, script_json


class Legend(MacroElement):
    """Legend control. `items` is a list of dicts as built by geo.webmap.legend_items."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            const items = {{ this.items_json }};
            const control = L.control({position: "bottomright"});
            control.onAdd = function() {
                const box = L.DomUtil.create("details", "dc-legend leaflet-bar");
                box.open = true;
                box.style.cssText = "background:#fff;padding:6px 8px;font:12px/1.3 system-ui,sans-serif;max-height:50vh;overflow:auto;max-width:250px";
                const head = document.createElement("summary");
                head.style.cssText = "font-weight:600;cursor:pointer";
                head.textContent = {{ this.title_json }};
                box.appendChild(head);
                for (const item of items) {
                    const block = document.createElement("div");
                    block.className = "dc-legend-layer";
                    block.style.marginTop = "4px";
                    const name = document.createElement("div");
                    name.style.fontWeight = "500";
                    name.textContent = item.title;
                    block.appendChild(name);
                    for (const entry of item.entries) {
                        const row = document.createElement("div");
                        const sw = document.createElement("span");
                        sw.style.cssText = "display:inline-block;width:16px;height:10px;margin-right:5px;vertical-align:middle";
                        if (item.geometry === "Point") {
                            sw.style.width = "10px"; sw.style.borderRadius = "50%"; sw.style.background = entry.color;
                        } else if (item.geometry === "LineString") {
                            sw.style.height = "0"; sw.style.borderTop = "3px " + (item.dash ? "dashed " : "solid ") + entry.color;
                        } else {
                            sw.style.border = "2px " + (item.dash ? "dashed " : "solid ") + entry.color;
                            sw.style.background = item.fill ? entry.color + "33" : "transparent";
                        }
                        row.appendChild(sw);
                        row.appendChild(document.createTextNode(entry.label));
                        block.appendChild(row);
                    }
                    if (item.note) {
                        const note = document.createElement("div");
                        note.style.cssText = "color:#555";
                        note.textContent = item.note;
                        block.appendChild(note);
                    }
                    if (item.caveat) {
                        const note = document.createElement("div");
                        note.className = "dc-legend-caveat";
                        note.style.cssText = "color:#8a4b00;font-style:italic";
                        note.textContent = item.caveat;
                        block.appendChild(note);
                    }
                    box.appendChild(block);
                }
                const foot = document.createElement("div");
                foot.style.cssText = "margin-top:4px;color:#555";
                foot.textContent = {{ this.note_json }};
                box.appendChild(foot);
                L.DomEvent.disableClickPropagation(box);
                L.DomEvent.disableScrollPropagation(box);
                return box;
            };
            control.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, items: list[dict], title: str, note: str):
        super().__init__()
        self._name = "Legend"
        self.items_json = script_json(items)
        self.title_json = script_json(title)
        self.note_json = script_json(note)


class Attributions(MacroElement):
    """Adds each credit to Leaflet's attribution control, once.

    Leaflet inserts attributions as HTML, so each credit goes through
    `geo.escape.html_text` and travels as `script_json`.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        for (const credit of {{ this.credits_json }}) {
            {{ this._parent.get_name() }}.attributionControl.addAttribution(credit);
        }
        {% endmacro %}
        """
    )

    def __init__(self, credits: list[str]):
        super().__init__()
        self._name = "Attributions"
        self.credits_json = script_json([html_text(c) for c in credits])


class MapTitle(MacroElement):
    """Title, date and disclaimer in the top-left corner (exports: HTML and print)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            const info = {{ this.info_json }};
            const control = L.control({position: "topleft"});
            control.onAdd = function() {
                const box = L.DomUtil.create("div", "dc-title leaflet-bar");
                box.style.cssText = "background:#fff;padding:6px 8px;font:12px/1.3 system-ui,sans-serif;max-width:320px";
                const head = document.createElement("div");
                head.style.cssText = "font-weight:600;font-size:14px";
                head.textContent = info.title;
                box.appendChild(head);
                for (const line of info.lines) {
                    const row = document.createElement("div");
                    row.textContent = line;
                    box.appendChild(row);
                }
                return box;
            };
            control.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, title: str, lines: list[str]):
        super().__init__()
        self._name = "MapTitle"
        self.info_json = script_json({"title": title, "lines": lines})
