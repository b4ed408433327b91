// Returns nothing: moves the Leaflet map in the map frame to [lat, lon] at `zoom`, as a pan and
// zoom by hand would (no animation), which makes the map report its new view.
//
// Argument: [frameSelector, lat, lon, zoom].
([frameSelector, lat, lon, zoom]) => {
    const w = document.querySelector(frameSelector).contentWindow;
    const map = Object.values(w).find((v) => v && w.L && v instanceof w.L.Map);
    map.setView([lat, lon], zoom, {animate: false});
}
