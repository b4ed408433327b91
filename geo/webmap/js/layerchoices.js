// The layers a person switches off in the map's own layer control: reported back to the app
// with the map's state, and switched off again on the next map the app draws (a sidebar change
// builds a new map; without this it would come back with every layer on).
//
// Defines:
//   window.dcWatchLayers(map, control, ids): ids maps each overlay's name in the control to its
//     layer id. Each change writes the switched-off ids into streamlit-folium's
//     `selected_layers` (entries {name: id, url: "dc:hidden"}), which the component reports.
//   window.dcHideLayers(ids): switches those layers off on the map being watched; called by
//     the overlay the app hands to a new map (geo.webmap.view.hidden_layers_group).
//   window.dcLayerShown(id): whether that layer is on the map (js/labels.js writes its names only then).
//
// Expects from Python (geo.webmap.view.LayerChoices, HideLayers):
//     window.dcWatchLayers(<map variable>, <layer control variable>, <{name: id} as JSON>);
//     window.dcHideLayers(<ids as JSON>);

(function () {
    const MARK = "dc:hidden";
    let watched = null;

    function overlays() {
        if (!watched) return [];
        return Object.values(watched.control._layers)
            .filter((entry) => entry.overlay && Object.prototype.hasOwnProperty.call(watched.ids, entry.name))
            .map((entry) => ({id: watched.ids[entry.name], layer: entry.layer}));
    }

    function report() {
        const data = window.__GLOBAL_DATA__;  // streamlit-folium's state; absent in a saved map
        if (!data || !data.selected_layers) return;
        for (const key of Object.keys(data.selected_layers)) {
            if (key.startsWith(MARK)) delete data.selected_layers[key];
        }
        for (const overlay of overlays()) {
            if (!watched.map.hasLayer(overlay.layer)) {
                data.selected_layers[MARK + ":" + overlay.id] = {name: overlay.id, url: MARK};
            }
        }
    }

    window.dcWatchLayers = function (map, control, ids) {
        watched = {map: map, control: control, ids: ids};
        map.on("overlayadd overlayremove", report);
    };

    window.dcLayerShown = function (id) {
        for (const overlay of overlays()) {
            if (overlay.id === id) return watched.map.hasLayer(overlay.layer);
        }
        return true;
    };

    window.dcHideLayers = function (ids) {
        const hidden = new Set(ids);
        for (const overlay of overlays()) {
            if (hidden.has(overlay.id) && watched.map.hasLayer(overlay.layer)) {
                watched.map.removeLayer(overlay.layer);
            }
        }
        report();
    };
})();
