// Returns nothing: keeps the page's canvas layer (the one Leaflet layer with drawn() and a map)
// as window.__dcLayer, for the plain expressions and the other snippets that read it.
//
// No argument.
() => {
    window.__dcLayer = Object.values(window).find((v) => v && v.drawn && v._map);
}
