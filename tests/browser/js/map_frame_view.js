// Returns [lat, lng, zoom]: the centre and zoom of the Leaflet map in the map frame.
//
// Argument: frameSelector, the map frame's CSS selector.
(frameSelector) => {
    const w = document.querySelector(frameSelector).contentWindow;
    const map = Object.values(w).find((v) => v && w.L && v instanceof w.L.Map);
    const centre = map.getCenter();
    return [centre.lat, centre.lng, map.getZoom()];
}
