// Returns whether the overlay named `name` in the map's own layer control is now on: clicks its
// box in the control (as a person ticking it would; the control may be folded).
//
// Argument: [frameSelector, name].
([frameSelector, name]) => {
    const doc = document.querySelector(frameSelector).contentDocument;
    for (const label of doc.querySelectorAll(".leaflet-control-layers-overlays label")) {
        if (label.textContent.trim() === name) {
            const input = label.querySelector("input");
            input.click();
            return input.checked;
        }
    }
    throw new Error("no overlay named " + name);
}
