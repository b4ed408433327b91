// Returns {<layer id>: [[feature id, marked], ...]} for every timed small layer of the map frame
// (registered with geo/webmap/js/timefilter.js): the features whose shape is on the page and not
// hidden, and whether each is marked as undated.
//
// Argument: frameSelector, the map frame's CSS selector.
(frameSelector) => {
    const w = document.querySelector(frameSelector).contentWindow;
    const out = {};
    for (const participant of w.dcTimed) {
        if (!participant.layerId) continue;
        const drawn = [];
        participant.info.shapes.forEach((shape, f) => {
            const el = shape && shape.getElement();
            if (el && el.isConnected && w.getComputedStyle(el).display !== "none") {
                drawn.push([f, el.classList.contains("dc-undated")]);
            }
        });
        out[participant.layerId] = drawn;
    }
    return out;
}
