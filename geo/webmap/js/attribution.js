// Credits in Leaflet's attribution control (bottom right), each once.
//
// Defines window.dcAddAttributions(map, credits). Leaflet inserts an attribution as HTML, so
// each credit arrives already HTML-escaped (geo.escape.html_text, braces as entities).
//
// Expects from Python (geo.webmap.legend.Attributions):
//     window.dcAddAttributions(<map variable>, <credits as JSON>);

if (!window.dcAddAttributions) {
    window.dcAddAttributions = function (map, credits) {
        for (const credit of credits) {
            map.attributionControl.addAttribution(credit);
        }
    };
}
