// Returns true once our canvas layer has drawn at least once (window.__dcDrawn, counted by
// geo/webmap/js/canvaslayer.js).
//
// No argument.
() => window.__dcDrawn >= 1
