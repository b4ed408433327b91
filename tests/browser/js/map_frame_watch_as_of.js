// Returns nothing: marks the map frame's window with `token` (a map built again would be a new
// window, without it) and records, in window.__dcSeen, the month of every later call of
// window.dcSetAsOf (geo/webmap/js/timefilter.js) in that frame.
//
// Argument: [frameSelector, token], the map frame's CSS selector and any string.
([frameSelector, token]) => {
    const w = document.querySelector(frameSelector).contentWindow;
    w.__dcToken = token;
    w.__dcSeen = [];
    const setAsOf = w.dcSetAsOf;
    w.dcSetAsOf = function (state) {
        w.__dcSeen.push(state.month);
        return setAsOf(state);
    };
}
