// Returns true once the canvas layer has drawn more than `count` times in all (window.__dcDrawn,
// counted by geo/webmap/js/canvaslayer.js).
//
// Argument: count, a number of drawings.
(count) => window.__dcDrawn > count
