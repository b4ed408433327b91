// Returns the place names written on the map of the map frame, once placed at `zoom`: each
// [text, x, y, width, height, layer id] of a name shown (js/labels.js), in the frame's pixels; null until
// the map is at that zoom.
//
// Argument: [frameSelector, zoom].
([frameSelector, zoom]) => {
    const w = document.querySelector(frameSelector).contentWindow;
    if (!w.map || w.map.getZoom() !== zoom) return null;
    w.dcPlaceLabels();
    return Array.from(w.document.querySelectorAll(".dc-label"))
        .filter((e) => e.style.display !== "none")
        .map((e) => {
            const r = e.getBoundingClientRect();
            return [e.textContent, r.x, r.y, r.width, r.height, e.dataset.layer];
        });
}
