"""The workspace store's behaviour, the same tests on both backends (the `store` fixture)."""

from __future__ import annotations

import re

import pytest

from geo.errors import QuotaExceeded, StaleSave, UnknownLayerError, WorkspaceNotFound, WorkspaceReadOnly
from geo.store import DEFAULT_QUOTA_BYTES, Snapshot, Store, open_store
from geo.store.api import quota_bytes
from tests.store.conftest import NASTY, assert_same_layer, every_type_layer, small_layer, sql_rows

SETTINGS = {
    "format": 1,
    "lang": "es",
    "basemap": "OpenStreetMap",
    "layers": ["parks", "user_1_0_survey"],
    "view": {"lat": 8.25, "lng": -77.5, "zoom": 9},
    "drawn_area": [[-77.5, 8.0], [-77.0, 8.0], [-77.2, 8.5]],
    "filters": {"name": NASTY, "ñ": "«Darién»", "none": None, "yes": True, "n": 0, "x": -0.5},
    "as_of": "2024-01-01",
}


def test_a_new_workspace_has_version_1_and_two_unguessable_tokens(store):
    snap = store.create(SETTINGS)
    assert isinstance(store, Store) and store.kind in {"sqlite", "postgis"}
    assert isinstance(snap, Snapshot)
    assert (snap.version, snap.settings, snap.layers, snap.can_edit) == (1, SETTINGS, [], True)
    edit, view = snap.tokens.edit, snap.tokens.view
    assert edit != view
    for token in (edit, view):
        assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token)  # 32 random bytes = 256 bits
    other = store.create({})
    assert {other.tokens.edit, other.tokens.view}.isdisjoint({edit, view})


def test_a_layer_with_every_attribute_type_comes_back_exactly(store):
    snap = store.create({})
    layer = every_type_layer(replaces="parks")
    version = store.add_layer(snap.tokens.edit, 1, layer)
    assert version == 2
    for token in (snap.tokens.edit, snap.tokens.view):
        opened = store.open(token)
        assert opened.version == 2
        assert len(opened.layers) == 1
        assert_same_layer(opened.layers[0], layer)
    frame = store.open(snap.tokens.view).layers[0].frame
    assert frame.geometry[1].has_z and frame.geometry[1].z == 12.5
    assert frame.geometry[8] is None
    assert frame["ratio"].isna().tolist()[1] and frame["mixed"].tolist()[4] is None


def test_unicode_quotes_and_sql_looking_values_are_data_not_sql(store, target):
    snap = store.create({"title": NASTY, NASTY: "ñ"})
    layer = every_type_layer(layer_id=f"user_1_0_{NASTY}", marker=NASTY)
    store.add_layer(snap.tokens.edit, 1, layer)
    store.save_settings(snap.tokens.edit, 2, {NASTY: [NASTY, "Robert'); DROP TABLE workspace_layers;--"]})
    opened = store.open(snap.tokens.edit)
    assert opened.settings == {NASTY: [NASTY, "Robert'); DROP TABLE workspace_layers;--"]}
    assert_same_layer(opened.layers[0], layer)
    assert sql_rows(target, "SELECT COUNT(*) FROM workspaces") == [(1,)]  # the table is still there


def test_settings_come_back_as_saved_and_each_change_adds_one_to_the_version(store):
    snap = store.create({"lang": "es"})
    edit = snap.tokens.edit
    assert store.save_settings(edit, 1, SETTINGS) == 2
    assert store.add_layer(edit, 2, small_layer("user_2_0_a")) == 3
    assert store.add_layer(edit, 3, small_layer("user_3_0_b")) == 4
    assert store.add_layer(edit, 4, small_layer("user_2_0_a", n=5, value="new")) == 5  # replaced, in place
    assert store.version(edit) == store.version(snap.tokens.view) == 5
    opened = store.open(edit)
    assert opened.settings == SETTINGS
    assert [layer.spec.id for layer in opened.layers] == ["user_2_0_a", "user_3_0_b"]
    assert opened.layers[0].frame["value"].tolist() == ["new"] * 5
    assert store.remove_layer(edit, 5, "user_2_0_a") == 6
    assert [layer.spec.id for layer in store.open(edit).layers] == ["user_3_0_b"]
    assert store.add_layer(edit, 6, small_layer("user_4_0_c")) == 7
    assert [layer.spec.id for layer in store.open(edit).layers] == ["user_3_0_b", "user_4_0_c"]


