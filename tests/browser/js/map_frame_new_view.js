// Returns true once the map frame holds a new map (its window not marked `__dcMarked`, as
// map_frame_view_marked.js marks it) drawn at `zoom`, within `tolerance` degrees of [lat, lon].
//
// Argument: [frameSelector, lat, lon, zoom, tolerance].
([frameSelector, lat, lon, zoom, tolerance]) => {
    const frames = document.querySelectorAll(frameSelector);
    if (frames.length !== 1) return false;
    const w = frames[0].contentWindow;
    if (!w || w.__dcMarked || !w.map || !w.map._loaded) return false;
    const centre = w.map.getCenter();
    return w.map.getZoom() === zoom && Math.abs(centre.lat - lat) < tolerance && Math.abs(centre.lng - lon) < tolerance;
}
