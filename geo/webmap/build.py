"""Layers -> a folium (Leaflet) map. A pure function: same input, same page.

Safety: nothing that comes from data is ever inserted as HTML or as
template source. Feature values and attribute names travel as JSON made by
`geo.escape.script_json` (never through folium's templates, which would
evaluate `{{ ... }}`) and are put on the page with `textContent` by
js/featureinfo.js (one `FeatureInfo` per layer). Layer names and
attributions, which Leaflet itself inserts as HTML, go through
`geo.escape.html_text`. folium's own GeoJsonTooltip/GeoJsonPopup build HTML
strings from values, so they are not used.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import folium
import numpy as np
from branca.element import MacroElement
from folium.map import FitBounds
from folium.utilities import JsCode
from jinja2 import Template

from geo import timeline
from geo.colours import HALO
from geo.escape import html_text, script_json
from geo.exporting.geojson import feature_collection
from geo.framecache import Remember, made
from geo.i18n import field_label, label, t, vocabulary, written
from geo.load import Layer
from geo.measure import CORRIDOR_BOUNDS
from geo.spec import CAVEAT_CONFIDENCE
from geo.webmap import assets, resources
from geo.webmap.canvas import CLUSTER_MIN, CanvasLayer
from geo.webmap.compact import COMPACT_THRESHOLD, DETAIL_ZOOM, Prepared, prepare
from geo.webmap.elements import RawScriptMacro, RawText
from geo.webmap.heat import HeatLayer, HeatOptions
from geo.webmap.labels import PlaceNames, label_data
from geo.webmap.legend import Attributions, Legend, MapAccess, MapTitle
from geo.webmap.measure import MeasureControl
from geo.webmap.timefilter import TimedGeoJson, TimeFilter, periods
from geo.webmap.view import USER_PANE, LayerChoices, Panes

#: Online basemaps the user may pick; "offline" draws the bundled vector data only.
BASEMAPS = {
    "offline": None,
    "osm": (
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "&copy; OpenStreetMap contributors (ODbL)",
    ),
    "imagery": (
        "https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/{z}/{y}/{x}",
        "Tiles &copy; Esri, Maxar, Earthstar Geographics, and the GIS User Community",
    ),
    "topo": (
        "https://tile.opentopomap.org/{z}/{x}/{y}.png",
        "&copy; OpenStreetMap contributors, SRTM; style &copy; OpenTopoMap (CC-BY-SA)",
    ),
}

#: Always shown on hover, after the layer's own tooltip fields.
PROVENANCE_TOOLTIP = ("confidence", "caveat", "source")

SEA_COLOUR = "#dbe8f1"

#: What the map shows when it opens: Darién, the border and the Gulf of Urabá.
INITIAL_VIEW = [[7.1, -78.6], [8.9, -76.5]]


class FeatureInfo(RawScriptMacro, MacroElement):
    """A small layer's attributes and its tooltip/popup binding, defined once in the page.

    folium calls a GeoJson's `on_each_feature` code once per feature, so the code it gets
    (`lookup`) only finds the function defined here: the attributes (JSON made by
    geo.escape) are parsed once, not once per feature. Added to the map before its layer,
    so its script runs first. The key is the layer id, which folium's (and st_folium's)
    renaming of element variables never touches.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.library }}
        {{ this.lookup }} = window.dcOnEachFeature({{ this.info_json }});
        {% endmacro %}
        """
    )

    def __init__(self, layer_id: str, info_json: str):
        super().__init__()
        self._name = "FeatureInfo"
        self.library = resources.js("infobox.js") + resources.js("featureinfo.js")
        self.lookup = feature_lookup(layer_id)
        self.info_json = info_json  # geo.escape.script_json of _info(...)


def feature_lookup(layer_id: str) -> str:
    """How the page reaches a layer's FeatureInfo: by its key, the layer id."""
    return f"window.dcFeatureInfo[{script_json(layer_id)}]"


