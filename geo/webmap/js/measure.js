// The measuring tool: a Leaflet control that measures a path (geodesic length, km) or an area
// (geodesic area, km²) drawn on the map, with the running figure shown while drawing.
//
// Geodesic maths, on the WGS 84 ellipsoid (the same as geo/measure.py's pyproj Geod):
// - lengths: Vincenty's inverse formula (millimetre accuracy; for the rare nearly antipodal pair
//   where it does not converge, the great circle on the mean radius);
// - areas: the polygon on the authalic sphere (same area as the ellipsoid), latitudes turned into
//   authalic latitudes, edges summed with the spherical trapezoid formula; well under 0.1 % from
//   pyproj's for the corridor's areas (tests/webmap/test_measure.py checks both against pyproj).
//
// Idle, it shows only "Distance" and "Area" (small on a phone); the other buttons and the figure
// appear while measuring and stay with the result until "Clear".
// Using it: "Distance" or "Area" starts; each click adds a point (so does "Add the centre", for
// the keyboard: move the map with the arrow keys, then add its centre); the figure follows the
// pointer; a double click, Enter or "Finish" ends; Escape or "Clear" removes the drawing. While
// measuring, the map's other click handlers (the app's "clicked point", the canvas layers' info)
// are set aside, and given back when it ends, and clicks go through the shapes (css/map.css), so
// that no popup opens and pans the map. The figure is a live region, read out by screen readers.
//
// Defines window.dcGeodesic {distance, length, area} (lat/lng objects or [lat, lng] pairs; metres,
// square metres) and window.dcMeasure(map, options), which adds the control and returns it.
//
// Expects from Python (geo.webmap.measure.MeasureControl): this file inlined once, then
//     window.dcMeasure(<map variable>, {lang, texts: {distance, area, add_centre, finish, clear,
//                                       hint, length, area_value, title}});
// texts are plain text (put on the page with textContent); `length` and `area_value` hold
// "{value}" where the formatted number goes.

