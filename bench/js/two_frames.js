// Returns a promise that resolves after two animation frames: what was drawn has been painted.
//
// No argument.
() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
