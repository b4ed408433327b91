// Returns how many values the host had received once the map has reported `values`, one after
// another, in one go (as streamlit-folium reports its view).
//
// Argument: values, a list of objects.
(values) => {
    for (const value of values) window.Streamlit.setComponentValue(value);
    return window.__sent.length;
}
