// Returns the first element matching `selector`: its width and height in pixels and its line height.
//
// Argument: selector, a CSS selector.
(selector) => {
    const e = document.querySelector(selector);
    if (!e) return null;
    const box = e.getBoundingClientRect();
    return {width: box.width, height: box.height, line: parseFloat(getComputedStyle(e).lineHeight)};
}
