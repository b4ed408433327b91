// Returns how many values the host had received right after the map's script ran: it holds the
// map's reports until the map has been painted (geo.webmap.view.ReportWhenPainted, as the map's
// script runs it), then reports `values` one after another at once, as streamlit-folium does
// when the script ends. Both in one task, so no frame can be painted in between.
//
// Argument: [latest_ms, values], the longest a report is held and a list of objects.
([latestMs, values]) => {
    window.dcReportWhenPainted(latestMs);
    for (const value of values) window.Streamlit.setComponentValue(value);
    return (window.__sent || []).length;
}