def map_css(basemap: str = "offline") -> str:
    """The map's <style> element: css/map.css, after the sea colour as its custom property; on a
    basemap that needs one (geo.colours.HALO), the halo around lines and symbols (css/halo.css)."""
    halo = HALO.get(basemap)
    values = {"--dc-sea": SEA_COLOUR} | ({"--dc-halo": halo} if halo else {})
    texts = [resources.css_properties(values), resources.css("map.css"), resources.css("labels.css")]
    if halo:
        texts.append(resources.css("halo.css"))
    return "<style>" + "\n".join(texts) + "</style>"


def build_map(
    layers: Sequence[Layer],
    lang: str = "es",
    basemap: str = "offline",
    asset_urls: tuple[list, list] | None = None,
    title: tuple[str, list[str]] | None = None,
    prepare_big: Callable[[Layer, str], Prepared] | None = None,
    heat: Mapping[str, HeatOptions] | None = None,
    totals: Mapping[str, int] | None = None,
    remember: Remember = made,
) -> folium.Map:
    """A folium map of `layers` (drawn in the given order, bottom first).

    `asset_urls` is (js, css) in folium's default_js/default_css form; by
    default Leaflet is loaded from the app's own server (see geo.webmap.assets).
    `title` is (title, lines) for a title box (exported maps). Layers with more
    than geo.webmap.compact.COMPACT_THRESHOLD features are drawn by the canvas layer,
    prepared by `prepare_big(layer, lang)` (the app passes its caches). `totals` (layer id ->
    features before the filters) makes the legend say how many pass ("12 of 40").

    `heat` maps a point layer's id to how it is drawn as a heat map (geo.webmap.heat) instead
    of as points. `remember` (geo.framecache) keeps what is made from each layer's frame (its
    GeoJSON, periods, attributes and legend block) for the next map: the app passes its caches.

    Every feature of `layers` is drawn: the "as of" control (geo.webmap.timefilter) shows the
    map as of a month in the page, from the periods each timed layer carries.
    """
    if basemap not in BASEMAPS:
        raise ValueError(f"basemap must be one of {sorted(BASEMAPS)}, got {basemap!r}")
    heat_ids = {layer.spec.id for layer in layers if layer.spec.geometry == "Point" and layer.spec.id in (heat or {})}
    js, css = asset_urls or assets.served_urls(heat=bool(heat_ids))
    minx, miny, maxx, maxy = CORRIDOR_BOUNDS
    fmap = folium.Map(location=[(miny + maxy) / 2, (minx + maxx) / 2], zoom_start=8, tiles=None, control_scale=True)
    # Instance attributes shadow folium's CDN lists: only Leaflet, from our server.
    fmap.default_js, fmap.default_css = js, css
    fmap.get_root().header.add_child(RawText(map_css(basemap)), name="dc_css")
    if BASEMAPS[basemap] is not None:
        url, attribution = BASEMAPS[basemap]
        folium.TileLayer(url, attr=attribution, name=html_text(t(f"map.{basemap}", lang)), max_zoom=18).add_to(fmap)
    fmap.add_child(TimeFilter())  # before the layers, which register with it
    fmap.add_child(Panes())  # before the layers: the user's own are drawn above the bundled ones
    notes = {}
    for layer in layers:
        if layer.spec.id in heat_ids:
            options = heat[layer.spec.id]
            HeatLayer(layer, options, layer.spec.title[lang]).add_to(fmap)
            weight = field_label(options.weight, lang) if options.weight else t("map.heat_unweighted", lang)
            notes[layer.spec.id] = t("map.heat_note", lang, n=len(layer.frame), weight=weight)
        elif len(layer.frame) > COMPACT_THRESHOLD:
            prepared = (prepare_big or prepare)(layer, lang)
            CanvasLayer(prepared, layer.spec.title[lang], pane=_pane(layer)).add_to(fmap)
            key = "map.canvas_points" if layer.spec.geometry == "Point" else "map.simplified"
            notes[layer.spec.id] = t(key, lang, n=len(layer.frame), zoom=DETAIL_ZOOM, group=CLUSTER_MIN)
        else:
            _add_geojson_layer(remember(layer, "geojson", lambda layer=layer: geojson_parts(layer, lang), lang), fmap)
    Attributions(attributions(layers, lang)).add_to(fmap)
    # Legend lists the top-most layer first, as a reader scans the map.
    items = legend_items(list(reversed(layers)), lang, totals, remember)
    for item, layer in zip(items, reversed(layers)):
        item["note"] = notes.get(layer.spec.id)
    Legend(items, title=t("map.legend", lang), note=t("map.dashed", lang)).add_to(fmap)
    control = folium.LayerControl(collapsed=True)
    control.add_to(fmap)
    # After the control: what a person switches off in it is reported and kept (geo.webmap.view).
    fmap.add_child(LayerChoices(control, {html_text(layer.spec.title[lang]): layer.spec.id for layer in layers}))
    names = label_data(layers)
    if names:  # after the layer control: a name is written while its layer is on the map
        fmap.add_child(PlaceNames(names))
    MeasureControl(lang).add_to(fmap)  # distance and area, measured in the page while drawing
    MapAccess({key: t(f"map.access.{key}", lang) for key in ("map", "zoom_in", "zoom_out", "layers")}).add_to(fmap)
    if title is not None:
        MapTitle(*title).add_to(fmap)
    # Not animated: an animated first zoom would hide the canvas layers while it runs and
    # draw them twice (once at the start zoom, once at the fitted one).
    fit = FitBounds(INITIAL_VIEW)
    fit.options["animate"] = False
    fmap.add_child(fit, name="fit_bounds")
    return fmap


