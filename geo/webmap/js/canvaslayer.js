// The canvas layer that draws prepared big layers (geo/webmap/compact.py) in Leaflet.
//
// One <canvas> per layer, redrawn on every move: no DOM element per feature.
// - Vertices are decoded once into Web Mercator pixels at zoom 0; a zoom only scales them.
// - At each zoom every ring is simplified by Douglas-Peucker to one screen pixel (kept for the
//   last few zooms), so a far view strokes a fraction of the vertices and nothing drawn strays
//   more than a pixel from its feature.
// - Paths are stroked in chunks of about 2,000 segments: a software canvas strokes many short
//   paths far faster than one huge one.
// - A line or polygon smaller than a pixel at the zoom is drawn as a dot, never left out.
// - Points beyond settings.cluster_min in view are grouped in 40-pixel cells, each group drawn
//   with its count, and a note on the map says how many points are grouped.
// - Clicking a feature opens its attributes (as text, never HTML; window.dcInfoBox).
// - A layer whose features carry periods (data.time) takes part in the "as of" control
//   (timefilter.js): asOf(state) marks each feature drawn, drawn as undated (grey, dashed) or not
//   drawn, and redraws; nothing else is decoded or prepared again.
//
// Defines window.dcCanvasLayer, a function of (text, settings) that returns a Leaflet layer.
// Tests read what the layer's last draw did from layer.drawn() and a feature's rings from
// layer.rings(f, simplified); window.__dcDrawn counts the draws of all canvas layers.
//
// Expects from Python (geo.webmap.canvas.CanvasLayer), after infobox.js: a call with `text`, the
// prepared layer (Prepared.payload, one JSON string literal holding the layer's JSON), and
// `settings`, JSON {"cluster_min": <int>, "pane": <pane name or null>}; CanvasLayer adds the layer returned to the map.
// data.time, when the layer has dated features: {from, to, dated}, each packed like the other
// integer arrays (one number per feature; timefilter.js says what they are), and
// data.undated_note, the line a popup adds for a feature drawn as undated.

