// Returns whether the first elements matching two selectors overlap on screen, with both boxes.
//
// Argument: [first, second], two CSS selectors.
([first, second]) => {
    const a = document.querySelector(first), b = document.querySelector(second);
    if (!a || !b) return null;
    const r = a.getBoundingClientRect(), s = b.getBoundingClientRect();
    const overlap = r.left < s.right && s.left < r.right && r.top < s.bottom && s.top < r.bottom;
    const box = (q) => ({left: q.left, right: q.right, top: q.top, bottom: q.bottom});
    return {overlap, first: box(r), second: box(s)};
}