@dataclass(frozen=True)
class GeoJsonParts:
    """What a small layer puts on the map, made from its frame alone (so it can be remembered):
    the geometries for folium (`data`, never changed once made), each feature's style, whether
    the layer is timed, and its FeatureInfo's JSON."""

    layer_id: str
    name: str
    point: bool
    radius: float
    data: dict
    styles: list[dict]
    timed: bool
    info_json: str


def geojson_parts(layer: Layer, lang: str) -> GeoJsonParts:
    """The layer's geometry for folium; its attributes (and periods) travel in our own script.

    folium sees only geometries and numeric ids (see geo.escape for why no
    attribute may pass through folium's templates).
    """
    spec = layer.spec
    data = feature_collection([(None, layer.frame)], precision=6)
    properties = []
    for i, feature in enumerate(data["features"]):
        properties.append(feature["properties"])
        feature["properties"] = {}
        feature["id"] = i  # folium's per-feature styling needs a unique id
    # Features without geometry keep their attributes (and their id) but are not drawn.
    data["features"] = [f for f in data["features"] if f["geometry"] is not None]
    styles = [spec.style.for_feature(p) for p in properties]
    pane = _pane(layer)
    if pane:  # the style reaches every shape, circle markers included, before it is drawn
        styles = [{**style, "pane": pane} for style in styles]
    time = periods(layer.frame)
    info = script_json(_info(layer, properties, time, lang))
    return GeoJsonParts(
        spec.id,
        html_text(spec.title[lang]),
        spec.geometry == "Point",
        spec.style.radius,
        data,
        styles,
        time is not None,
        info,
    )


def _add_geojson_layer(parts: GeoJsonParts, fmap: folium.Map) -> None:
    """The layer's FeatureInfo, then its GeoJSON (then its TimedGeoJson when it is timed)."""
    info = FeatureInfo(parts.layer_id, parts.info_json)
    fmap.add_child(info)  # before the layer: its script must run first
    styles = parts.styles
    options = {
        "name": parts.name,
        "style_function": lambda feature: styles[feature["id"]],
        "on_each_feature": JsCode(info.lookup),
    }
    if parts.point:
        options["marker"] = folium.CircleMarker(radius=parts.radius, fill=True)
    geojson = folium.GeoJson(parts.data, **options)
    fmap.add_child(geojson)
    if parts.timed:
        fmap.add_child(TimedGeoJson(geojson, parts.layer_id))  # after the layer: it names the layer's variable


def _pane(layer: Layer) -> str | None:
    """The user's own layers are drawn in a pane above the bundled ones (None: Leaflet's overlayPane)."""
    return USER_PANE if layer.spec.origin == "user" else None


