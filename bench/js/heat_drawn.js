// Returns true once a Leaflet.heat layer of the page is on its map and drawn (no redraw pending):
// ours (js/heatlayer.js) or folium's HeatMap plugin alike.
//
// No argument.
() => Object.values(window).some((v) => v && v._heat && v._map && !v._frame)
