// The categorical legend drawn inside the map, as a Leaflet control (bottom right).
//
// Defines window.dcLegend(map, items, title, note). Every name and label is put on the page
// with textContent: a layer or category name can never become markup.
//
// Expects from Python (geo.webmap.legend.Legend), all data as JSON made by geo.escape.script_json:
//     window.dcLegend(<map variable>, <items>, <title>, <note>);
// items: one block per layer, top-most first, as made by geo.webmap.build.legend_items:
// {title, geometry ("Point", "LineString" or "Polygon"), entries: [{label, color}], dash, fill,
// caveat, note}; title: the legend's heading; note: the line at its foot.

if (!window.dcLegend) {
    window.dcLegend = function (map, items, title, note) {
        const control = L.control({position: "bottomright"});
        control.onAdd = function () {
            const box = L.DomUtil.create("details", "dc-legend leaflet-bar");
            box.open = true;
            box.style.cssText = "background:#fff;padding:6px 8px;font:12px/1.3 system-ui,sans-serif;"
                + "max-height:50vh;overflow:auto;max-width:250px";
            const head = document.createElement("summary");
            head.style.cssText = "font-weight:600;cursor:pointer";
            head.textContent = title;
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
                        sw.style.width = "10px";
                        sw.style.borderRadius = "50%";
                        sw.style.background = entry.color;
                    } else if (item.geometry === "LineString") {
                        sw.style.height = "0";
                        sw.style.borderTop = "3px " + (item.dash ? "dashed " : "solid ") + entry.color;
                    } else {
                        sw.style.border = "2px " + (item.dash ? "dashed " : "solid ") + entry.color;
                        sw.style.background = item.fill ? entry.color + "33" : "transparent";
                    }
                    row.appendChild(sw);
                    row.appendChild(document.createTextNode(entry.label));
                    block.appendChild(row);
                }
                if (item.note) {
                    const itemNote = document.createElement("div");
                    itemNote.style.cssText = "color:#555";
                    itemNote.textContent = item.note;
                    block.appendChild(itemNote);
                }
                if (item.caveat) {
                    const caveat = document.createElement("div");
                    caveat.className = "dc-legend-caveat";
                    caveat.style.cssText = "color:#8a4b00;font-style:italic";
                    caveat.textContent = item.caveat;
                    block.appendChild(caveat);
                }
                box.appendChild(block);
            }
            const foot = document.createElement("div");
            foot.style.cssText = "margin-top:4px;color:#555";
            foot.textContent = note;
            box.appendChild(foot);
            L.DomEvent.disableClickPropagation(box);
            L.DomEvent.disableScrollPropagation(box);
            return box;
        };
        control.addTo(map);
    };
}
