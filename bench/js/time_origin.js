// Returns when the page's navigation started, by the browser's clock (epoch milliseconds:
// performance.timeOrigin).
//
// No argument.
() => performance.timeOrigin
