"""KML export (Google Earth): one folder per layer, styles and every attribute kept."""

from __future__ import annotations

KML_NS = "http://www.opengis.net/kml/2.2"


def write(layers, metadata: list[dict], title: str, note: str) -> bytes:
    """A KML document: one Folder per layer with its provenance, styles kept, every
    attribute in ExtendedData. Text goes through ElementTree, which escapes it."""
    from xml.etree import ElementTree as ET

    from geo.exporting.geojson import json_value

    root = ET.Element("kml", xmlns=KML_NS)
    document = ET.SubElement(root, "Document")
    ET.SubElement(document, "name").text = title
    ET.SubElement(document, "description").text = note
    for layer, meta in zip(layers, metadata):
        spec = layer.spec
        schema_id = _schema(document, layer)
        folder = ET.SubElement(document, "Folder")
        ET.SubElement(folder, "name").text = meta["title"]
        ET.SubElement(folder, "description").text = "\n".join(
            f"{k}: {'; '.join(v) if isinstance(v, list) else v}" for k, v in meta.items() if v is not None
        )
        records = layer.frame.drop(columns=layer.frame.geometry.name).to_dict(orient="records")
        for i, (record, geom) in enumerate(zip(records, layer.frame.geometry)):
            style = spec.style.for_feature(record)
            style_id = _style(document, spec.id, style, spec.geometry)
            placemark = ET.SubElement(folder, "Placemark")
            title = json_value(record.get("name")) or json_value(record.get("segment_id"))
            ET.SubElement(placemark, "name").text = str(title or f"{meta['title']} {i + 1}")
            ET.SubElement(placemark, "styleUrl").text = f"#{style_id}"
            extended = ET.SubElement(placemark, "ExtendedData")
            schema_data = ET.SubElement(extended, "SchemaData", schemaUrl=f"#{schema_id}")
            for key, value in record.items():
                value = json_value(value)
                if value is not None:
                    text = ("true" if value else "false") if isinstance(value, bool) else str(value)
                    ET.SubElement(schema_data, "SimpleData", name=str(key)).text = text
            if geom is not None and not geom.is_empty:
                placemark.append(_geometry(geom))
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8")


#: Value kinds (geo.importing.kept.value_type) -> KML SimpleField types; the rest is text.
SIMPLE_TYPES = {"boolean": "bool", "integer": "int", "number": "double"}

#: KML's `int` is 32-bit: a column of larger integers is written as text (and said).
INT_MAX = 2**31 - 1


def changes(layers) -> list[dict]:
    """What KML cannot keep as typed: dates and date-times as ISO text, integers beyond 32 bits as text."""
    from geo.exporting.tabular import as_text
    from geo.importing.kept import value_type

    too_big = [
        {"change": "integer_as_text", "layer": layer.spec.id, "field": str(column)}
        for layer in layers
        for column in layer.frame.columns
        if column != layer.frame.geometry.name
        and value_type(layer.frame[column]) == "integer"
        and not _fits_int(layer.frame[column])
    ]
    return as_text(layers, ("date", "datetime")) + too_big


def _fits_int(column) -> bool:
    present = column.dropna()
    return present.empty or int(present.abs().max()) <= INT_MAX


def _schema(document, layer) -> str:
    """A typed Schema for the layer's attributes (booleans, integers, numbers stay typed)."""
    from xml.etree import ElementTree as ET

    from geo.importing.kept import value_type

    schema_id = f"schema_{layer.spec.id}"
    schema = ET.Element("Schema", name=layer.spec.id, id=schema_id)
    for column in layer.frame.columns:
        if column != layer.frame.geometry.name:
            kind = SIMPLE_TYPES.get(value_type(layer.frame[column]), "string")
            if kind == "int" and not _fits_int(layer.frame[column]):
                kind = "string"
            ET.SubElement(schema, "SimpleField", name=str(column), type=kind)
    document.insert(2, schema)
    return schema_id


def _abgr(hex_colour: str, opacity: float) -> str:
    r, g, b = hex_colour[1:3], hex_colour[3:5], hex_colour[5:7]
    return f"{round(opacity * 255):02x}{b}{g}{r}"


def _style(document, layer_id: str, style: dict, geometry: str) -> str:
    from xml.etree import ElementTree as ET

    style_id = f"{layer_id}-{style['color'][1:]}"
    if document.find(f"Style[@id='{style_id}']") is None:
        element = ET.Element("Style", id=style_id)
        line = ET.SubElement(element, "LineStyle")
        ET.SubElement(line, "color").text = _abgr(style["color"], style["opacity"])
        ET.SubElement(line, "width").text = str(style["weight"])
        poly = ET.SubElement(element, "PolyStyle")
        ET.SubElement(poly, "color").text = _abgr(style["fillColor"], style["fillOpacity"])
        if geometry == "Point":
            icon = ET.SubElement(element, "IconStyle")
            ET.SubElement(icon, "color").text = _abgr(style["color"], 1.0)
        document.insert(2, element)
    return style_id


def _coordinates(coords) -> str:
    return " ".join(",".join(f"{v:.7g}" for v in c) for c in coords)


def _geometry(geom):
    from xml.etree import ElementTree as ET

    kind = geom.geom_type
    if kind.startswith("Multi") or kind == "GeometryCollection":
        multi = ET.Element("MultiGeometry")
        for part in geom.geoms:
            multi.append(_geometry(part))
        return multi
    if kind == "Point":
        element = ET.Element("Point")
        ET.SubElement(element, "coordinates").text = _coordinates(geom.coords)
        return element
    if kind == "LineString":
        element = ET.Element("LineString")
        ET.SubElement(element, "coordinates").text = _coordinates(geom.coords)
        return element
    element = ET.Element("Polygon")
    for tag, rings in (("outerBoundaryIs", [geom.exterior]), ("innerBoundaryIs", list(geom.interiors))):
        for ring in rings:
            boundary = ET.SubElement(element, tag)
            linear = ET.SubElement(boundary, "LinearRing")
            ET.SubElement(linear, "coordinates").text = _coordinates(ring.coords)
    return element
