// A database layer's view on the live map (geo/webmap/database.py): its features, or for a wide
// view of a big table the counts per cell (aggregates), and the layer's note on the map.
//
// Defines window.dcDatabaseView(group, view, geometries) once per page. `group` is the overlay's
// L.FeatureGroup (streamlit-folium adds it to the map, and removes it when the next view comes);
// `view` = {id, title, kind: "features"|"cells", style, radius, columns: {field: [value per
// feature]}, provenance: {field: value for every feature}, cells: [[lon, lat, count, label]],
// fields, labels, values (translated values), note}; `geometries` = [GeoJSON geometry or null per
// feature]. Attributes reach the page through window.dcInfoBox (textContent); the note and the
// cell labels as textContent too.
//
// Expects from Python: infobox.js, then this file, inlined before the call.

if (!window.dcDatabaseView) {
    window.dcDatabaseView = function (group, view, geometries) {
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
            const features = [];
            for (let i = 0; i < geometries.length; i++) {
                if (geometries[i]) features.push({type: "Feature", id: i, geometry: geometries[i], properties: {}});
            }
            const value = function (index, field) {
                const column = view.columns[field];
                return column ? column[index] : view.provenance[field];
            };
            const layer = L.geoJSON({type: "FeatureCollection", features: features}, {
                style: function () { return style; },
                pointToLayer: function (feature, latlng) {
                    return L.circleMarker(latlng, Object.assign({}, style, {radius: view.radius, fill: true,
                        fillOpacity: 0.7}));
                },
                onEachFeature: function (feature, shape) {
                    const get = function (field) { return value(feature.id, field); };
                    shape.bindTooltip(function () {
                        return window.dcInfoBox(view.title, view.fields, view.labels, view.values, get);
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
            if (group._map) note.addTo(group._map);  // already on a map (a page built in one piece)
        }
    };
}
