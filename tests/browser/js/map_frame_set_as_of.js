// Returns nothing: shows the map of the map frame as of a month, as the app's "as of" call does
// (window.dcSetAsOf, geo/webmap/js/timefilter.js).
//
// Argument: [frameSelector, state]: state {month, start, end, undated, heading} as timefilter.js takes it.
([frameSelector, state]) => {
    document.querySelector(frameSelector).contentWindow.dcSetAsOf(state);
}
