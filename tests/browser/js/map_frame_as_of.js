// Returns {frames, token, month, seen}: how many map frames the page holds, and in the first the
// token set by map_frame_watch_as_of.js (null if the frame is not the one marked), the month the
// map shows (window.dcAsOf, geo/webmap/js/timefilter.js; null for every period) and the months
// of the calls seen since.
//
// Argument: frameSelector, the map frame's CSS selector.
(frameSelector) => {
    const frames = document.querySelectorAll(frameSelector);
    const w = frames.length ? frames[0].contentWindow : null;
    return {
        frames: frames.length,
        token: (w && w.__dcToken) || null,
        month: (w && w.dcAsOf && w.dcAsOf.month) || null,
        seen: (w && w.__dcSeen) || [],
    };
}
