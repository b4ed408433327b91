// Returns the map frame's text alternative as the page gives it: the frame's aria-label, and the
// text of the element its aria-describedby names (null when either is missing).
//
// Argument: selector, the map frame's CSS selector.
(selector) => {
    const frame = document.querySelector(selector);
    if (!frame) return null;
    const id = frame.getAttribute("aria-describedby");
    const described = id ? document.getElementById(id) : null;
    return {label: frame.getAttribute("aria-label"), description: described ? described.textContent : null};
}
