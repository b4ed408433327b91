// Returns when the frame first held at least `shapes` drawn shapes and had painted them, by the
// browser's clock (epoch milliseconds, from bench/init/drawn_clock.js), or null until then.
//
// Argument: shapes, a number.
(shapes) => {
    const note = (window.__dcShapeClock || []).find((n) => n.count >= shapes);
    return note && note.painted !== null ? note.painted : null;
}
