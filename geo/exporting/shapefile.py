"""Shapefile export: a zip of one shapefile per layer and geometry type.

Shapefiles allow 10-character field names and 254-byte texts; every rename and
cut is reported, and a mapping file lists the original names.
"""

from __future__ import annotations

MAX_FIELD = 10
MAX_TEXT = 254


def write(layers, metadata: list[dict], readme: str) -> tuple[bytes, list[dict]]:
    """A zip of one shapefile per layer and geometry type, a field-name mapping
    and a README with the provenance; (zip bytes, what changed)."""
    import csv as _csv
    import datetime as _dt
    import io
    import tempfile
    import warnings
    import zipfile
    from pathlib import Path

    import pandas as pd

    from geo.exporting.geojson import json_value
    from geo.exporting.tabular import storable, write_layer

    changes: list[dict] = []
    mapping_rows = [("layer", "file", "original_field", "shapefile_field")]
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as folder, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for layer in layers:
            frame = storable(layer.frame)
            families = frame.geometry.map(
                lambda g: None if g is None or g.is_empty else g.geom_type.replace("Multi", "")
            )
            present = [f for f in ("Point", "LineString", "Polygon") if (families == f).any()] or ["Point"]
            names = _short_names([c for c in frame.columns if c != frame.geometry.name])
            for original, short in names.items():
                if original != short:
                    changes.append({"change": "field_renamed", "layer": layer.spec.id, "old": original, "new": short})
            for column in names:
                longest = frame[column].map(lambda v: len(str(v).encode("utf-8")) if isinstance(v, str) else 0).max()
                if longest > MAX_TEXT:
                    changes.append(
                        {"change": "text_truncated", "layer": layer.spec.id, "field": column, "bytes": int(longest)}
                    )
            for column in names:  # a DBF has dates but no times: ISO 8601 text keeps the instant
                if any(isinstance(v, _dt.datetime) for v in frame[column]):
                    changes.append({"change": "datetime_as_text", "layer": layer.spec.id, "field": column})
                    frame[column] = pd.Series(
                        [json_value(v) if isinstance(v, _dt.datetime) else v for v in frame[column]],
                        index=frame.index,
                        dtype=object,
                    )
            split = len(present) > 1
            if split:
                changes.append({"change": "split_by_type", "layer": layer.spec.id, "types": ", ".join(present)})
            for k, family in enumerate(present):
                rows = (families == family) | (families.isna() if k == 0 else False)
                stem = f"{layer.spec.id}_{family.lower()}" if split else layer.spec.id
                part = frame.loc[rows].rename(columns=names)
                with warnings.catch_warnings():
                    # GDAL warns of each truncated text; the user is told through `changes`.
                    warnings.filterwarnings("ignore", message="Value .* has been truncated", category=RuntimeWarning)
                    write_layer(
                        part, Path(folder) / f"{stem}.shp", layer=stem, driver="ESRI Shapefile", encoding="UTF-8"
                    )
                for path in sorted(Path(folder).glob(f"{stem}.*")):
                    out.write(path, path.name)
                mapping_rows += [(layer.spec.id, f"{stem}.shp", o, s) for o, s in names.items()]
        text = io.StringIO()
        _csv.writer(text, lineterminator="\r\n").writerows(mapping_rows)
        out.writestr("field_names.csv", text.getvalue())
        out.writestr("README.txt", readme)
    return buffer.getvalue(), changes


def _short_names(columns: list[str]) -> dict[str, str]:
    """Each column -> a unique name of at most 10 ASCII characters (DBF's limit)."""
    import unicodedata

    used: set[str] = set()
    out = {}
    for column in columns:
        ascii_name = unicodedata.normalize("NFKD", column).encode("ascii", "ignore").decode()
        base = "".join(c if c.isalnum() or c == "_" else "_" for c in ascii_name)[:MAX_FIELD] or "field"
        name, n = base, 1
        while name.lower() in used:
            n += 1
            suffix = f"_{n}"
            name = base[: MAX_FIELD - len(suffix)] + suffix
        used.add(name.lower())
        out[column] = name
    return out
