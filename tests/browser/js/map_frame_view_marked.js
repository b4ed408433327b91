// Returns the view of the map in the map frame, {lat, lng, zoom}, or null before it is drawn.
// Marks the frame's window (`mark`, when given) so that a later call can tell a new map frame.
//
// Argument: [frameSelector, mark]: the map frame's CSS selector, and a name or null.
([frameSelector, mark]) => {
    const frames = document.querySelectorAll(frameSelector);
    if (frames.length !== 1) return null;
    const w = frames[0].contentWindow;
    if (!w || !w.map || !w.map._loaded) return null;
    if (mark) w[mark] = true;
    const centre = w.map.getCenter();
    return {lat: centre.lat, lng: centre.lng, zoom: w.map.getZoom(), marked: !!w.__dcMarked};
}
