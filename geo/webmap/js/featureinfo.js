// Tooltips and popups of the small layers (folium.GeoJson), from attributes that travel as JSON.
//
// Defines window.dcOnEachFeature(info), which returns the function folium calls as
// (code)(feature, layer) for each feature of a layer, and the registry window.dcFeatureInfo
// where Python keeps one such function per layer id. The layer's GeoJSON carries only
// geometries and numeric ids (feature.id); the attributes are in `info`, parsed once per layer.
// Each feature's shape is kept in info.shapes[feature.id] (the time filter shows and hides them,
// timefilter.js), and the function keeps `info` as its own .info.
//
// Expects from Python (geo.webmap.build.FeatureInfo), after infobox.js:
//     window.dcFeatureInfo[<layer id as JSON>] = window.dcOnEachFeature(<info as JSON>);
// with info = {title, fields, labels, values, tooltip, properties, time, undated_note}:
// properties[feature.id] holds the feature's attributes, tooltip the fields shown on hover,
// fields those shown on click; time the features' periods (null when the layer has no dated
// feature; timefilter.js), undated_note the line an info box adds when the feature is shown
// marked as undated (info.marks[feature.id] === 2, set by timefilter.js).

window.dcFeatureInfo = window.dcFeatureInfo || {};

if (!window.dcOnEachFeature) {
    window.dcOnEachFeature = function (info) {
        info.shapes = [];
        const each = function (feature, layer) {
            const props = info.properties[feature.id];
            info.shapes[feature.id] = layer;
            function render(fields) {
                const box = window.dcInfoBox(info.title, fields, info.labels, info.values, function (field) {
                    return props[field];
                });
                if (info.marks && info.marks[feature.id] === 2) {
                    const note = document.createElement("div");
                    note.className = "dc-info-undated";
                    note.textContent = info.undated_note;
                    box.appendChild(note);
                }
                return box;
            }
            layer.bindTooltip(function () {
                return render(info.tooltip);
            }, {sticky: true});
            // Not bindPopup: it stops the click, and the map (and the app) must still see it.
            layer.on("click", function (e) {
                if (e.originalEvent && e.originalEvent._dcHandled) return;  // a big layer drawn above took it
                L.popup({maxWidth: 380}).setLatLng(e.latlng).setContent(render(info.fields)).openOn(layer._map);
            });
        };
        each.info = info;
        return each;
    };
}
