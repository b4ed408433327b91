// Returns true once there is a single map frame and exactly one element inside it matches
// `selector` (an uploaded layer's one shape).
//
// Argument: [frameSelector, selector], two CSS selectors.
([frameSelector, selector]) => {
    const frames = document.querySelectorAll(frameSelector);
    return frames.length === 1 && frames[0].contentDocument
        && frames[0].contentDocument.querySelectorAll(selector).length === 1;
}
