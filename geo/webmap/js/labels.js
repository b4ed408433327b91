// Place names written on the map as text (not tooltips): towns, communities and stations,
// rivers, parks. Each name is an element in its own pane (above every layer, below tooltips),
// with a halo that keeps it readable on every basemap (css/labels.css). On every move and zoom
// the names are placed again, most important first: a name is written only from its zoom on,
// only while its layer is on the map, and only where it overlaps no name placed before it
// (a place's name may sit right, left, above or below its point). So none overlap, and fewer
// are written when zoomed out. A feature the "as of" month hides (timefilter.js: its mark in
// window.dcFeatureInfo[layer].info.marks is 0) has no name written either.
//
// Defines window.dcLabels(map, labels, settings), and window.dcPlaceLabels() (places them again).
//
// Expects from Python (geo.webmap.labels.PlaceNames), as JSON made by geo.escape.script_json:
//     window.dcLabels(<map variable>, <labels>, <settings>);
// labels: [{text, lon, lat, priority, min_zoom, kind ("place", "river" or "area"), layer, index}],
// most important first (geo.webmap.labels.label_data); settings: {pane}: the labels' pane.

(function () {
    const GAP = 2;  // pixels kept free between two names

    function overlaps(a, b) {
        return a.x < b.x + b.w + GAP && b.x < a.x + a.w + GAP && a.y < b.y + b.h + GAP && b.y < a.y + a.h + GAP;
    }

    function offsets(kind, w, h) {
        if (kind !== "place") return [[-w / 2, -h / 2]];  // a river's or an area's name on its anchor
        return [[7, -h / 2], [-7 - w, -h / 2], [-w / 2, -h - 6], [-w / 2, 6]];
    }

    window.dcLabels = function (map, labels, settings) {
        const pane = map.getPane(settings.pane) || map.createPane(settings.pane);
        pane.classList.add("leaflet-zoom-hide");  // hidden while a zoom animates, placed after it
        const items = labels.map(function (label) {
            const element = L.DomUtil.create("div", "dc-label dc-label-" + label.kind, pane);
            element.textContent = label.text;
            element.dataset.layer = label.layer;
            element.style.display = "none";
            return {label: label, element: element, w: 0, h: 0};
        });

        function layerShown(id) {
            return !window.dcLayerShown || window.dcLayerShown(id);
        }

        function inTime(label) {
            const entry = window.dcFeatureInfo && window.dcFeatureInfo[label.layer];
            const marks = entry && entry.info && entry.info.marks;
            return !marks || marks[label.index] !== 0;
        }

        function place() {
            if (!map._loaded) return;
            const zoom = map.getZoom(), size = map.getSize(), placed = [];
            for (const item of items) {
                const label = item.label;
                let box = null;
                if (zoom >= label.min_zoom && layerShown(label.layer) && inTime(label)) {
                    const point = map.latLngToContainerPoint([label.lat, label.lon]);
                    if (point.x > -40 && point.y > -40 && point.x < size.x + 40 && point.y < size.y + 40) {
                        if (!item.w) {  // measured once, as drawn
                            item.element.style.display = "block";
                            item.w = item.element.offsetWidth;
                            item.h = item.element.offsetHeight;
                        }
                        for (const [dx, dy] of offsets(label.kind, item.w, item.h)) {
                            const candidate = {x: point.x + dx, y: point.y + dy, w: item.w, h: item.h};
                            if (!placed.some(function (other) { return overlaps(candidate, other); })) {
                                box = candidate;
                                break;
                            }
                        }
                    }
                }
                if (box) {
                    placed.push(box);
                    L.DomUtil.setPosition(item.element, map.containerPointToLayerPoint([box.x, box.y]));
                    item.element.style.display = "block";
                } else {
                    item.element.style.display = "none";
                }
            }
        }

        map.on("zoomend moveend resize overlayadd overlayremove", place);
        map.whenReady(place);
        window.dcPlaceLabels = place;
        // A participant of the "as of" control (timefilter.js), after the layers: placed again
        // once their features are shown or hidden for the month.
        window.dcTimed = window.dcTimed || [];
        window.dcTimed.push({asOf: place});
        if (window.dcAsOf) place();
    };
})();
