// Returns what has the keyboard focus in this document: its tag, class, role, aria-expanded, the
// text of its <label> (a layer switch's name), its own text, and its outline width (focus visible).
//
// No argument.
() => {
    const e = document.activeElement;
    if (!e) return null;
    const label = e.closest("label");
    const style = getComputedStyle(e);
    return {
        tag: e.tagName.toLowerCase(),
        cls: typeof e.className === "string" ? e.className : "",
        role: e.getAttribute("role"),
        expanded: e.getAttribute("aria-expanded"),
        label: label ? label.textContent.trim() : "",
        text: (e.textContent || "").trim().slice(0, 80),
        outline: style.outlineStyle === "none" ? 0 : parseFloat(style.outlineWidth) || 0,
    };
}
