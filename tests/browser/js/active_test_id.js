// Returns the data-testid of the element that has the keyboard focus, or null.
//
// Argument: none.
() => (document.activeElement && document.activeElement.dataset.testid) || null
