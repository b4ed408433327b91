// Returns nothing: from now on the page runs no animation frame, as a page in a background tab.
//
// No argument.
() => {
    window.requestAnimationFrame = () => 0;
}
