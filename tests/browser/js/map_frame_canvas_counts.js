// Returns [drawn, singles] for the canvas layer in the map frame: `drawn` is the layer's own
// count of its last drawing (layer.drawn()), `singles` the number of points drawn alone.
//
// Argument: frameSelector, the map frame's CSS selector.
(frameSelector) => {
    const w = document.querySelector(frameSelector).contentWindow;
    const layer = Object.values(w).find((v) => v && v.drawn && v._map);
    return [layer.drawn(), layer._singles.length];
}
