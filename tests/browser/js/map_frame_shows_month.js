// Returns true once there is a single map frame and the map in it shows `month` (window.dcAsOf,
// set by geo/webmap/js/timefilter.js).
//
// Argument: [frameSelector, month], the map frame's CSS selector and "YYYY-MM".
([frameSelector, month]) => {
    const frames = document.querySelectorAll(frameSelector);
    if (frames.length !== 1) return false;
    const w = frames[0].contentWindow;
    return !!(w && w.dcAsOf && w.dcAsOf.month === month);
}
