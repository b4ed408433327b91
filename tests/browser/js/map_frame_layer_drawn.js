// Returns how many features of a small layer are drawn in the map frame: shapes on the map whose
// element is in the page and not hidden by the "as of" month (featureinfo.js keeps each feature's
// shape in window.dcFeatureInfo[layerId].info.shapes); null when the layer is not on the map.
//
// Argument: [frameSelector, layerId].
([frameSelector, layerId]) => {
    const w = document.querySelector(frameSelector).contentWindow;
    const known = (w.dcFeatureInfo || {})[layerId];
    if (!known) return null;
    let n = 0;
    for (const shape of known.info.shapes) {
        const el = shape && shape._map && shape.getElement && shape.getElement();
        if (el && el.isConnected && el.style.display !== "none") n++;
    }
    return n;
}
