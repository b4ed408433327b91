// Returns the rings of feature `index` of window.__dcLayer (see remember_canvas_layer.js), as
// its rings() gives them: arrays of [x, y] screen points, simplified for the zoom or in full.
//
// Argument: [index, simplified], a feature's index and a boolean.
([index, simplified]) => window.__dcLayer.rings(index, simplified)
