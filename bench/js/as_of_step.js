// Returns [drawn, painted] in milliseconds: the time from a call of window.dcSetAsOf(state)
// (geo/webmap/js/timefilter.js) to the next animation frame, whose callbacks the canvas layers'
// redraws come first in (drawn), and to the frame after it, once that frame is on screen (painted).
//
// Argument: state, as geo.webmap.timefilter.as_of_state makes it.
(state) => new Promise((resolve) => {
    const start = performance.now();
    window.dcSetAsOf(state);
    requestAnimationFrame(() => {
        const drawn = performance.now() - start;
        requestAnimationFrame(() => resolve([drawn, performance.now() - start]));
    });
})
