// Returns true once there is a single map frame and its canvas layer has drawn at least once
// (the frame's window.__dcDrawn, counted by geo/webmap/js/canvaslayer.js).
//
// Argument: frameSelector, the map frame's CSS selector.
(frameSelector) => {
    const frames = document.querySelectorAll(frameSelector);
    return frames.length === 1 && frames[0].contentWindow && frames[0].contentWindow.__dcDrawn >= 1;
}
