// Returns nothing: installs a stand-in for streamlit-folium's host (window.Streamlit) that notes
// each value the map sends, with how many animation frames the page had run by then, in
// window.__sent as [value, frames]; and counts the animation frames from now on.
//
// No argument.
() => {
    window.__frames = 0;
    const tick = () => {
        window.__frames += 1;
        requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    window.__sent = [];
    window.Streamlit = { setComponentValue: (value) => window.__sent.push([value, window.__frames]) };
}
