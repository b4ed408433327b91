"""Fixtures of the interface's tests (AppTest); the app itself is run by tests/conftest.py `run`."""

from __future__ import annotations

import pytest

import ui.mapview


@pytest.fixture
def views(monkeypatch):
    """What the app asks st_folium for on each run: the centre, the zoom and the overlays' names."""
    seen = []
    real = ui.mapview.st_folium

    def st_folium(fmap, **kwargs):
        groups = [g.layer_name for g in kwargs.get("feature_group_to_add") or []]
        seen.append({"center": kwargs.get("center"), "zoom": kwargs.get("zoom"), "groups": groups})
        return real(fmap, **kwargs)

    monkeypatch.setattr(ui.mapview, "st_folium", st_folium)
    return seen
