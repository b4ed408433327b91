// Run by Chromium in every frame of a benchmark's visit before the page's own scripts
// (Playwright's add_init_script; bench.browser.init_script). Each time the number of shapes Leaflet
// has drawn in the frame (path.leaflet-interactive) changes, it notes the browser's own clock:
// when the frame held that many ("held") and when they had been painted, two animation frames
// later ("painted"), as epoch milliseconds in window.__dcShapeClock = [{count, held, painted}].
// bench/js/drawn_at.js reads it.
//
// Why: the harness also waits for the map by polling its frame, but those polls run on the
// page's one main thread. A page busy laying out other things just after its map is on screen
// (the app's sidebar) delays when the harness notices a map that was already painted; this
// clock does not wait for the harness.
//
// The document the script starts in may be the frame's first, empty one, which the page's own
// replaces (keeping the window): the page's document is watched once it is parsed.
(function () {
    const clock = () => performance.timeOrigin + performance.now();
    const notes = (window.__dcShapeClock = []);
    let last = 0;
    const observer = new MutationObserver(() => {
        const count = document.querySelectorAll("path.leaflet-interactive").length;
        if (count === last) return;
        last = count;
        const note = { count: count, held: clock(), painted: null };
        notes.push(note);
        requestAnimationFrame(() => requestAnimationFrame(() => (note.painted = clock())));
    });
    window.addEventListener("DOMContentLoaded", () => observer.observe(document, { childList: true, subtree: true }));
})();
