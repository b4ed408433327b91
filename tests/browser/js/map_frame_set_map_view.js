// Returns nothing: centres the Leaflet map of the map frame on [lat, lon] at `zoom`, with no
// animation (the map object itself, found among the frame's globals: no layer needed).
//
// Argument: [frameSelector, lat, lon, zoom].
([frameSelector, lat, lon, zoom]) => {
    const w = document.querySelector(frameSelector).contentWindow;
    const map = Object.values(w).find((v) => v instanceof w.L.Map);
    map.setView([lat, lon], zoom, {animate: false});
}
