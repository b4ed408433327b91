// Returns what the file uploader says: its visible text, the text our stylesheet shows in place
// of Streamlit's on its button and under it (CSS generated content), and its input's aria-label.
//
// No argument.
() => {
    const zone = document.querySelector('[data-testid="stFileUploaderDropzone"]');
    if (!zone) return null;
    const after = (selector) => {
        const e = zone.querySelector(selector);
        const content = e ? getComputedStyle(e, "::after").content : "none";
        return content === "none" ? "" : JSON.parse(content);
    };
    const input = zone.querySelector("input");
    return {
        visible: zone.innerText,
        button: after("button > div > span"),
        limit: after('[data-testid="stFileUploaderDropzoneInstructions"] > div'),
        input: input ? input.getAttribute("aria-label") : null,
    };
}
