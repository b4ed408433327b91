"""Which layers are drawn, in which order: bundled ones, user ones, replacements."""

from __future__ import annotations

from collections.abc import Sequence

from geo.load import Layer


def compose(bundled: Sequence[Layer], user: Sequence[Layer], visible: set[str]) -> list[Layer]:
    """The visible layers, bottom first.

    A visible user layer that `replaces` a bundled one is drawn in that
    layer's place and the bundled one is not drawn; other user layers go on
    top, in the order they were added.
    """
    replacing = {layer.replaces: layer for layer in user if layer.replaces and layer.spec.id in visible}
    shown: list[Layer] = []
    for layer in bundled:
        if layer.spec.id in replacing:
            shown.append(replacing[layer.spec.id])
        elif layer.spec.id in visible:
            shown.append(layer)
    placed = {layer.spec.id for layer in shown}
    shown += [layer for layer in user if layer.spec.id in visible and layer.spec.id not in placed]
    return shown
