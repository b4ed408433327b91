// Returns true once the sidebar is as wanted: open (on screen, some width) or closed.
//
// Argument: [selector, open], the sidebar's CSS selector and whether it should be open.
([selector, open]) => {
    const bar = document.querySelector(selector);
    if (!bar) return !open;
    const box = bar.getBoundingClientRect();
    const shown = box.width > 50 && box.right > 50;
    return shown === open;
}
