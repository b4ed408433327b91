// A point layer drawn as a heat map (Leaflet.heat, served by the app from the folium package:
// geo/webmap/assets.py), with each point's weight from a numeric attribute when one is chosen.
//
// Defines window.dcHeatLayer(payload, options), which returns the L.heatLayer. The layer keeps
// what it drew in `layer.dcHeat` = {points, weighted, draws, createdAt, drawnAt}: performance.now()
// when its script started and at the end of its last drawing (the browser test times them).
//
// Expects from Python (geo.webmap.heat.HeatLayer): this file inlined once per heat layer (it
// defines the function only once), Leaflet.heat loaded after Leaflet, then
//     var <name> = window.dcHeatLayer({lat: [...], lng: [...], weight: [...] or null},
//                                     {radius, blur, max, min_opacity});
// lat/lng in degrees, weight between 0 and 1 (one per point), numbers only.

window.dcHeatLayer =
    window.dcHeatLayer ||
    function (payload, options) {
        const createdAt = performance.now();
        const lat = payload.lat;
        const lng = payload.lng;
        const weight = payload.weight;
        const points = new Array(lat.length);
        for (let i = 0; i < lat.length; i++) {
            points[i] = [lat[i], lng[i], weight ? weight[i] : 1];
        }
        const layer = L.heatLayer(points, {
            radius: options.radius,
            blur: options.blur,
            max: options.max,
            minOpacity: options.min_opacity,
        });
        layer.dcHeat = {points: points.length, weighted: Boolean(weight), draws: 0, createdAt: createdAt, drawnAt: null};
        const redraw = layer._redraw;
        layer._redraw = function () {
            redraw.apply(this, arguments);
            layer.dcHeat.draws += 1;
            layer.dcHeat.drawnAt = performance.now();
        };
        return layer;
    };
