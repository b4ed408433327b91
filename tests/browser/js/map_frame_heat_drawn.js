// Returns the heat layer's record ({points, weighted, draws, drawnAt}: js/heatlayer.js) once a heat
// layer of at least `points` points has been drawn on a map in the map frame, else null.
//
// Argument: [frameSelector, points].
([frameSelector, points]) => {
    const w = document.querySelector(frameSelector).contentWindow;
    if (!w) {
        return null;
    }
    const layer = Object.values(w).find((v) => v && v.dcHeat && v._map && v.dcHeat.drawnAt !== null);
    return layer && layer.dcHeat.points >= points ? layer.dcHeat : null;
}
