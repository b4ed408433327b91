// Returns true once the map frame marked by map_frame_watch_as_of.js has seen at least `count`
// calls of window.dcSetAsOf.
//
// Argument: [frameSelector, count], the map frame's CSS selector and a number.
([frameSelector, count]) => {
    const frame = document.querySelector(frameSelector);
    const w = frame && frame.contentWindow;
    return !!(w && w.__dcSeen && w.__dcSeen.length >= count);
}
