// Returns nothing: centres the map of window.__dcLayer (see remember_canvas_layer.js) on
// [lat, lon] at `zoom`, with no animation.
//
// Argument: [lat, lon, zoom].
([lat, lon, zoom]) => {
    window.__dcLayer._map.setView([lat, lon], zoom, {animate: false});
}
