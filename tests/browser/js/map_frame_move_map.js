// Returns nothing: moves the map of the map frame (streamlit-folium's `window.map`) to [lat, lon]
// at `zoom`, with no animation, as a person panning and zooming would.
//
// Argument: [frameSelector, lat, lon, zoom].
([frameSelector, lat, lon, zoom]) => {
    document.querySelector(frameSelector).contentWindow.map.setView([lat, lon], zoom, {animate: false});
}
