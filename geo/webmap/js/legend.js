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
// {title, geometry ("Point", "LineString" or "Polygon"), entries: [{label, color, dash}], dash, fill,
// caveat, note, timed, undated, undated_shown, undated_hidden, count}; timed: whether the layer has
// dated features, undated: how many of its features are not, undated_shown/undated_hidden: the
// line saying so; count: null, or {id, shown, total, text}: the features that pass the filters
// (shown) out of the layer's (total), `text` with "{n}" for the number (written as `lang` writes it); with a month chosen, a
// small timed layer's number is what the month leaves drawn (its marks, timefilter.js); the line
// shows only when fewer than all pass; title: the legend's heading; note: the line at its foot.

if (!window.dcLegend) {
    const SVG = "http://www.w3.org/2000/svg";
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
            const countRows = [];
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
                    } else {
                        // The line or outline as drawn on the map: its colour and its own dash
                        // pattern (a category's, else the layer's), the second channel beside colour.
                        sw.style.width = "22px";
                        sw.style.height = "12px";
                        const svg = document.createElementNS(SVG, "svg");
                        svg.setAttribute("width", "22");
                        svg.setAttribute("height", "12");
                        const line = item.geometry === "LineString";
                        const shape = document.createElementNS(SVG, line ? "line" : "rect");
                        const at = line ? {x1: 0, y1: 6, x2: 22, y2: 6} : {x: 1, y: 1, width: 20, height: 10};
                        for (const [name, value] of Object.entries(at)) shape.setAttribute(name, String(value));
                        shape.setAttribute("stroke", entry.color);
                        shape.setAttribute("stroke-width", line ? "3" : "2");
                        shape.setAttribute("fill", !line && item.fill ? entry.color + "33" : "none");
                        const dash = entry.dash || item.dash;
                        if (dash) shape.setAttribute("stroke-dasharray", dash);
                        svg.appendChild(shape);
                        sw.appendChild(svg);
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
                if (item.count) {
                    const row = document.createElement("div");
                    row.className = "dc-legend-count";
                    row.dataset.layer = item.count.id;
                    row.style.cssText = "color:#333";
                    block.appendChild(row);
                    countRows.push({row: row, count: item.count});
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
            // The number drawn: what passed the filters, less what the month hides in a small timed layer.
            function showCounts(state) {
                for (const c of countRows) {
                    let n = c.count.shown;
                    const known = (window.dcFeatureInfo || {})[c.count.id];
                    const marks = known && known.info && known.info.marks;
                    if (state && state.month && marks) {
                        n = 0;
                        for (let f = 0; f < marks.length; f++) if (marks[f] !== 0) n++;
                    }
                    c.row.style.display = n < c.count.total ? "" : "none";
                    c.row.textContent = c.count.text.replace("{n}", n.toLocaleString(c.count.lang || "en", {useGrouping: "always"}));
                    c.row.dataset.shown = String(n);
                }
            }
            showCounts(null);
            window.dcTimed = window.dcTimed || [];
            window.dcTimed.push({
                asOf: function (state) {
                    showCounts(state);
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
