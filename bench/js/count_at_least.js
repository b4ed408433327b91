// Returns true once at least `count` elements of the page match `selector` (markers or paths
// drawn by Leaflet).
//
// Argument: [selector, count], a CSS selector and a number.
([selector, count]) => document.querySelectorAll(selector).length >= count
