// Tooltips and popups of the small layers (folium.GeoJson), from attributes that travel as JSON.
//
// Defines window.dcOnEachFeature(info), which returns the function folium calls as
// (code)(feature, layer) for each feature of a layer, and the registry window.dcFeatureInfo
// where Python keeps one such function per layer id. The layer's GeoJSON carries only
// geometries and numeric ids (feature.id); the attributes are in `info`, parsed once per layer.
//
// Expects from Python (geo.webmap.build.FeatureInfo), after infobox.js:
//     window.dcFeatureInfo[<layer id as JSON>] = window.dcOnEachFeature(<info as JSON>);
// with info = {title, fields, labels, values, tooltip, properties}: properties[feature.id] holds
// the feature's attributes, tooltip the fields shown on hover, fields those shown on click.

window.dcFeatureInfo = window.dcFeatureInfo || {};

if (!window.dcOnEachFeature) {
    window.dcOnEachFeature = function (info) {
        return function (feature, layer) {
            const props = info.properties[feature.id];
            function render(fields) {
                return window.dcInfoBox(info.title, fields, info.labels, info.values, function (field) {
                    return props[field];
                });
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
    };
}
