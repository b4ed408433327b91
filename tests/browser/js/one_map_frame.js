// Returns true once the page holds exactly one element matching `selector`: the map's frame,
// after Streamlit has dropped the old map of a rerun.
//
// Argument: selector, the map frame's CSS selector.
(selector) => document.querySelectorAll(selector).length === 1
