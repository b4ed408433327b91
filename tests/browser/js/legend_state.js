// Returns the map legend's state: its button's aria-expanded, whether its body is shown, the
// legend's height in pixels, and each layer name it lists.
//
// No argument.
() => {
    const legend = document.querySelector(".dc-legend");
    if (!legend) return null;
    const button = legend.querySelector("button");
    const body = legend.querySelector(".dc-legend-body");
    return {
        expanded: button ? button.getAttribute("aria-expanded") : null,
        shown: !!body && body.offsetParent !== null,
        height: legend.getBoundingClientRect().height,
        layers: Array.from(legend.querySelectorAll(".dc-legend-layer-name")).map((e) => e.textContent),
    };
}
