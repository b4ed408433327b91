"""A minimal declaration for a layer a test makes itself (a user's layer: provenance only, no period)."""

from __future__ import annotations

from geo.spec import LayerSpec, Style


def user_spec(layer_id: str = "t", geometry: str = "Polygon", title: str | None = None) -> LayerSpec:
    return LayerSpec(
        id=layer_id,
        title={"es": title or layer_id, "en": title or layer_id},
        geometry=geometry,
        required=("source", "confidence", "licence"),
        style=Style(color="#000000"),
        tooltip=(),
        source="test",
        licence="CC0",
        attribution=("test",),
        origin="user",
    )
