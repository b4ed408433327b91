// Returns every aria-label, title and placeholder of the page (not of its frames): what a screen
// reader says of Streamlit's widgets.
//
// Argument: none.
() => {
    const out = [];
    for (const e of document.querySelectorAll("[aria-label], [title], [placeholder]")) {
        for (const a of ["aria-label", "title", "placeholder"]) {
            const v = e.getAttribute(a);
            if (v) out.push(v);
        }
    }
    return out;
}