(function () {
    const A = 6378137.0;
    const F = 1 / 298.257223563;
    const B = A * (1 - F);
    const E2 = F * (2 - F);
    const E = Math.sqrt(E2);
    const MEAN_RADIUS = (2 * A + B) / 3;
    const RAD = Math.PI / 180;
    // The authalic sphere: the radius whose sphere has the ellipsoid's area.
    const QP = 1 + ((1 - E2) / (2 * E)) * Math.log((1 + E) / (1 - E));
    const AUTHALIC_RADIUS = A * Math.sqrt(QP / 2);

    function latLng(p) {
        return Array.isArray(p) ? {lat: p[0], lng: p[1]} : p;
    }

    function sphericalDistance(a, b) {
        const dLat = (b.lat - a.lat) * RAD;
        const dLng = (b.lng - a.lng) * RAD;
        const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLng / 2) ** 2;
        return 2 * MEAN_RADIUS * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    // Vincenty (1975), inverse problem: metres between two points of the WGS 84 ellipsoid.
    function distance(p, q) {
        const a = latLng(p);
        const b = latLng(q);
        if (a.lat === b.lat && a.lng === b.lng) {
            return 0;
        }
        const L = (b.lng - a.lng) * RAD;
        const U1 = Math.atan((1 - F) * Math.tan(a.lat * RAD));
        const U2 = Math.atan((1 - F) * Math.tan(b.lat * RAD));
        const sinU1 = Math.sin(U1);
        const cosU1 = Math.cos(U1);
        const sinU2 = Math.sin(U2);
        const cosU2 = Math.cos(U2);
        let lambda = L;
        for (let i = 0; i < 200; i++) {
            const sinLambda = Math.sin(lambda);
            const cosLambda = Math.cos(lambda);
            const sinSigma = Math.sqrt(
                (cosU2 * sinLambda) ** 2 + (cosU1 * sinU2 - sinU1 * cosU2 * cosLambda) ** 2
            );
            if (sinSigma === 0) {
                return 0;
            }
            const cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
            const sigma = Math.atan2(sinSigma, cosSigma);
            const sinAlpha = (cosU1 * cosU2 * sinLambda) / sinSigma;
            const cos2Alpha = 1 - sinAlpha * sinAlpha;
            const cos2SigmaM = cos2Alpha === 0 ? 0 : cosSigma - (2 * sinU1 * sinU2) / cos2Alpha;
            const C = (F / 16) * cos2Alpha * (4 + F * (4 - 3 * cos2Alpha));
            const previous = lambda;
            lambda =
                L +
                (1 - C) * F * sinAlpha *
                    (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
            if (Math.abs(lambda - previous) < 1e-12) {
                const u2 = (cos2Alpha * (A * A - B * B)) / (B * B);
                const bigA = 1 + (u2 / 16384) * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
                const bigB = (u2 / 1024) * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
                const deltaSigma =
                    bigB * sinSigma *
                    (cos2SigmaM +
                        (bigB / 4) *
                            (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) -
                                (bigB / 6) * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) *
                                    (-3 + 4 * cos2SigmaM * cos2SigmaM)));
                return B * bigA * (sigma - deltaSigma);
            }
        }
        return sphericalDistance(a, b); // nearly antipodal: no convergence
    }

    function length(points) {
        let total = 0;
        for (let i = 1; i < points.length; i++) {
            total += distance(points[i - 1], points[i]);
        }
        return total;
    }

    // Authalic latitude (radians) of a geodetic latitude (degrees).
    function authalic(lat) {
        const s = Math.sin(lat * RAD);
        const q = (1 - E2) * (s / (1 - E2 * s * s) - (1 / (2 * E)) * Math.log((1 - E * s) / (1 + E * s)));
        return Math.asin(Math.max(-1, Math.min(1, q / QP)));
    }

    // Square metres enclosed by a ring (closed or not; either orientation).
    function area(points) {
        const n = points.length;
        if (n < 3) {
            return 0;
        }
        let sum = 0;
        for (let i = 0; i < n; i++) {
            const p = latLng(points[i]);
            const q = latLng(points[(i + 1) % n]);
            let dLng = (q.lng - p.lng) * RAD;
            if (dLng > Math.PI) {
                dLng -= 2 * Math.PI;
            } else if (dLng < -Math.PI) {
                dLng += 2 * Math.PI;
            }
            sum += dLng * (2 + Math.sin(authalic(p.lat)) + Math.sin(authalic(q.lat)));
        }
        return Math.abs((sum * AUTHALIC_RADIUS * AUTHALIC_RADIUS) / 2);
    }

    window.dcGeodesic = {distance: distance, length: length, area: area};

    if (typeof L === "undefined") {
        return; // outside a browser (the tests run the maths alone)
    }

    const COLOUR = "#d81b60";

    window.dcMeasure = function (map, options) {
        const texts = options.texts;
        const numbers = new Intl.NumberFormat(options.lang === "en" ? "en" : "es", {maximumFractionDigits: 2, useGrouping: "always"});
        let mode = null; // "distance", "area" or null
        let points = [];
        let pointer = null;
        let savedClicks = null;
        let doubleClickZoom = false;
        const drawing = L.layerGroup();

        const Control = L.Control.extend({
            options: {position: "topleft"},
            onAdd: function () {
                const box = L.DomUtil.create("div", "leaflet-bar dc-measure dc-measure-idle");
                box.setAttribute("role", "group");
                box.setAttribute("aria-label", texts.title);
                L.DomEvent.disableClickPropagation(box);
                L.DomEvent.disableScrollPropagation(box);
                // Keys pressed on the buttons are theirs (Enter presses one), not the map's.
                L.DomEvent.on(box, "keydown", L.DomEvent.stopPropagation);
                const button = (name, label, action) => {
                    const b = L.DomUtil.create("button", "dc-measure-" + name, box);
                    b.type = "button";
                    b.textContent = label;
                    b.setAttribute("aria-label", label);
                    L.DomEvent.on(b, "click", (event) => {
                        L.DomEvent.stop(event);
                        action();
                    });
                    return b;
                };
                this.distanceButton = button("distance", texts.distance, () => start("distance"));
                this.areaButton = button("area", texts.area, () => start("area"));
                this.centreButton = button("centre", texts.add_centre, () => add(map.getCenter()));
                this.finishButton = button("finish", texts.finish, finish);
                this.clearButton = button("clear", texts.clear, clear);
                this.output = L.DomUtil.create("output", "dc-measure-value", box);
                this.output.setAttribute("aria-live", "polite");
                this.output.textContent = "";
                this.box = box;
                return box;
            },
        });
        const control = new Control();
        control.addTo(map);
        drawing.addTo(map);

        function figure(withPointer) {
            const path = withPointer && pointer ? points.concat([pointer]) : points;
            if (mode === "area") {
                const km2 = area(path) / 1e6;
                return {value: km2, text: texts.area_value.replace("{value}", numbers.format(km2))};
            }
            const km = length(path) / 1000;
            return {value: km, text: texts.length.replace("{value}", numbers.format(km))};
        }

        function redraw() {
            drawing.clearLayers();
            const path = pointer && mode ? points.concat([pointer]) : points;
            if (path.length >= 2) {
                const style = {color: COLOUR, weight: 3, dashArray: "6 4", interactive: false};
                (mode === "area" && path.length >= 3 ? L.polygon(path, style) : L.polyline(path, style)).addTo(drawing);
            }
            points.forEach((p) => {
                L.circleMarker(p, {radius: 4, color: COLOUR, fill: true, fillOpacity: 1, interactive: false}).addTo(
                    drawing
                );
            });
            const shown = figure(true);
            control.output.textContent = points.length ? shown.text : mode ? texts.hint : "";
            control.output.dataset.value = String(shown.value);
            control.output.dataset.mode = mode || control.output.dataset.mode || "";
            control.output.dataset.points = JSON.stringify(points.map((p) => [p.lat, p.lng]));
        }

        function add(latlng) {
            if (!mode) {
                start("distance");
            }
            points.push(L.latLng(latlng.lat, latlng.lng));
            redraw();
        }

        function onClick(event) {
            add(event.latlng);
        }

        function onMove(event) {
            pointer = event.latlng;
            redraw();
        }

        function onKey(event) {
            const key = event.originalEvent.key;
            if (key === "Enter") {
                finish();
            } else if (key === "Escape") {
                clear();
            }
        }

        function start(newMode) {
            stop();
            points = [];
            pointer = null;
            mode = newMode;
            control.output.dataset.mode = newMode;
            L.DomUtil.removeClass(control.box, "dc-measure-idle");
            map.closePopup();
            // The map's other click handlers (the app's "clicked point") wait until measuring ends.
            savedClicks = map._events && map._events.click ? map._events.click.slice() : [];
            savedClicks.forEach((h) => map.off("click", h.fn, h.ctx));
            map.on("click", onClick);
            map.on("mousemove", onMove);
            map.on("dblclick", finish);
            map.on("keydown", onKey);
            doubleClickZoom = map.doubleClickZoom.enabled();
            map.doubleClickZoom.disable();
            L.DomUtil.addClass(map.getContainer(), "dc-measuring");
            control[newMode === "area" ? "areaButton" : "distanceButton"].setAttribute("aria-pressed", "true");
            redraw();
        }

        function stop() {
            if (!mode) {
                return;
            }
            map.off("click", onClick);
            map.off("mousemove", onMove);
            map.off("dblclick", finish);
            map.off("keydown", onKey);
            (savedClicks || []).forEach((h) => map.on("click", h.fn, h.ctx));
            savedClicks = null;
            if (doubleClickZoom) {
                map.doubleClickZoom.enable();
            }
            L.DomUtil.removeClass(map.getContainer(), "dc-measuring");
            control.distanceButton.removeAttribute("aria-pressed");
            control.areaButton.removeAttribute("aria-pressed");
            mode = null;
        }

        function finish() {
            const kept = mode;
            pointer = null;
            stop();
            mode = kept; // the figure of the finished drawing is still that mode's
            redraw();
            mode = null;
        }

        function clear() {
            stop();
            points = [];
            pointer = null;
            drawing.clearLayers();
            L.DomUtil.addClass(control.box, "dc-measure-idle");
            control.output.textContent = "";
            control.output.dataset.value = "0";
            control.output.dataset.points = "[]";
        }

        control.measure = {start: start, add: add, finish: finish, clear: clear};
        return control;
    };
})();