if (!window.dcCanvasLayer) {
    window.dcCanvasLayer = function (text, settings) {
        const data = JSON.parse(text);
        const CLUSTER_MIN = settings.cluster_min, CELL = 40;
        function varints(b64, count) {
            const text = atob(b64), bytes = new Uint8Array(text.length);
            for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
            const out = new Float64Array(count);
            let at = 0;
            for (let i = 0; i < count; i++) {
                let result = 0, shift = 1, b;
                do {
                    b = bytes[at++];
                    result += (b & 127) * shift;
                    shift *= 128;
                } while (b & 128);
                out[i] = (result % 2) ? -(result + 1) / 2 : result / 2;
            }
            return out;
        }
        function unpack(p) { return varints(p.b64, p.n); }
        data.counts = unpack(data.counts);
        data.features = unpack(data.features);
        data.style = unpack(data.style);
        if (data.rings) data.rings = unpack(data.rings);
        const time = data.time ? {from: unpack(data.time.from), to: unpack(data.time.to), dated: unpack(data.time.dated)} : null;
        for (const field in data.columns) {
            const c = data.columns[field];
            if (c.i) c.i = unpack(c.i);
        }
        const scale = data.scale, n = data.features.length, m = data.n_xy / 2;
        // Vertices are kept in Web Mercator pixels at zoom 0 (x0, y0): a zoom only scales them,
        // so nothing is projected again when the map zooms.
        const deltas = varints(data.xy, data.n_xy);
        const x0 = new Float64Array(m), y0 = new Float64Array(m);
        let x = data.origin[0], y = data.origin[1];
        for (let i = 0; i < m; i++) {
            x += deltas[2 * i]; y += deltas[2 * i + 1];
            const lat = Math.max(-85.05113, Math.min(85.05113, y / scale)), sin = Math.sin(lat * Math.PI / 180);
            x0[i] = (x / scale + 180) / 360 * 256;
            y0[i] = (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * 256;
        }
        const polygon = data.kind === "Polygon", point = data.kind === "Point";
        const rings = data.counts.length, ringStart = new Int32Array(rings + 1);
        let longest = 2;
        for (let i = 0; i < rings; i++) {
            ringStart[i + 1] = ringStart[i] + data.counts[i];
            if (data.counts[i] > longest) longest = data.counts[i];
        }
        const partRings = polygon ? data.rings : null;
        const partRingStart = new Int32Array((polygon ? partRings.length : rings) + 1);
        for (let i = 0; i < partRingStart.length - 1; i++) {
            partRingStart[i + 1] = partRingStart[i] + (polygon ? partRings[i] : 1);
        }
        const featurePartStart = new Int32Array(n + 1);
        for (let i = 0; i < n; i++) featurePartStart[i + 1] = featurePartStart[i] + data.features[i];
        function first(f) { return ringStart[partRingStart[featurePartStart[f]]]; }
        function end(f) { return ringStart[partRingStart[featurePartStart[f + 1]]]; }
        const box = new Float64Array(4 * n);  // zoom-0 pixels: left, top, right, bottom
        for (let f = 0; f < n; f++) {
            let a = Infinity, b = Infinity, c = -Infinity, d = -Infinity;
            for (let v = first(f); v < end(f); v++) {
                if (x0[v] < a) a = x0[v];
                if (y0[v] < b) b = y0[v];
                if (x0[v] > c) c = x0[v];
                if (y0[v] > d) d = y0[v];
            }
            box[4 * f] = a; box[4 * f + 1] = b; box[4 * f + 2] = c; box[4 * f + 3] = d;
        }

        // What is drawn at a zoom: each ring simplified by Douglas-Peucker to one screen pixel,
        // so a far view strokes a fraction of the vertices and no drawn line strays from its
        // feature by more than a pixel (Leaflet does as much for its own paths, with a radial
        // pass first that can add a second pixel). A ring is simplified the first time it is
        // drawn at a zoom (so a close view costs only what is in view) and kept, for the last
        // few zooms seen.
        const simplified = new Map();
        const mark = new Uint8Array(longest), stack = new Int32Array(2 * longest + 2);
        function levelAt(zoom) {
            let level = simplified.get(zoom);
            if (!level) {
                const tol = Math.pow(2, -zoom);  // one screen pixel, in zoom-0 pixels
                level = {sq: tol * tol, start: new Int32Array(rings).fill(-1), end: new Int32Array(rings),
                         keep: new Int32Array(Math.max(1024, m >> 3)), used: 0};
                simplified.set(zoom, level);
                if (simplified.size > 4) simplified.delete(simplified.keys().next().value);
            }
            return level;
        }
        function simplifyRing(level, r) {
            if (level.start[r] >= 0) return;
            const a = ringStart[r], b = ringStart[r + 1], sq = level.sq;
            if (level.used + (b - a) > level.keep.length) {
                const grown = new Int32Array(Math.max(2 * level.keep.length, level.used + (b - a)));
                grown.set(level.keep.subarray(0, level.used));
                level.keep = grown;
            }
            const keep = level.keep;
            let k = level.used;
            level.start[r] = k;
            if (b - a <= 2 || point) {
                for (let v = a; v < b; v++) keep[k++] = v;
            } else {
                mark.fill(0, 0, b - a); mark[0] = 1; mark[b - a - 1] = 1;
                let sp = 0;
                stack[sp++] = a; stack[sp++] = b - 1;
                while (sp > 0) {
                    const last = stack[--sp], head = stack[--sp];
                    const ax = x0[head], ay = y0[head], ex = x0[last] - ax, ey = y0[last] - ay, len = ex * ex + ey * ey;
                    let worst = 0, at = -1;
                    for (let v = head + 1; v < last; v++) {
                        let qx = x0[v] - ax, qy = y0[v] - ay;
                        if (len > 0) {
                            const t = Math.max(0, Math.min(1, (qx * ex + qy * ey) / len));
                            qx -= t * ex; qy -= t * ey;
                        }
                        const d = qx * qx + qy * qy;
                        if (d > worst) { worst = d; at = v; }
                    }
                    if (worst > sq) {
                        mark[at - a] = 1;
                        stack[sp++] = head; stack[sp++] = at;
                        stack[sp++] = at; stack[sp++] = last;
                    }
                }
                for (let v = a; v < b; v++) if (mark[v - a]) keep[k++] = v;
            }
            level.end[r] = k;
            level.used = k;
        }
        let clusters = [], singles = [];
        // Per feature: 0 not drawn, 1 drawn, 2 drawn marked as undated (timefilter.js). The undated
        // look is one more style, after the layer's own.
        const marks = new Uint8Array(n).fill(1);
        const UNDATED = data.styles.length;
        data.styles.push({color: "#6b6b6b", opacity: 1, weight: 2, dashArray: "3 5", fillColor: "#9e9e9e",
                          fillOpacity: polygon ? 0.1 : (point ? 0.5 : 0)});
        function styleOf(f) { return marks[f] === 2 ? UNDATED : data.style[f]; }

        function mix(hex, alpha) {
            const c = parseInt(hex.slice(1), 16), w = 255 * (1 - alpha);
            const r = Math.round(((c >> 16) & 255) * alpha + w);
            const g = Math.round(((c >> 8) & 255) * alpha + w);
            const b = Math.round((c & 255) * alpha + w);
            return "rgb(" + r + "," + g + "," + b + ")";
        }

        function value(field, f) {
            const column = data.columns[field];
            if ("c" in column) return column.c;
            if (column.all) return column.all[f];
            const k = column.i[f];
            return k < 0 ? null : column.v[k];
        }

        function render(f) {
            const box = window.dcInfoBox(data.title, data.fields, data.labels, data.values, function (field) {
                return value(field, f);
            });
            if (marks[f] === 2) {
                const note = document.createElement("div");
                note.className = "dc-info-undated";
                note.textContent = data.undated_note;
                box.appendChild(note);
            }
            return box;
        }

        const Layer = L.Layer.extend({
            onAdd: function (map) {
                this._canvas = L.DomUtil.create("canvas", "leaflet-zoom-hide dc-canvas");
                this._canvas.style.pointerEvents = "none";
                // The user's layers have their own pane, above the bundled ones (js/panes.js).
                const pane = (settings.pane && map.getPane(settings.pane)) || map.getPanes().overlayPane;
                pane.appendChild(this._canvas);
                this._note = L.control({position: "bottomleft"});
                this._note.onAdd = () => {
                    const d = L.DomUtil.create("div", "dc-cluster-note leaflet-bar");
                    d.style.cssText = "background:#fff;padding:3px 6px;font:11px system-ui,sans-serif;display:none";
                    return d;
                };
                this._note.addTo(map);
                map.on("moveend zoomend resize", this._schedule, this);
                // Clicks are taken from the map's element (capture phase), not from Leaflet: Leaflet
                // gives a click to the top interactive SVG shape (a province, a patrol zone) and never
                // to the map, so a point drawn on this canvas over land could not be clicked.
                this._onDomClick = (ev) => {
                    if (!this._map || (this._map.dragging && this._map.dragging.moved())) return;
                    const containerPoint = this._map.mouseEventToContainerPoint(ev);
                    const latlng = this._map.containerPointToLatLng(containerPoint);
                    const open = this._click({containerPoint: containerPoint, latlng: latlng});
                    if (!open) return;
                    ev._dcHandled = true;  // the shapes below leave this click to us
                    // After Leaflet has handled the click (it closes popups on every click).
                    setTimeout(() => { if (this._map) open.openOn(this._map); }, 0);
                };
                map.getContainer().addEventListener("click", this._onDomClick, true);
                this._schedule();
            },
            onRemove: function (map) {
                L.DomUtil.remove(this._canvas);
                this._note.remove();
                map.off("moveend zoomend resize", this._schedule, this);
                map.getContainer().removeEventListener("click", this._onDomClick, true);
            },
            _schedule: function () {
                // One draw per frame, however many events came (adding the layer, then
                // fitting the view, would otherwise project and draw everything twice).
                if (this._pending) return;
                this._pending = true;
                L.Util.requestAnimFrame(() => { this._pending = false; if (this._map) this._redraw(); });
            },
            _redraw: function () {
                const map = this._map, size = map.getSize(), ratio = window.devicePixelRatio || 1;
                const topLeft = map.containerPointToLayerPoint([0, 0]);
                L.DomUtil.setPosition(this._canvas, topLeft);
                const ctx = this._canvas.getContext("2d");
                // A new backing store only when the size changes; otherwise the same one, cleared.
                if (this._canvas.width !== size.x * ratio || this._canvas.height !== size.y * ratio) {
                    this._canvas.width = size.x * ratio; this._canvas.height = size.y * ratio;
                    this._canvas.style.width = size.x + "px"; this._canvas.style.height = size.y + "px";
                } else {
                    ctx.setTransform(1, 0, 0, 1, 0, 0);
                    ctx.clearRect(0, 0, this._canvas.width, this._canvas.height);
                }
                ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
                const zoom = map.getZoom(), s = Math.pow(2, zoom), origin = map.getPixelOrigin();
                this._s = s; this._ox = origin.x + topLeft.x; this._oy = origin.y + topLeft.y;
                const w = this._ox / s, t = this._oy / s, e = (this._ox + size.x) / s, b = (this._oy + size.y) / s;
                const visible = [];
                for (let f = 0; f < n; f++) {
                    if (data.features[f] === 0 || marks[f] === 0) continue;
                    if (box[4 * f + 2] < w || box[4 * f] > e || box[4 * f + 3] < t || box[4 * f + 1] > b) continue;
                    visible.push(f);
                }
                this._visible = visible;
                if (point) this._drawPoints(ctx, visible); else this._drawPaths(ctx, visible, levelAt(zoom));
                window.__dcDrawn = (window.__dcDrawn || 0) + 1;
            },
            _drawPaths: function (ctx, visible, level) {
                const ox = this._ox, oy = this._oy, s = this._s;
                let vertices = 0, dots = 0, painted = 0;
                for (let st = 0; st < data.styles.length; st++) {
                    const style = data.styles[st], fill = polygon && style.fillOpacity > 0;
                    const spots = [];
                    let pending = 0;
                    const paint = () => {
                        if (fill) { ctx.globalAlpha = style.fillOpacity; ctx.fill("evenodd"); ctx.globalAlpha = 1; }
                        ctx.stroke();
                        ctx.beginPath();
                        vertices += pending; pending = 0;
                    };
                    ctx.fillStyle = style.fillColor;
                    // Strokes stay at full alpha: a translucent stroke makes the canvas composite
                    // the path as a layer; a path's opacity is mixed into its colour instead.
                    ctx.strokeStyle = mix(style.color, style.opacity);
                    ctx.lineWidth = style.weight;
                    ctx.setLineDash(style.dashArray ? style.dashArray.split(" ").map(Number) : []);
                    ctx.beginPath();
                    for (const f of visible) {
                        if (styleOf(f) !== st) continue;
                        let shown = false;
                        for (let p = featurePartStart[f]; p < featurePartStart[f + 1]; p++) {
                            for (let r = partRingStart[p]; r < partRingStart[p + 1]; r++) {
                                simplifyRing(level, r);
                                const keep = level.keep, a = level.start[r], z = level.end[r];
                                if (z - a < 1) continue;
                                const hx = x0[keep[a]] * s - ox, hy = y0[keep[a]] * s - oy;
                                // Smaller than a pixel at this zoom: drawn as a dot, never left out.
                                const tx = x0[keep[z - 1]] * s - ox, ty = y0[keep[z - 1]] * s - oy;
                                if ((polygon && z - a < 4) || (z - a <= 2 && Math.abs(tx - hx) < 1 && Math.abs(ty - hy) < 1)) {
                                    if (r === partRingStart[p]) { spots.push(hx, hy); shown = true; }
                                    continue;
                                }
                                ctx.moveTo(hx, hy);
                                for (let i = a + 1; i < z; i++) ctx.lineTo(x0[keep[i]] * s - ox, y0[keep[i]] * s - oy);
                                if (polygon) ctx.closePath();
                                pending += z - a;
                                shown = true;
                            }
                        }
                        if (shown) painted++;
                        // A few thousand segments per stroke: the canvas strokes many short paths
                        // far faster than one huge one.
                        if (pending > 2000) paint();
                    }
                    if (pending) paint();
                    if (spots.length) {
                        const d = Math.max(2, style.weight);
                        ctx.fillStyle = ctx.strokeStyle;
                        for (let i = 0; i < spots.length; i += 2) ctx.fillRect(spots[i] - d / 2, spots[i + 1] - d / 2, d, d);
                        dots += spots.length / 2;
                    }
                }
                ctx.setLineDash([]);
                this._drawn = {features: visible.length, painted: painted, vertices: vertices, dots: dots};
                this._note.getContainer().style.display = "none";
            },
            _drawPoints: function (ctx, visible) {
                const ox = this._ox, oy = this._oy, s = this._s, radius = data.radius;
                clusters = []; singles = [];
                if (visible.length > CLUSTER_MIN) {
                    const cells = new Map();
                    for (const f of visible) {
                        for (let v = first(f); v < end(f); v++) {
                            const cx = x0[v] * s - ox, cy = y0[v] * s - oy;
                            const key = Math.floor(cx / CELL) * 100003 + Math.floor(cy / CELL);
                            let cell = cells.get(key);
                            if (!cell) {
                                cell = {x: 0, y: 0, count: 0, first: f, style: styleOf(f)};
                                cells.set(key, cell);
                            }
                            cell.x += cx; cell.y += cy; cell.count += 1;
                        }
                    }
                    for (const cell of cells.values()) {
                        if (cell.count === 1) {
                            singles.push(cell.first);
                        } else {
                            clusters.push({x: cell.x / cell.count, y: cell.y / cell.count, count: cell.count, style: cell.style});
                        }
                    }
                } else {
                    singles = visible;
                }
                for (const f of singles) {
                    const style = data.styles[styleOf(f)];
                    ctx.setLineDash(style.dashArray ? style.dashArray.split(" ").map(Number) : []);
                    for (let v = first(f); v < end(f); v++) {
                        ctx.beginPath(); ctx.arc(x0[v] * s - ox, y0[v] * s - oy, radius, 0, 2 * Math.PI);
                        ctx.globalAlpha = Math.max(style.fillOpacity, 0.6); ctx.fillStyle = style.fillColor; ctx.fill();
                        ctx.globalAlpha = 1; ctx.strokeStyle = style.color; ctx.lineWidth = 1; ctx.stroke();
                    }
                }
                ctx.setLineDash([]);
                ctx.font = "bold 11px system-ui, sans-serif"; ctx.textAlign = "center"; ctx.textBaseline = "middle";
                for (const c of clusters) {
                    const style = data.styles[c.style], r = radius + 4 + 3 * Math.log10(c.count);
                    c.r = r;
                    ctx.beginPath(); ctx.arc(c.x, c.y, r, 0, 2 * Math.PI);
                    ctx.globalAlpha = 0.75; ctx.fillStyle = style.fillColor; ctx.fill();
                    ctx.globalAlpha = 1; ctx.strokeStyle = "#fff"; ctx.lineWidth = 2; ctx.stroke();
                    ctx.fillStyle = "#fff"; ctx.fillText(String(c.count), c.x, c.y);
                }
                const note = this._note.getContainer();
                if (clusters.length) {
                    const grouped = clusters.reduce((a, c) => a + c.count, 0);
                    note.textContent = data.cluster_note
                        .replace("{title}", data.title)
                        .replace("{n}", grouped.toLocaleString())
                        .replace("{g}", clusters.length.toLocaleString());
                    note.style.display = "block";
                } else {
                    note.style.display = "none";
                }
                this._clusters = clusters; this._singles = singles;
                this._drawn = {
                    features: visible.length,
                    grouped: clusters.reduce((a, c) => a + c.count, 0),
                    groups: clusters.length,
                };
            },
            // The "as of" control (timefilter.js): which features are drawn, and how; redrawn once.
            asOf: function (state) {
                if (window.dcTimeMarks(time, state, marks) && this._map) this._schedule();
            },
            // For tests: what the last draw did, and a feature's rings in screen pixels as drawn
            // (simplified at the zoom) and as they are.
            drawn: function () { return this._drawn; },
            rings: function (f, simplifiedOnly) {
                const level = levelAt(this._map.getZoom()), s = this._s, ox = this._ox, oy = this._oy, out = [];
                for (let p = featurePartStart[f]; p < featurePartStart[f + 1]; p++) {
                    for (let r = partRingStart[p]; r < partRingStart[p + 1]; r++) {
                        const ring = [];
                        if (simplifiedOnly) {
                            simplifyRing(level, r);
                            for (let i = level.start[r]; i < level.end[r]; i++) {
                                const v = level.keep[i];
                                ring.push([x0[v] * s - ox, y0[v] * s - oy]);
                            }
                        } else {
                            for (let v = ringStart[r]; v < ringStart[r + 1]; v++) ring.push([x0[v] * s - ox, y0[v] * s - oy]);
                        }
                        out.push(ring);
                    }
                }
                return out;
            },
            // The popup for a click at e.containerPoint (a feature's attributes, or a group's count), or null.
            _click: function (e) {
                const cx = e.containerPoint.x, cy = e.containerPoint.y, ox = this._ox, oy = this._oy, s = this._s;
                let hit = -1;
                if (point) {
                    for (const c of this._clusters || []) {
                        if (Math.hypot(c.x - cx, c.y - cy) <= c.r) {
                            const text = data.cluster_popup.replace("{n}", c.count.toLocaleString());
                            return L.popup().setLatLng(e.latlng).setContent(text);
                        }
                    }
                    let best = data.radius + 3;
                    for (const f of this._singles || []) {
                        const v = first(f);
                        const d = Math.hypot(x0[v] * s - ox - cx, y0[v] * s - oy - cy);
                        if (d <= best) { best = d; hit = f; }
                    }
                } else {
                    let best = 6;
                    for (const f of this._visible || []) {
                        for (let p = featurePartStart[f]; p < featurePartStart[f + 1]; p++) {
                            let inside = false;
                            for (let r = partRingStart[p]; r < partRingStart[p + 1]; r++) {
                                for (let v = ringStart[r] + 1; v < ringStart[r + 1]; v++) {
                                    const x1 = x0[v - 1] * s - ox, y1 = y0[v - 1] * s - oy;
                                    const x2 = x0[v] * s - ox, y2 = y0[v] * s - oy;
                                    const dx = x2 - x1, dy = y2 - y1, len = dx * dx + dy * dy;
                                    const k = len ? Math.max(0, Math.min(1, ((cx - x1) * dx + (cy - y1) * dy) / len)) : 0;
                                    const d = Math.hypot(x1 + k * dx - cx, y1 + k * dy - cy);
                                    if (d < best) { best = d; hit = f; }
                                    if (polygon && ((y1 > cy) !== (y2 > cy)) && cx < (x2 - x1) * (cy - y1) / (y2 - y1) + x1) {
                                        inside = !inside;
                                    }
                                }
                            }
                            if (polygon && inside) hit = f;
                        }
                    }
                }
                return hit >= 0 ? L.popup({maxWidth: 380}).setLatLng(e.latlng).setContent(render(hit)) : null;
            }
        });
        const layer = new Layer();
        if (time) {
            window.dcTimed = window.dcTimed || [];
            window.dcTimed.push(layer);
            if (window.dcAsOf) layer.asOf(window.dcAsOf);
        }
        return layer;
    };
}
