// Returns nothing: centres the app's live map (streamlit-folium's window.map) in the map frame on
// [lat, lon] at `zoom`, with no animation.
//
// Argument: [frameSelector, lat, lon, zoom].
([frameSelector, lat, lon, zoom]) => {
    document.querySelector(frameSelector).contentWindow.map.setView([lat, lon], zoom, {animate: false});
}
