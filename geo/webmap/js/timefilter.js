// The one "as of" control for every layer: shows each layer as it was in a month, in the page,
// without building the map again.
//
// Every timed layer carries its features' periods (`time`: from, to, dated; see below). A call of
// window.dcSetAsOf(state) shows, in every timed layer, only the features whose period overlaps
// the month, shows the undated ones marked (grey dashed outline, "undated" in their info box) or
// hides them, and tells the legend. Nothing is rebuilt: small layers' shapes are shown or hidden
// where they are (so the order of the layers on the map stays), the canvas layers redraw.
//
// Defines, once per page:
// - window.dcTimed: the participants, each an object with asOf(state) (timed small layers, canvas
//   layers, the legend); they add themselves, in any order, and get the last state if one came;
// - window.dcTimeMarks(time, state, marks): each feature's mark, 0 (not drawn), 1 (drawn) or 2
//   (drawn marked as undated), written into `marks` (a Uint8Array); returns how many changed;
// - window.dcTimedGeoJson(group, layerId): registers a small layer (folium.GeoJson) whose
//   features were bound by featureinfo.js;
// - window.dcSetAsOf(state).
//
// Expects from Python (geo.webmap.timefilter): this file inlined once, before the layers
// (TimeFilter); `time` = {from: [...], to: [...], dated: [...]}, one number per feature:
// the period [from, to) in days since 1970-01-01 (open ends beyond any date), dated 0 or 1;
// after each timed small layer (TimedGeoJson):
//     window.dcTimedGeoJson(<GeoJson variable>, <layer id as JSON>);
// and, in the element streamlit-folium adds to the live map (AsOf), or from a test:
//     window.dcSetAsOf({month, start, end, undated, heading});
// month "YYYY-MM" or null (every period: everything drawn, nothing marked); start, end: the
// month's first day and the next month's first day, in days since 1970-01-01; undated "show" or
// "hide"; heading: the legend's "as of <month>" line, as text.

window.dcTimed = window.dcTimed || [];

if (!window.dcSetAsOf) {
    // One loop over plain arrays, no call per feature: a step over 100,000 features costs a few ms.
    window.dcTimeMarks = function (time, state, marks) {
        const n = marks.length;
        let changed = 0;
        if (!state || !state.month) {
            for (let f = 0; f < n; f++) if (marks[f] !== 1) { marks[f] = 1; changed++; }
            return changed;
        }
        const from = time.from, to = time.to, dated = time.dated, start = state.start, end = state.end;
        const undated = state.undated === "hide" ? 0 : 2;
        for (let f = 0; f < n; f++) {
            const mark = !dated[f] ? undated : (from[f] < end && to[f] > start ? 1 : 0);
            if (mark !== marks[f]) { marks[f] = mark; changed++; }
        }
        return changed;
    };

    // Undated features when shown: a grey dashed outline (their fill, if any, kept).
    window.dcUndatedStyle = {color: "#6b6b6b", dashArray: "3 5", opacity: 1};

    window.dcTimedGeoJson = function (group, layerId) {
        const info = window.dcFeatureInfo[layerId].info;
        const time = info.time;
        info.marks = new Uint8Array(time.dated.length).fill(1);
        // A shape's element is made again whenever its layer is switched back on: apply its state then.
        function apply(layer) {
            const el = layer.getElement && layer.getElement();
            if (!el) return;
            const mark = info.marks[layer.feature.id];
            el.style.display = mark === 0 ? "none" : "";
            el.classList.toggle("dc-undated", mark === 2);
        }
        const shapes = info.shapes || [];
        for (const layer of shapes) if (layer) layer.on("add", function () { apply(layer); });
        const next = new Uint8Array(info.marks.length).fill(1);
        window.dcTimed.push({
            layerId: layerId,
            info: info,
            group: group,
            asOf: function (state) {
                if (!window.dcTimeMarks(time, state, next)) return;
                for (let f = 0; f < shapes.length; f++) {
                    const layer = shapes[f], mark = next[f], was = info.marks[f];
                    if (mark === was) continue;
                    info.marks[f] = mark;
                    if (!layer) continue;  // a feature without geometry has no shape
                    if (mark === 2) layer.setStyle(window.dcUndatedStyle);
                    else if (was === 2) group.resetStyle(layer);
                    if (mark === 0 && layer.isTooltipOpen && layer.isTooltipOpen()) layer.closeTooltip();
                    apply(layer);
                }
            },
        });
        if (window.dcAsOf) window.dcTimed[window.dcTimed.length - 1].asOf(window.dcAsOf);
    };

    window.dcSetAsOf = function (state) {
        window.dcAsOf = state;
        for (const participant of window.dcTimed) participant.asOf(state);
    };
}
