// The map for the keyboard and for screen readers: the map's own controls named in the reader's
// language, and the layer switcher usable without a mouse.
//
// Defines window.dcMapAccess(map, texts). Leaflet's zoom buttons and layer switcher carry English
// titles ("Zoom in", "Layers"); they get ours, as title and aria-label. The layer switcher's
// button says whether it is open (aria-expanded), opens with Enter (Leaflet's own) and then holds
// the focus on its first switch; Escape closes it and gives the focus back to its button. The map's container (Leaflet's keyboard
// option: arrows pan, + and - zoom) is named, so a screen reader says what it is.
//
// Expects from Python (geo.webmap.legend.MapAccess), texts as JSON made by geo.escape.script_json:
//     window.dcMapAccess(<map variable>, {map, zoom_in, zoom_out, layers});

if (!window.dcMapAccess) {
    window.dcMapAccess = function (map, texts) {
        const name = function (element, text) {
            if (!element) return;
            element.title = text;
            element.setAttribute("aria-label", text);
        };
        const container = map.getContainer();
        container.setAttribute("aria-label", texts.map);
        container.setAttribute("role", "region");
        if (map.zoomControl) {
            name(map.zoomControl._zoomInButton, texts.zoom_in);
            name(map.zoomControl._zoomOutButton, texts.zoom_out);
        }
        const switcher = container.querySelector(".leaflet-control-layers");
        const toggle = switcher && switcher.querySelector(".leaflet-control-layers-toggle");
        if (!toggle) return;
        name(toggle, texts.layers);
        const expanded = "leaflet-control-layers-expanded";
        const say = function () {
            toggle.setAttribute("aria-expanded", switcher.classList.contains(expanded) ? "true" : "false");
        };
        say();
        new MutationObserver(say).observe(switcher, {attributes: true, attributeFilter: ["class"]});
        L.DomEvent.on(switcher, "keydown", function (event) {
            if (event.key === "Escape" && switcher.classList.contains(expanded)) {
                switcher.classList.remove(expanded);
                toggle.focus();
            }
        });
        // Opened with Enter (Leaflet's own handler), the button hides: the focus goes to the first switch.
        L.DomEvent.on(toggle, "keydown", function (event) {
            if (event.key !== "Enter") return;
            window.setTimeout(function () {
                const first = switcher.querySelector("input");
                if (first && switcher.classList.contains(expanded)) first.focus();
            }, 0);
        });
        // Leaving the switcher with the keyboard closes it, as leaving it with the mouse does.
        L.DomEvent.on(switcher, "focusout", function (event) {
            if (event.relatedTarget && !switcher.contains(event.relatedTarget)) switcher.classList.remove(expanded);
        });
    };
}
