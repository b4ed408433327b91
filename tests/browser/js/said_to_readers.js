// Returns every aria-label, title, placeholder and aria-roledescription of the page (not of its
// frames): what a screen reader says of Streamlit's widgets and charts.
//
// Argument: none.
() => {
    const out = [];
    for (const e of document.querySelectorAll("[aria-label], [title], [placeholder], [aria-roledescription]")) {
        for (const a of ["aria-label", "title", "placeholder", "aria-roledescription"]) {
            const v = e.getAttribute(a);
            if (v) out.push(v);
        }
    }
    return out;
}
