"""The canvas layer that draws prepared big layers (geo/compact.py) in Leaflet.

One <canvas> per layer, redrawn on every move: no DOM element per feature.
Points beyond `CLUSTER_MIN` in view are grouped in 40-pixel cells, each group
drawn with its count, and a note on the map says how many points are
grouped; clicking a feature opens its attributes (as text, never HTML).

The JavaScript is static text of this project; the data arrives as JSON made
by geo.escape. `render` hands the (large) script to the page without passing
it through a template again.
"""

from __future__ import annotations

from branca.element import Element
from folium.map import Layer
from jinja2 import Template

from geo.escape import html_text
from geo.infojs import INFO_BOX_JS

CLUSTER_MIN = 2000

LIBRARY = INFO_BOX_JS.replace("%", "%%") + r"""
if (!window.dcCanvasLayer) {
window.dcCanvasLayer = function(text) {
    const data = JSON.parse(text);
    const CLUSTER_MIN = %(cluster_min)d, CELL = 40;
    function varints(b64, count) {
        const text = atob(b64), bytes = new Uint8Array(text.length);
        for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
        const out = new Float64Array(count);
        let at = 0;
        for (let i = 0; i < count; i++) {
            let result = 0, shift = 1, b;
            do { b = bytes[at++]; result += (b & 127) * shift; shift *= 128; } while (b & 128);
            out[i] = (result %% 2) ? -(result + 1) / 2 : result / 2;
        }
        return out;
    }
    function unpack(p) { return varints(p.b64, p.n); }
    data.counts = unpack(data.counts); data.features = unpack(data.features); data.style = unpack(data.style);
    if (data.rings) data.rings = unpack(data.rings);
    for (const field in data.columns) { const c = data.columns[field]; if (c.i) c.i = unpack(c.i); }
    const scale = data.scale, n = data.features.length, m = data.n_xy / 2;
    const deltas = varints(data.xy, data.n_xy);
    const lon = new Float64Array(m), lat = new Float64Array(m);
    let x = data.origin[0], y = data.origin[1];
    for (let i = 0; i < m; i++) { x += deltas[2 * i]; y += deltas[2 * i + 1]; lon[i] = x / scale; lat[i] = y / scale; }
    const polygon = data.kind === "Polygon", point = data.kind === "Point";
    const ringStart = new Int32Array(data.counts.length + 1);
    for (let i = 0; i < data.counts.length; i++) ringStart[i + 1] = ringStart[i] + data.counts[i];
    const partRings = polygon ? data.rings : null;
    const partRingStart = new Int32Array((polygon ? partRings.length : data.counts.length) + 1);
    for (let i = 0; i < partRingStart.length - 1; i++) partRingStart[i + 1] = partRingStart[i] + (polygon ? partRings[i] : 1);
    const featurePartStart = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) featurePartStart[i + 1] = featurePartStart[i] + data.features[i];
    const box = new Float64Array(4 * n);
    for (let f = 0; f < n; f++) {
        let a = Infinity, b = Infinity, c = -Infinity, d = -Infinity;
        for (let v = ringStart[partRingStart[featurePartStart[f]]]; v < ringStart[partRingStart[featurePartStart[f + 1]]]; v++) {
            if (lon[v] < a) a = lon[v]; if (lat[v] < b) b = lat[v]; if (lon[v] > c) c = lon[v]; if (lat[v] > d) d = lat[v];
        }
        box[4 * f] = a; box[4 * f + 1] = b; box[4 * f + 2] = c; box[4 * f + 3] = d;
    }
    let px = null, py = null, projectedZoom = null, clusters = [], singles = [];

    function project(zoom) {
        if (projectedZoom === zoom) return;
        const s = 256 * Math.pow(2, zoom);
        px = new Float64Array(m); py = new Float64Array(m);
        for (let i = 0; i < m; i++) {
            const sin = Math.sin(lat[i] * Math.PI / 180);
            px[i] = (lon[i] + 180) / 360 * s;
            py[i] = (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * s;
        }
        projectedZoom = zoom;
    }

    function mix(hex, alpha) {
        const c = parseInt(hex.slice(1), 16), w = 255 * (1 - alpha);
        const r = Math.round(((c >> 16) & 255) * alpha + w), g = Math.round(((c >> 8) & 255) * alpha + w), b = Math.round((c & 255) * alpha + w);
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
        return window.dcInfoBox(data.title, data.fields, data.labels, data.values, function(field) { return value(field, f); });
    }

    const Layer = L.Layer.extend({
        onAdd: function(map) {
            this._canvas = L.DomUtil.create("canvas", "leaflet-zoom-hide dc-canvas");
            this._canvas.style.pointerEvents = "none";
            map.getPanes().overlayPane.appendChild(this._canvas);
            this._note = L.control({position: "bottomleft"});
            this._note.onAdd = () => { const d = L.DomUtil.create("div", "dc-cluster-note leaflet-bar"); d.style.cssText = "background:#fff;padding:3px 6px;font:11px system-ui,sans-serif;display:none"; return d; };
            this._note.addTo(map);
            map.on("moveend zoomend resize", this._schedule, this);
            map.on("click", this._click, this);
            this._schedule();
        },
        onRemove: function(map) {
            L.DomUtil.remove(this._canvas);
            this._note.remove();
            map.off("moveend zoomend resize", this._schedule, this);
            map.off("click", this._click, this);
        },
        _schedule: function() {
            // One draw per frame, however many events came (adding the layer, then
            // fitting the view, would otherwise project and draw everything twice).
            if (this._pending) return;
            this._pending = true;
            L.Util.requestAnimFrame(() => { this._pending = false; if (this._map) this._redraw(); });
        },
        _redraw: function() {
            const map = this._map, size = map.getSize(), ratio = window.devicePixelRatio || 1;
            const topLeft = map.containerPointToLayerPoint([0, 0]);
            L.DomUtil.setPosition(this._canvas, topLeft);
            this._canvas.width = size.x * ratio; this._canvas.height = size.y * ratio;
            this._canvas.style.width = size.x + "px"; this._canvas.style.height = size.y + "px";
            const ctx = this._canvas.getContext("2d");
            ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
            project(map.getZoom());
            const origin = map.getPixelOrigin();
            this._ox = origin.x + topLeft.x; this._oy = origin.y + topLeft.y;
            const bounds = map.getBounds(), w = bounds.getWest(), s = bounds.getSouth(), e = bounds.getEast(), nn = bounds.getNorth();
            const visible = [];
            for (let f = 0; f < n; f++) {
                if (data.features[f] === 0) continue;
                if (box[4 * f + 2] < w || box[4 * f] > e || box[4 * f + 3] < s || box[4 * f + 1] > nn) continue;
                visible.push(f);
            }
            this._visible = visible;
            if (point) this._drawPoints(ctx, visible); else this._drawPaths(ctx, visible);
            window.__dcDrawn = (window.__dcDrawn || 0) + 1;
        },
        _drawPaths: function(ctx, visible) {
            const ox = this._ox, oy = this._oy;
            for (let st = 0; st < data.styles.length; st++) {
                const style = data.styles[st];
                ctx.beginPath();
                let any = false;
                for (const f of visible) {
                    if (data.style[f] !== st) continue;
                    any = true;
                    for (let p = featurePartStart[f]; p < featurePartStart[f + 1]; p++) {
                        for (let r = partRingStart[p]; r < partRingStart[p + 1]; r++) {
                            for (let v = ringStart[r]; v < ringStart[r + 1]; v++) {
                                if (v === ringStart[r]) ctx.moveTo(px[v] - ox, py[v] - oy); else ctx.lineTo(px[v] - ox, py[v] - oy);
                            }
                            if (polygon) ctx.closePath();
                        }
                    }
                }
                if (!any) continue;
                if (polygon && style.fillOpacity > 0) { ctx.globalAlpha = style.fillOpacity; ctx.fillStyle = style.fillColor; ctx.fill("evenodd"); }
                // Strokes stay at full alpha: a translucent stroke over one huge path makes the
                // canvas composite it as a layer; a path's opacity is mixed into its colour instead.
                ctx.globalAlpha = 1;
                ctx.strokeStyle = mix(style.color, style.opacity);
                ctx.lineWidth = style.weight;
                ctx.setLineDash(style.dashArray ? style.dashArray.split(" ").map(Number) : []);
                ctx.stroke();
            }
            ctx.globalAlpha = 1;
            this._note.getContainer().style.display = "none";
        },
        _drawPoints: function(ctx, visible) {
            const ox = this._ox, oy = this._oy, radius = data.radius;
            clusters = []; singles = [];
            if (visible.length > CLUSTER_MIN) {
                const cells = new Map();
                for (const f of visible) {
                    for (let v = ringStart[partRingStart[featurePartStart[f]]]; v < ringStart[partRingStart[featurePartStart[f + 1]]]; v++) {
                        const cx = px[v] - ox, cy = py[v] - oy;
                        const key = Math.floor(cx / CELL) * 100003 + Math.floor(cy / CELL);
                        let cell = cells.get(key);
                        if (!cell) { cell = {x: 0, y: 0, count: 0, first: f, style: data.style[f]}; cells.set(key, cell); }
                        cell.x += cx; cell.y += cy; cell.count += 1;
                    }
                }
                for (const cell of cells.values()) {
                    if (cell.count === 1) singles.push(cell.first); else clusters.push({x: cell.x / cell.count, y: cell.y / cell.count, count: cell.count, style: cell.style});
                }
            } else {
                singles = visible;
            }
            for (const f of singles) {
                const style = data.styles[data.style[f]];
                for (let v = ringStart[partRingStart[featurePartStart[f]]]; v < ringStart[partRingStart[featurePartStart[f + 1]]]; v++) {
                    ctx.beginPath(); ctx.arc(px[v] - ox, py[v] - oy, radius, 0, 2 * Math.PI);
                    ctx.globalAlpha = Math.max(style.fillOpacity, 0.6); ctx.fillStyle = style.fillColor; ctx.fill();
                    ctx.globalAlpha = 1; ctx.strokeStyle = style.color; ctx.lineWidth = 1; ctx.stroke();
                }
            }
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
                note.textContent = data.cluster_note.replace("{title}", data.title).replace("{n}", grouped.toLocaleString()).replace("{g}", clusters.length.toLocaleString());
                note.style.display = "block";
            } else {
                note.style.display = "none";
            }
            this._clusters = clusters; this._singles = singles;
        },
        _click: function(e) {
            const cx = e.containerPoint.x, cy = e.containerPoint.y, ox = this._ox, oy = this._oy;
            let hit = -1;
            if (point) {
                for (const c of this._clusters || []) {
                    if (Math.hypot(c.x - cx, c.y - cy) <= c.r) {
                        L.popup().setLatLng(e.latlng).setContent(data.cluster_popup.replace("{n}", c.count.toLocaleString())).openOn(this._map);
                        return;
                    }
                }
                let best = data.radius + 3;
                for (const f of this._singles || []) {
                    const v = ringStart[partRingStart[featurePartStart[f]]];
                    const d = Math.hypot(px[v] - ox - cx, py[v] - oy - cy);
                    if (d <= best) { best = d; hit = f; }
                }
            } else {
                let best = 6;
                for (const f of this._visible || []) {
                    for (let p = featurePartStart[f]; p < featurePartStart[f + 1]; p++) {
                        let inside = false;
                        for (let r = partRingStart[p]; r < partRingStart[p + 1]; r++) {
                            for (let v = ringStart[r] + 1; v < ringStart[r + 1]; v++) {
                                const x1 = px[v - 1] - ox, y1 = py[v - 1] - oy, x2 = px[v] - ox, y2 = py[v] - oy;
                                const dx = x2 - x1, dy = y2 - y1, len = dx * dx + dy * dy;
                                const k = len ? Math.max(0, Math.min(1, ((cx - x1) * dx + (cy - y1) * dy) / len)) : 0;
                                const d = Math.hypot(x1 + k * dx - cx, y1 + k * dy - cy);
                                if (d < best) { best = d; hit = f; }
                                if (polygon && ((y1 > cy) !== (y2 > cy)) && cx < (x2 - x1) * (cy - y1) / (y2 - y1) + x1) inside = !inside;
                            }
                        }
                        if (polygon && inside) hit = f;
                    }
                }
            }
            if (hit >= 0) L.popup({maxWidth: 380}).setLatLng(e.latlng).setContent(render(hit)).openOn(this._map);
        }
    });
    return new Layer();
};
}
""" % {"cluster_min": CLUSTER_MIN}


class _RawScript(Element):
    """A script already made: added to the page as it is, never compiled as a template."""

    def __init__(self, text: str):
        super().__init__()
        self._text = text

    def render(self, **kwargs) -> str:
        return self._text


class CanvasLayer(Layer):
    """A prepared big layer (geo.compact.Prepared) on the map, in the layer control."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.library }}
        var {{ this.get_name() }} = window.dcCanvasLayer({{ this.payload }});
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, prepared, name: str):
        super().__init__(name=html_text(name), overlay=True, control=True, show=True)
        self._name = "CanvasLayer"
        self.library = LIBRARY
        self.payload = prepared.payload
        self.prepared = prepared

    def render(self, **kwargs):
        # Like MacroElement.render, but the script (megabytes of data) is not compiled again.
        self.get_root().script.add_child(_RawScript(self._template.module.script(self, kwargs)), name=self.get_name())
