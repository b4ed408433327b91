// The title box of exported maps (top left): title, then one line each for date and disclaimer.
//
// Defines window.dcMapTitle(map, info). Every line is put on the page with textContent.
//
// Expects from Python (geo.webmap.legend.MapTitle), data as JSON made by geo.escape.script_json:
//     window.dcMapTitle(<map variable>, {title: "...", lines: ["...", ...]});

if (!window.dcMapTitle) {
    window.dcMapTitle = function (map, info) {
        const control = L.control({position: "topleft"});
        control.onAdd = function () {
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
        control.addTo(map);
    };
}
