// Returns how many features the page draws: on the canvas layers, what their last draw did
// (layer.drawn().features, geo/webmap/js/canvaslayer.js), plus the small layers' shapes that are
// on the page and not hidden by the time filter (geo/webmap/js/timefilter.js).
//
// No argument.
() => {
    let count = 0;
    for (const participant of window.dcTimed) {
        if (participant.drawn) {
            count += participant.drawn().features;
        } else if (participant.info) {
            for (const shape of participant.info.shapes) {
                const el = shape && shape.getElement();
                if (el && el.isConnected && el.style.display !== "none") count++;
            }
        }
    }
    return count;
}
