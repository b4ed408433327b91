// Returns [x, y]: where [lat, lon] lies in the map frame's map, in pixels from its top left.
//
// Argument: [frameSelector, lat, lon].
([frameSelector, lat, lon]) => {
    const w = document.querySelector(frameSelector).contentWindow;
    const layer = Object.values(w).find((v) => v && v.drawn && v._map);
    const p = layer._map.latLngToContainerPoint([lat, lon]);
    return [p.x, p.y];
}
