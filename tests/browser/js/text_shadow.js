// Returns the computed text-shadow of the element given (Playwright's evaluate): a name's halo.
//
// Argument: none (the element).
(element) => getComputedStyle(element).textShadow
