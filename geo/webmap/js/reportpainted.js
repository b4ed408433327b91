// The map's first report to its host, once the map is on screen.
//
// streamlit-folium reports the map's view (window.Streamlit.setComponentValue) as soon as the
// map's script has run: before the browser has laid out or painted a single shape. The report
// reruns the app, and the app's answer (its sidebar and panels, ui.page.first_run) then reaches
// the page while the map is still to be painted; the frame shares the page's one main thread,
// so the map waited behind the panels (#15 item 8, docs/performance.md).
//
// Defines window.dcReportWhenPainted(): until the map has been painted (two animation frames
// after its script ran, or `latest_ms` at the latest, for a page in the background, where
// animation frames wait), each report is held, the latest replacing the one before; then the
// latest is sent. Later reports go as they come. Nothing happens outside streamlit-folium (a
// saved map has no window.Streamlit).
//
// Expects from Python (geo.webmap.view.ReportWhenPainted):
//     window.dcReportWhenPainted(<latest_ms>);

if (!window.dcReportWhenPainted) {
    window.dcReportWhenPainted = function (latestMs) {
        const host = window.Streamlit;
        if (!host || typeof host.setComponentValue !== "function" || host.dcHeld) return;
        const send = host.setComponentValue;
        let held = true;
        let latest;
        let waiting = false;
        host.dcHeld = true;
        host.setComponentValue = function (value) {
            if (!held) return send.call(host, value);
            latest = value;
            waiting = true;
        };
        const release = function () {
            if (!held) return;
            held = false;
            if (waiting) send.call(host, latest);
        };
        requestAnimationFrame(function () {
            requestAnimationFrame(function () {
                if (window.requestIdleCallback) window.requestIdleCallback(release, { timeout: latestMs });
                else setTimeout(release, 0);
            });
        });
        setTimeout(release, latestMs);
    };
}
