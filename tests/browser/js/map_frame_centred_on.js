// Returns whether the map in the map frame is centred on [lat, lon] (within `tolerance` degrees)
// at `zoom`.
//
// Argument: [frameSelector, lat, lon, zoom, tolerance].
([frameSelector, lat, lon, zoom, tolerance]) => {
    const frame = document.querySelector(frameSelector);
    const map = frame && frame.contentWindow.map;
    if (!map) return false;
    const c = map.getCenter();
    return Math.abs(c.lat - lat) <= tolerance && Math.abs(c.lng - lon) <= tolerance && map.getZoom() === zoom;
}
