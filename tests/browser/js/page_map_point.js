// Returns where [lat, lon] lies on the page's folium map, in page pixels, and the pane of what is
// drawn there on top (what a click at that point reaches).
//
// Argument: [lat, lon].
([lat, lon]) => {
    const map = Object.keys(window).map((k) => window[k]).find((v) => v instanceof L.Map);
    const p = map.latLngToContainerPoint([lat, lon]);
    const box = map.getContainer().getBoundingClientRect();
    const x = box.left + p.x, y = box.top + p.y;
    const top = document.elementFromPoint(x, y);
    const pane = top && top.closest(".leaflet-pane:not(.leaflet-map-pane)");
    return {x, y, pane: pane ? pane.className : null, tag: top ? top.tagName : null};
}
