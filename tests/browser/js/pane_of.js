// Returns the class of the map pane holding the first element matching `selector`, or null.
//
// Argument: selector, a CSS selector.
(selector) => {
    const e = document.querySelector(selector);
    const pane = e && e.closest(".leaflet-pane");
    return pane ? pane.className : null;
}
