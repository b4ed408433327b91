// Returns nothing: runs what the map's script runs (geo.webmap.view.ReportWhenPainted), which
// holds the map's reports until it has been painted.
//
// Argument: latest_ms, a number (the longest a report is held).
(latestMs) => {
    window.dcReportWhenPainted(latestMs);
}
