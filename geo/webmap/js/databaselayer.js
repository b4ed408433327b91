// A database layer's view on the live map (geo/webmap/database.py): its features, or for a wide
// view of a big point table the counts per cell (aggregates), and the layer's note on the map.
//
// Defines window.dcDatabaseView(group, view) once per page. `group` is the overlay's
// L.FeatureGroup (streamlit-folium adds it to the map, and removes it when the next view comes);
// `view` = {id, title, kind: "features"|"cells", geometry, style, radius, features (GeoJSON),
// cells: [[lon, lat, count, label]], fields, labels, confidence, note}. Attributes reach the page
// through window.dcInfoBox (textContent); the note and the cell labels as textContent too.
//
// Expects from Python: infobox.js, then this file, inlined before the call.

if (!window.dcDatabaseView) {
    window.dcDatabaseView = function (group, view) {
        const style = view.style;
        if (view.kind === "cells") {
            let most = 1;
            for (const cell of view.cells) most = Math.max(most, cell[2]);
            for (const cell of view.cells) {
                const marker = L.circleMarker([cell[1], cell[0]], {
                    radius: 3 + 13 * Math.sqrt(cell[2] / most),
                    color: style.color,
                    weight: 1,
                    fillColor: style.color,
                    fillOpacity: 0.45,
                    dashArray: "2 2",
                });
                const text = document.createElement("span");
                text.textContent = cell[3];
                marker.bindTooltip(text);
                group.addLayer(marker);
            }
        } else {
            const values = {confidence: {}};
            values.confidence[view.features.features.length ? view.features.features[0].properties.confidence : ""] =
                view.confidence;
            const layer = L.geoJSON(view.features, {
                style: function () { return style; },
                pointToLayer: function (feature, latlng) {
                    return L.circleMarker(latlng, Object.assign({}, style, {radius: view.radius, fill: true,
                        fillOpacity: 0.7}));
                },
                onEachFeature: function (feature, shape) {
                    const get = function (field) { return feature.properties[field]; };
                    shape.bindTooltip(function () {
                        return window.dcInfoBox(view.title, view.fields, view.labels, values, get);
                    });
                },
            });
            group.addLayer(layer);
        }
        if (view.note) {
            const note = L.control({position: "bottomleft"});
            note.onAdd = function () {
                const box = L.DomUtil.create("div", "dc-db-note");
                box.style.cssText = "background:rgba(255,255,255,.9);padding:2px 6px;font:12px sans-serif;";
                box.setAttribute("data-layer", view.id);
                box.textContent = view.note;
                return box;
            };
            group.on("add", function (event) { note.addTo(event.target._map); });
            group.on("remove", function () { note.remove(); });
        }
    };
}
