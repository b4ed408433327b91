// Returns [west, south, east, north]: the bounds of the map that window.__dcLayer is drawn on
// (see remember_canvas_layer.js).
//
// No argument.
() => {
    const b = window.__dcLayer._map.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
}
