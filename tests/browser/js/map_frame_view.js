// Returns [lat, lng, zoom]: the centre and zoom of the app's live map (streamlit-folium's
// window.map) in the map frame, or null before the map exists.
//
// Argument: frameSelector, the map frame's CSS selector.
(frameSelector) => {
    const w = document.querySelector(frameSelector).contentWindow;
    if (!w || !w.map) {
        return null;
    }
    const c = w.map.getCenter();
    return [c.lat, c.lng, w.map.getZoom()];
}