def test_opening_with_each_token_says_what_it_may_do(store):
    snap = store.create(SETTINGS)
    by_edit, by_view = store.open(snap.tokens.edit), store.open(snap.tokens.view)
    assert (by_edit.can_edit, by_edit.tokens.edit, by_edit.tokens.view) == (True, snap.tokens.edit, snap.tokens.view)
    assert (by_view.can_edit, by_view.tokens.edit, by_view.tokens.view) == (False, None, snap.tokens.view)


CHANGES = {
    "save_settings": lambda s, token, v: s.save_settings(token, v, {"changed": True}),
    "add_layer": lambda s, token, v: s.add_layer(token, v, small_layer("user_9_0_new")),
    "remove_layer": lambda s, token, v: s.remove_layer(token, v, "user_2_0_points"),
}


def _state(store, token):
    snap = store.open(token)
    return snap.version, snap.settings, [(layer.spec.id, len(layer.frame)) for layer in snap.layers]


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_save_from_an_older_version_is_refused_and_changes_nothing(store, change):
    snap = store.create({"a": 1})
    edit = snap.tokens.edit
    store.add_layer(edit, 1, small_layer())
    store.save_settings(edit, 2, {"a": 2})  # someone else saved: version 3
    before = _state(store, edit)
    for stale in (1, 2, 4, -1):
        with pytest.raises(StaleSave) as refused:
            CHANGES[change](store, edit, stale)
        assert refused.value.message("es") != refused.value.message("en")
    assert _state(store, edit) == before
    assert CHANGES[change](store, edit, 3) == 4  # from the current version it goes through


@pytest.mark.parametrize("change", [*sorted(CHANGES), "delete"])
def test_a_view_token_cannot_change_anything(store, change):
    snap = store.create({"a": 1})
    store.add_layer(snap.tokens.edit, 1, small_layer())
    before = _state(store, snap.tokens.edit)
    attempt = CHANGES.get(change, lambda s, token, v: s.delete(token))
    with pytest.raises(WorkspaceReadOnly):
        attempt(store, snap.tokens.view, 2)
    assert _state(store, snap.tokens.edit) == before


def _tampered(token: str) -> str:
    return token[:-1] + ("A" if token[-1] != "A" else "B")


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "x",
        NASTY,
        "A" * 43,
        "é" * 43,
        "../../etc/passwd",
        "A" * 10_000,
        "' OR '1'='1" + "A" * 32,
        "%27%3B" * 8,
        None,
        12345,
        "A" * 42 + "\x00",
    ],
    ids=lambda b: repr(b)[:20],
)
def test_malformed_tokens_find_nothing(store, bad):
    store.create({})
    for call in (store.open, store.version):
        with pytest.raises(WorkspaceNotFound):
            call(bad)
    with pytest.raises(WorkspaceNotFound):
        store.save_settings(bad, 1, {})
    with pytest.raises(WorkspaceNotFound):
        store.delete(bad)


def test_tampered_and_unknown_tokens_find_nothing(store):
    snap = store.create({})
    for bad in (_tampered(snap.tokens.edit), _tampered(snap.tokens.view), open_token_like()):
        with pytest.raises(WorkspaceNotFound) as refused:
            store.open(bad)
        assert "not valid" in str(refused.value)
        assert refused.value.message("es") == "este enlace no es válido o el espacio de trabajo fue eliminado"
        with pytest.raises(WorkspaceNotFound):
            store.add_layer(bad, 1, small_layer())
    assert store.version(snap.tokens.edit) == 1


def open_token_like() -> str:
    import secrets

    return secrets.token_urlsafe(32)


