// The Streamlit page's own script (ui/page.py, mounted as an st.components.v2 component, which
// runs in the page itself, not in a frame):
// - names the map's frame for screen readers: aria-label, and aria-describedby pointing at the
//   map's description under it (WCAG 1.1.1);
// - names the file uploader's input in the reader's language (Streamlit says "file upload"), and
//   says Streamlit's keyboard link to the page's content ("Skip to main content") in it too;
// - says in the reader's language what Streamlit's own widgets say in English to a screen reader
//   (aria-label, title, placeholder, aria-roledescription: "Clear all", "Open", "Help for …",
//   the chart's "rect mark container", ui.page.STREAMLIT_WORDS);
// - on a phone, closes the sidebar once a choice is made in it (a switch, a radio button, an
//   option of a list), as Streamlit's own sidebar button would: Streamlit has no setting for it.
// Streamlit redraws its elements at every run, so the names are put back whenever the page changes.
//
// Expects from Python (ui.page.assist), as the component's data:
//     {map_label, description_id, upload_label, skip_label, words: {exact, prefix}, frame_selector, narrow_px}

const SIDEBAR = '[data-testid="stSidebar"]';
const CLOSE = '[data-testid="stSidebarCollapseButton"] button';

const SAID = ["aria-label", "title", "placeholder", "aria-roledescription"];

function ours(text, words) {
    if (Object.prototype.hasOwnProperty.call(words.exact, text)) return words.exact[text];
    for (const [english, mine] of words.prefix) {
        if (text.startsWith(english)) return mine + text.slice(english.length);
    }
    return null;
}

function translate(words) {
    if (!words || (!words.prefix.length && !Object.keys(words.exact).length)) return;
    for (const element of document.querySelectorAll("[aria-label], [title], [placeholder], [aria-roledescription]")) {
        for (const attribute of SAID) {
            const text = element.getAttribute(attribute);
            const mine = text ? ours(text, words) : null;
            if (mine !== null && mine !== text) element.setAttribute(attribute, mine);
        }
    }
}

function name(data) {
    for (const frame of document.querySelectorAll(data.frame_selector)) {
        if (frame.getAttribute("aria-label") !== data.map_label) frame.setAttribute("aria-label", data.map_label);
        if (frame.getAttribute("aria-describedby") !== data.description_id) {
            frame.setAttribute("aria-describedby", data.description_id);
        }
    }
    for (const input of document.querySelectorAll('[data-testid="stFileUploaderDropzoneInput"]')) {
        if (input.getAttribute("aria-label") !== data.upload_label) input.setAttribute("aria-label", data.upload_label);
    }
    const skip = document.querySelector('[data-testid="stSkipToContent"]');
    if (skip && skip.textContent !== data.skip_label) skip.textContent = data.skip_label;
    translate(data.words);
}

function closeSidebarOnPhone() {
    const state = window.dcPage;
    if (!state || !window.matchMedia("(max-width: " + state.narrow_px + "px)").matches) return;
    // After Streamlit has taken the choice (the widget's own handler runs first).
    window.setTimeout(function () {
        const button = document.querySelector(CLOSE);
        if (button) button.click();
    }, 100);
}

export default function (component) {
    window.dcPage = component.data;
    name(component.data);
    if (window.dcPageWatching) return;
    window.dcPageWatching = true;
    let pending = false;
    new MutationObserver(function () {
        if (pending) return;
        pending = true;
        window.requestAnimationFrame(function () {
            pending = false;
            name(window.dcPage);
        });
    }).observe(document.body, {childList: true, subtree: true});
    // A switch or a radio button of the sidebar (a click anywhere on its label: Streamlit's
    // widgets fire no "change" the page can see), or an option of one of its lists.
    document.addEventListener("click", function (event) {
        const target = event.target;
        if (!target.closest) return;
        const label = target.closest("label");
        const choice = label && label.querySelector('input[type="checkbox"], input[type="radio"]') && target.closest(SIDEBAR);
        const active = document.activeElement;
        const option = target.closest('[role="option"]') && active && active.closest && active.closest(SIDEBAR);
        if (choice || option) closeSidebarOnPhone();
    }, true);
}
