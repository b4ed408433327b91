// The map's panes, bottom to top: the bundled layers (Leaflet's overlayPane, z 400), the user's
// own layers above them (SVG and canvas alike), then the place names above every layer, below
// tooltips and popups (650, 700).
//
// Defines window.dcPanes(map, panes).
//
// Expects from Python (geo.webmap.view.Panes):
//     window.dcPanes(<map variable>, <[[name, zIndex], ...] as JSON>);

if (!window.dcPanes) {
    window.dcPanes = function (map, panes) {
        for (const [name, zIndex] of panes) {
            const pane = map.getPane(name) || map.createPane(name);
            pane.style.zIndex = String(zIndex);
        }
    };
}
