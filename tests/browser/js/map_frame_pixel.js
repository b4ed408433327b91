// Returns [x, y]: where [lat, lon] lies on the app's live map (streamlit-folium's window.map), in
// pixels from the map's top left.
//
// Argument: [frameSelector, lat, lon].
([frameSelector, lat, lon]) => {
    const p = document.querySelector(frameSelector).contentWindow.map.latLngToContainerPoint([lat, lon]);
    return [p.x, p.y];
}