def _info(layer: Layer, properties: list[dict], time: dict | None, lang: str) -> dict:
    """What the feature script needs: attributes, labels, translated values, tooltip fields,
    and the features' periods (geo.webmap.timefilter.periods; None: an untimed layer)."""
    spec = layer.spec
    fields = [c for c in layer.frame.columns if c != layer.frame.geometry.name]
    tooltip = [f for f in (*spec.tooltip, *PROVENANCE_TOOLTIP) if f in fields]
    return {
        "title": spec.title[lang],
        "fields": fields,
        "labels": {f: field_label(f, lang) for f in fields},
        "values": vocabulary(layer.frame, lang),
        "tooltip": list(dict.fromkeys(tooltip)),
        "properties": properties,
        "time": None if time is None else {key: values.tolist() for key, values in time.items()},
        "undated_note": t("map.undated_note", lang),
    }


def attributions(layers: Sequence[Layer], lang: str | None = None) -> list[str]:
    """Each distinct credit of `layers` once, in order, as plain text; in `lang` when given
    (geo.i18n.written), else as the specs write them."""
    credits = dict.fromkeys(credit for layer in layers for credit in layer.spec.attribution)
    return [written(credit, lang) if lang else credit for credit in credits]


def legend_items(
    layers: Sequence[Layer], lang: str, totals: Mapping[str, int] | None = None, remember: Remember = made
) -> list[dict]:
    """One legend block per layer: its title, swatches, and its caveat if any; with `totals`
    (layer id -> features before the filters), how many of them pass: `count` = {id, shown,
    total, text}, `text` holding "{n}" where js/legend.js puts the number drawn (which the
    month may lower further). `remember` keeps each layer's block but the count."""
    return [
        remember(layer, "legend", lambda layer=layer: _legend_item(layer, lang), lang)
        | {"count": _count(layer, lang, totals)}
        for layer in layers
    ]


def _legend_item(layer: Layer, lang: str) -> dict:
    """A layer's legend block without its count."""
    spec = layer.spec
    field = spec.style.by
    present = set(layer.frame[field].astype(str)) if field and field in layer.frame else set()
    entries = [
        {"label": label(field, value, lang) if field else "", "color": color}
        | ({"dash": spec.style.dashes[value]} if value in spec.style.dashes else {})
        for value, color in spec.legend_entries()
        if not field or value in present
    ]
    uncertain = "confidence" in layer.frame and layer.frame["confidence"].isin(CAVEAT_CONFIDENCE).any()
    undated = np.asarray(timeline.undated(layer.frame), dtype=bool)
    n_undated = int(undated.sum())
    return {
        "title": spec.title[lang],
        "geometry": spec.geometry,
        "entries": entries,
        "dash": spec.style.dash or ("6 4" if uncertain else None),
        "fill": spec.style.fill_opacity > 0,
        "caveat": spec.caveat[lang] if spec.caveat else None,
        # With a month chosen (geo.webmap.timefilter), the legend says these.
        "timed": n_undated < len(undated),  # some feature is dated: geo.timeline.timed
        "undated": n_undated,
        "undated_shown": t("map.undated_shown", lang, n=n_undated),
        "undated_hidden": t("map.undated_hidden", lang, n=n_undated),
    }


def _count(layer: Layer, lang: str, totals: Mapping[str, int] | None) -> dict | None:
    """The legend's "n of N" line of a layer (None: no totals given, or a layer they miss)."""
    if totals is None or layer.spec.id not in totals:
        return None
    total = int(totals[layer.spec.id])
    return {
        "id": layer.spec.id,
        "shown": len(layer.frame),
        "total": total,
        "text": t("map.passing", lang, n="{n}", total=total),
        "lang": lang,  # the number drawn is written as this language writes it
    }


def drawn_area_group(vertices) -> folium.FeatureGroup:
    """The area the user is drawing (lon, lat vertices), as an overlay added to a live map."""
    group = folium.FeatureGroup(name="drawn_area", control=False)
    points = [(lat, lon) for lon, lat in vertices]
    style = {"color": "#d81b60", "weight": 2, "dash_array": "4 4"}
    if len(points) >= 3:
        folium.Polygon(points, fill=True, fill_opacity=0.08, **style).add_to(group)
    elif len(points) == 2:
        folium.PolyLine(points, **style).add_to(group)
    for point in points:
        folium.CircleMarker(point, radius=3, color="#d81b60", fill=True).add_to(group)
    return group
