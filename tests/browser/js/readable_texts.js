// Returns what a reader meets in this document: the visible text, then the titles and ARIA labels
// of the map's controls (what a screen reader says for the zoom buttons, the layer switcher, the
// legend button), joined by newlines.
//
// Argument: selector, the elements whose title and aria-label count (e.g. the map's controls).
(selector) => [
    document.body.innerText,
    ...Array.from(document.querySelectorAll(selector)).flatMap((e) => [e.title || "", e.getAttribute("aria-label") || ""]),
].join("\n")
