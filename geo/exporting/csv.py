"""CSV export: one spreadsheet-safe table with WKT (and lon/lat for points).

Cells a spreadsheet would run as formulas are neutralised; UTF-8 with BOM so
that spreadsheets read accents right.
"""

from __future__ import annotations

import csv as _csv
import io

import shapely

#: A cell starting with one of these is a formula to a spreadsheet (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe.

    >>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-77.5"), neutralise(-77.5), neutralise("Metetí")
    ('\\'=HYPERLINK("http://x")', "'-77.5", -77.5, 'Metetí')
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write(layers) -> bytes:
    """One table: `layer`, every attribute, `wkt`, and `lon`/`lat` for points (UTF-8 with BOM)."""
    from geo.exporting.geojson import json_value

    fields: list[str] = []
    for layer in layers:
        for column in layer.frame.columns:
            if column != layer.frame.geometry.name and column not in fields:
                fields.append(str(column))
    header = ["layer", *fields, "wkt", "lon", "lat"]
    out = io.StringIO()
    writer = _csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    for layer in layers:
        records = layer.frame.drop(columns=layer.frame.geometry.name).to_dict(orient="records")
        for record, geom in zip(records, layer.frame.geometry):
            point = geom is not None and geom.geom_type == "Point" and not geom.is_empty
            row = [
                layer.spec.id,
                *[json_value(record.get(f)) for f in fields],
                "" if geom is None else shapely.to_wkt(geom, rounding_precision=7, trim=True),
                geom.x if point else "",
                geom.y if point else "",
            ]
            writer.writerow(["" if v is None else neutralise(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def table_csv(frame) -> bytes:
    """A plain table (no geometry) as spreadsheet-safe CSV, UTF-8 with BOM."""
    from geo.exporting.geojson import json_value

    out = io.StringIO()
    writer = _csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(str(c)) for c in frame.columns])
    for row in frame.itertuples(index=False):
        writer.writerow(["" if json_value(v) is None else neutralise(json_value(v)) for v in row])
    return out.getvalue().encode("utf-8-sig")
