"""Two app processes on one store (#13 item 6 at the store level): what one saves, the other
sees; a change based on an older version is refused; of simultaneous changes one wins."""

from __future__ import annotations

import json
import subprocess
import sys

from geo.store import open_store
from tests.store.conftest import ROOT, sql_rows
from tests.store.worker import big_layer


def _start(target: str, token: str, order: dict) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.store.worker", target, token, "change", json.dumps(order)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout.readline().strip() == "ready", process.stderr.read()[-2000:]
    return process


def _go(processes: list[subprocess.Popen]) -> list[dict]:
    for process in processes:
        process.stdin.write("go\n")
        process.stdin.flush()
    results = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err[-2000:]
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def test_a_change_saved_by_one_process_is_seen_by_another_and_a_stale_one_refused(target):
    store = open_store(target)
    try:
        snap = store.create({"by": "parent"})
        edit = snap.tokens.edit
        # Another process saves from version 1.
        [saved] = _go([_start(target, edit, {"op": "save", "base": 1, "settings": {"by": "child"}})])
        assert saved == {"version": 2}
        opened = store.open(snap.tokens.view)
        assert (opened.version, opened.settings) == (2, {"by": "child"})
        # A second process still working from version 1 is refused; nothing changes.
        [stale] = _go([_start(target, edit, {"op": "add", "base": 1, "gen": 7})])
        assert stale == {"error": "StaleSave"}
        assert store.open(edit).layers == []
        # This process saves a layer; a third process opening the link sees it.
        assert store.add_layer(edit, 2, big_layer(5, n=12)) == 3
        [seen] = _go([_start(target, snap.tokens.view, {"op": "open"})])
        assert seen == {
            "version": 3,
            "settings": {"by": "child"},
            "layers": [{"id": "user_1_0_big", "n": 12, "gens": [5]}],
        }
    finally:
        store.close()


def test_of_simultaneous_changes_from_one_version_exactly_one_is_saved(target):
    store = open_store(target)
    try:
        snap = store.create({"winner": None})
        processes = [
            _start(target, snap.tokens.edit, {"op": "save", "base": 1, "settings": {"winner": i}}) for i in range(4)
        ]
        results = _go(processes)
        winners = [i for i, r in enumerate(results) if r == {"version": 2}]
        assert len(winners) == 1, results
        assert sorted(r.get("error", "") for r in results) == ["", "StaleSave", "StaleSave", "StaleSave"]
        opened = store.open(snap.tokens.edit)
        assert (opened.version, opened.settings) == (2, {"winner": winners[0]})
        assert sql_rows(target, "SELECT version FROM workspaces") == [(2,)]
    finally:
        store.close()
