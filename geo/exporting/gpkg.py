"""GeoPackage export: one table per layer with its provenance as metadata."""

from __future__ import annotations


def write(layers, metadata: list[dict]) -> bytes:
    """One table per layer (named by its id), each with its provenance in gpkg_metadata."""
    import tempfile
    from pathlib import Path

    from geo.exporting.tabular import storable, write_layer

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.gpkg"
        for layer, meta in zip(layers, metadata):
            write_layer(
                storable(layer.frame),
                path,
                layer=layer.spec.id,
                driver="GPKG",
                append=path.exists(),
                layer_metadata={k: _text(v) for k, v in meta.items() if v is not None},
            )
        return path.read_bytes()


def _text(value) -> str:
    return "; ".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)