def test_a_deleted_workspace_is_gone_with_its_features(store, target):
    keep = store.create({"keep": True})
    store.add_layer(keep.tokens.edit, 1, small_layer(n=4))
    gone = store.create({})
    store.add_layer(gone.tokens.edit, 1, every_type_layer())
    store.delete(gone.tokens.edit)
    for token in (gone.tokens.edit, gone.tokens.view):
        with pytest.raises(WorkspaceNotFound):
            store.open(token)
        with pytest.raises(WorkspaceNotFound):
            store.save_settings(token, 2, {})
    with pytest.raises(WorkspaceNotFound):
        store.delete(gone.tokens.edit)
    assert sql_rows(target, "SELECT COUNT(*) FROM workspace_features") == [(4,)]  # only the kept layer's
    assert sql_rows(target, "SELECT COUNT(*) FROM workspace_layers") == [(1,)]
    assert len(store.open(keep.tokens.view).layers[0].frame) == 4


def test_tokens_are_stored_only_as_hashes(store, target):
    import hashlib

    snap = store.create({})
    rows = " ".join(map(str, sql_rows(target, "SELECT * FROM workspaces")))
    for token in (snap.tokens.edit, snap.tokens.view):
        assert token not in rows
        assert hashlib.sha256(token.encode()).hexdigest() in rows
    if store.kind == "sqlite":
        from pathlib import Path

        on_disk = b"".join(p.read_bytes() for p in Path(target).parent.glob(Path(target).name + "*"))
        assert snap.tokens.edit.encode() not in on_disk and snap.tokens.view.encode() not in on_disk


def test_the_store_has_no_way_to_list_workspaces(store):
    public = {name for name in dir(store) if not name.startswith("_")}
    assert not {n for n in public if "list" in n or "all" in n or "find" in n or "search" in n}


def test_removing_a_layer_the_workspace_does_not_have_changes_nothing(store):
    snap = store.create({})
    with pytest.raises(UnknownLayerError):
        store.remove_layer(snap.tokens.edit, 1, "user_404")
    assert store.version(snap.tokens.edit) == 1


def test_the_quota_refuses_a_layer_that_would_not_fit_and_stores_nothing(store, target, monkeypatch):
    assert quota_bytes() == DEFAULT_QUOTA_BYTES == 100 * 2**20
    monkeypatch.setenv("DARIEN_QUOTA_MB", "0.05")  # 52 kB
    assert quota_bytes() == int(0.05 * 2**20)
    snap = store.create({})
    edit = snap.tokens.edit
    assert store.add_layer(edit, 1, small_layer("user_1_0_small", n=50)) == 2
    with pytest.raises(QuotaExceeded) as refused:
        store.add_layer(edit, 2, small_layer("user_2_0_big", n=2000))
    assert "0.05" not in refused.value.message("en") and "MB" in refused.value.message("es")
    assert store.version(edit) == 2
    assert [layer.spec.id for layer in store.open(edit).layers] == ["user_1_0_small"]
    assert sql_rows(target, "SELECT COUNT(*) FROM workspace_features") == [(50,)]
    # Replacing a layer counts the replaced one out; another workspace has its own quota.
    assert store.add_layer(edit, 2, small_layer("user_1_0_small", n=300)) == 3
    other = store.create({})
    assert store.add_layer(other.tokens.edit, 1, small_layer("user_1_0_small", n=300)) == 2
    monkeypatch.setenv("DARIEN_QUOTA_MB", "not a number")
    assert quota_bytes() == DEFAULT_QUOTA_BYTES


def test_settings_that_are_not_json_are_refused_before_anything_is_stored(store):
    snap = store.create({})
    for bad in ({"x": float("nan")}, {"x": {1, 2}}, ["not", "a", "dict"]):
        with pytest.raises(ValueError):
            store.save_settings(snap.tokens.edit, 1, bad)
    assert store.version(snap.tokens.edit) == 1


def test_a_second_store_object_sees_what_the_first_saved(store, target):
    snap = store.create({"a": 1})
    other = open_store(target)
    try:
        assert other.open(snap.tokens.view).settings == {"a": 1}
        assert other.save_settings(snap.tokens.edit, 1, {"a": 2}) == 2
        assert store.open(snap.tokens.edit).settings == {"a": 2}
        with pytest.raises(StaleSave):
            store.save_settings(snap.tokens.edit, 1, {"a": 3})
    finally:
        other.close()
