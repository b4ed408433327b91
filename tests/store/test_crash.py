"""`kill -9` in the middle of a save (#13 item 3): a real child process saves big changes in a
loop and is SIGKILLed while its write transaction is open. Reopened, the store is intact (SQLite:
PRAGMA integrity_check) and the workspace is exactly one fully committed version: the one
before the interrupted save (or, if the commit won the race, the one after), never a mix."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

from geo.store import open_store
from tests.store.conftest import ROOT
from tests.store.worker import BIG_ID, FEATURES

ROUNDS = 3


def _expected(version: int) -> tuple[int, int]:
    """The (layer gen, settings gen) of a committed version: each change of the loop is known."""
    layer_gen = max((v for v in range(2, version + 1) if v % 2 == 0), default=0)  # add_layer made even versions
    settings_gen = max((v for v in range(3, version + 1) if v % 2 == 1), default=1)  # save_settings odd ones
    return layer_gen, settings_gen


def _kill_during_a_save(target: str, token: str) -> tuple[int, str]:
    """Run the crash loop; after at least one committed save, SIGKILL it inside the next big
    add_layer transaction. The last version it reported saved, and what it was doing."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.store.worker", target, token, "crash"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    last_saved, saved_once = None, False
    deadline = time.monotonic() + 300
    try:
        for line in child.stdout:
            assert time.monotonic() < deadline, "the crash loop made no progress"
            word, *rest = line.split()
            if word == "SAVED":
                last_saved, saved_once = int(rest[0]), True
            elif word == "TX_OPEN" and rest[0] == "add" and saved_once:
                time.sleep(random.uniform(0.0, 0.05))
                os.kill(child.pid, signal.SIGKILL)
                break
        else:
            raise AssertionError(f"the child ended by itself: {child.stderr.read()[-2000:]}")
    finally:
        child.kill()
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL
    return last_saved, rest[1]


def _check_committed_state(target: str, token: str, last_saved: int) -> bool:
    """The reopened workspace is exactly a committed version; True when the interrupted change was lost."""
    if not target.startswith("postgresql://"):
        conn = sqlite3.connect(target)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        conn.close()
    store = open_store(target)
    try:
        snap = store.open(token)
    finally:
        store.close()
    assert snap.version in (last_saved, last_saved + 1)
    layer_gen, settings_gen = _expected(snap.version)
    assert snap.settings.get("gen", 1) == settings_gen
    if layer_gen:
        [layer] = snap.layers
        assert layer.spec.id == BIG_ID
        assert len(layer.frame) == FEATURES
        assert set(layer.frame["gen"]) == {layer_gen}
        assert layer.frame["i"].tolist() == list(range(FEATURES))
    else:
        assert snap.layers == []
    return snap.version == last_saved


def test_kill_9_during_a_save_leaves_the_last_committed_version(target):
    store = open_store(target)
    token = store.create({"gen": 1}).tokens.edit
    store.close()
    lost = 0
    for _ in range(ROUNDS):
        last_saved, _base = _kill_during_a_save(target, token)
        lost += _check_committed_state(target, token, last_saved)
    # The kills landed inside open transactions: at least one interrupted save left no trace.
    assert lost >= 1
    # And the store still takes changes afterwards.
    store = open_store(target)
    try:
        version = store.version(token)
        assert store.save_settings(token, version, {"after": "crash"}) == version + 1
    finally:
        store.close()
