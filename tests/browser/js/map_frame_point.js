// Returns [x, y]: where [lat, lon] lies on the Leaflet map in the map frame, in pixels from the
// map's top left corner.
//
// Argument: [frameSelector, lat, lon].
([frameSelector, lat, lon]) => {
    const w = document.querySelector(frameSelector).contentWindow;
    const map = Object.values(w).find((v) => v && w.L && v instanceof w.L.Map);
    const p = map.latLngToContainerPoint([lat, lon]);
    return [p.x, p.y];
}
