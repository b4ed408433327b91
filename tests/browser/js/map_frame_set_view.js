// Returns nothing: centres the map in the map frame on [lat, lon] at `zoom`, with no animation.
//
// Argument: [frameSelector, lat, lon, zoom].
([frameSelector, lat, lon, zoom]) => {
    const w = document.querySelector(frameSelector).contentWindow;
    const layer = Object.values(w).find((v) => v && v.drawn && v._map);
    layer._map.setView([lat, lon], zoom, {animate: false});
}
