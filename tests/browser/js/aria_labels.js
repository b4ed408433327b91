// Returns the aria-label of each element given (Playwright's evaluate_all): what a screen reader
// says of each chosen value of a multiselect, for instance.
//
// Argument: none (the elements).
(elements) => elements.map((e) => e.getAttribute("aria-label"))
