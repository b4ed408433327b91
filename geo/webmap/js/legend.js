// The categorical legend drawn inside the map, as a Leaflet control (bottom right).
//
// Defines window.dcLegend(map, items, title, note). Every name and label is put on the page
// with textContent: a layer or category name can never become markup. The title is a button
// (aria-expanded, aria-controls) that opens and closes the legend; a narrow map starts closed.
// The legend takes part in the "as of" control (timefilter.js): with a month chosen it says
// "as of <month>" under its title and, for each timed layer with undated features, how many and
// whether they are shown (marked) or hidden; with every period, it is as it was.
//
// Expects from Python (geo.webmap.legend.Legend), all data as JSON made by geo.escape.script_json:
//     window.dcLegend(<map variable>, <items>, <title>, <note>);
// items: one block per layer, top-most first, as made by geo.webmap.build.legend_items:
// {title, geometry ("Point", "LineString" or "Polygon"), entries: [{label, color}], dash, fill,
// caveat, note, timed, undated, undated_shown, undated_hidden}; timed: whether the layer has
// dated features, undated: how many of its features are not, undated_shown/undated_hidden: the
// line saying so; title: the legend's heading; note: the line at its foot.

if (!window.dcLegend) {
    // Maps narrower than this (in CSS pixels: a phone) open with the legend closed.
    const NARROW_PX = 600;
    window.dcLegend = function (map, items, title, note) {
        const control = L.control({position: "bottomright"});
        control.onAdd = function () {
            const box = L.DomUtil.create("div", "dc-legend leaflet-bar");
            box.style.cssText = "background:#fff;padding:6px 8px;font:12px/1.3 system-ui,sans-serif;"
                + "max-height:50vh;overflow:auto;max-width:250px";
            // A real button (keyboard, screen readers) says whether the legend is open; on a
            // narrow map (a phone) the legend starts closed, so that it does not cover the map.
            const head = document.createElement("button");
            head.type = "button";
            head.className = "dc-legend-toggle";
            head.textContent = title;
            const body = document.createElement("div");
            body.className = "dc-legend-body";
            body.id = "dc-legend-body-" + L.Util.stamp(box);
            head.setAttribute("aria-controls", body.id);
            const show = function (open) {
                head.setAttribute("aria-expanded", open ? "true" : "false");
                body.hidden = !open;
            };
            show(!window.matchMedia("(max-width: " + NARROW_PX + "px)").matches);
            L.DomEvent.on(head, "click", function () {
                show(head.getAttribute("aria-expanded") !== "true");
            });
            box.appendChild(head);
            box.appendChild(body);
            const asOf = document.createElement("div");
            asOf.className = "dc-legend-asof";
            asOf.style.cssText = "font-weight:600;color:#333;display:none";
            body.appendChild(asOf);
            const undatedRows = [];
            for (const item of items) {
                const block = document.createElement("div");
                block.className = "dc-legend-layer";
                block.style.marginTop = "4px";
                const name = document.createElement("div");
                name.className = "dc-legend-layer-name";
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
                if (item.timed && item.undated > 0) {
                    const row = document.createElement("div");
                    row.className = "dc-legend-undated";
                    row.style.cssText = "color:#555;display:none";
                    const sw = document.createElement("span");
                    sw.style.cssText = "display:inline-block;width:16px;height:10px;margin-right:5px;vertical-align:middle;"
                        + "border:2px dashed #6b6b6b;box-sizing:border-box";
                    row.appendChild(sw);
                    const text = document.createElement("span");
                    row.appendChild(text);
                    block.appendChild(row);
                    undatedRows.push({row: row, swatch: sw, text: text, item: item});
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
                body.appendChild(block);
            }
            const foot = document.createElement("div");
            foot.style.cssText = "margin-top:4px;color:#555";
            foot.textContent = note;
            body.appendChild(foot);
            window.dcTimed = window.dcTimed || [];
            window.dcTimed.push({
                asOf: function (state) {
                    const month = !!(state && state.month);
                    asOf.style.display = month ? "" : "none";
                    asOf.textContent = month ? state.heading : "";
                    for (const u of undatedRows) {
                        const shown = state && state.undated !== "hide";
                        u.row.style.display = month ? "" : "none";
                        u.swatch.style.display = shown ? "inline-block" : "none";
                        u.text.textContent = shown ? u.item.undated_shown : u.item.undated_hidden;
                    }
                },
            });
            if (window.dcAsOf) window.dcTimed[window.dcTimed.length - 1].asOf(window.dcAsOf);
            L.DomEvent.disableClickPropagation(box);
            L.DomEvent.disableScrollPropagation(box);
            return box;
        };
        control.addTo(map);
    };
}
