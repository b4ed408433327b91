// Returns whether the overlay named `name` is ticked in the map's own layer control (null when
// the control has no such overlay).
//
// Argument: [frameSelector, name].
([frameSelector, name]) => {
    const doc = document.querySelector(frameSelector).contentDocument;
    for (const label of doc.querySelectorAll(".leaflet-control-layers-overlays label")) {
        if (label.textContent.trim() === name) return label.querySelector("input").checked;
    }
    return null;
}
