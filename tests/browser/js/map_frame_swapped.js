// Returns true once there is a single map frame, and inside it nothing matches `gone` while
// something still matches `kept` (a layer switched off, another still drawn).
//
// Argument: [frameSelector, gone, kept], three CSS selectors.
([frameSelector, gone, kept]) => {
    const frames = document.querySelectorAll(frameSelector);
    if (frames.length !== 1) return false;
    const doc = frames[0].contentDocument;
    return !!doc && doc.querySelectorAll(gone).length === 0 && doc.querySelectorAll(kept).length > 0;
}
