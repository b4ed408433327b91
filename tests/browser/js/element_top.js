// Returns the first element matching `selector`: its top and its height in page pixels (the
// page's scroll added), or null if there is none.
//
// Argument: selector, a CSS selector.
(selector) => {
    const e = document.querySelector(selector);
    if (!e) return null;
    const box = e.getBoundingClientRect();
    return { top: Math.round(box.top + window.scrollY), height: Math.round(box.height) };
}
