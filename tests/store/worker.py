"""Another app process for the store tests, run as `python -m tests.store.worker TARGET TOKEN MODE`.

MODE "change": open the store, print "ready", wait for a line on stdin, then make the change
given as JSON on argv[4] ({"op": "save" | "add" | "open", "base": n, ...}) and print its
outcome as one JSON line ({"version": n}, {"error": "StaleSave"}, or the opened state).

MODE "crash": save big changes in a loop, printing "TX_OPEN <op> <base>" once the write
transaction is open and "SAVED <version>" after each commit, until killed (tests/store/test_crash.py).
For base version b the change is: b odd -> add_layer("user_1_0_big", FEATURES features, every one
with gen = b + 1); b even -> save_settings({"gen": b + 1, "pad": ...}).
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager

import geopandas as gpd
import shapely

from geo.errors import GeoError
from geo.load import Layer
from geo.store import open_store
from tests.specs import user_spec

FEATURES = 20_000
BIG_ID = "user_1_0_big"


def big_layer(gen: int, n: int = FEATURES) -> Layer:
    frame = gpd.GeoDataFrame(
        {
            "gen": [gen] * n,
            "i": list(range(n)),
            "label": [f"feature {i} of generation {gen} «ñ»" for i in range(n)],
            "source": ["crash test"] * n,
            "confidence": ["illustrative"] * n,
            "licence": ["CC0"] * n,
        },
        geometry=shapely.points([(-77.0 + (i % 200) * 1e-3, 8.0 + (i // 200) * 1e-3) for i in range(n)]),
        crs="EPSG:4326",
    )
    return Layer(user_spec(BIG_ID, geometry="Point"), frame)


def state(store, token: str) -> dict:
    snap = store.open(token)
    return {
        "version": snap.version,
        "settings": snap.settings,
        "layers": [
            {"id": layer.spec.id, "n": len(layer.frame), "gens": sorted({int(g) for g in layer.frame.get("gen", [])})}
            for layer in snap.layers
        ],
    }


def change(store, token: str, order: dict) -> dict:
    try:
        if order["op"] == "save":
            return {"version": store.save_settings(token, order["base"], order["settings"])}
        if order["op"] == "add":
            return {"version": store.add_layer(token, order["base"], big_layer(order["gen"], order.get("n", 10)))}
        return state(store, token)
    except GeoError as error:
        return {"error": type(error).__name__}


def crash_loop(store, token: str) -> None:
    original = store._transaction

    @contextmanager
    def announced(*args, **kwargs):
        with original(*args, **kwargs) as handle:
            if announced.op and kwargs.get("write", args[0] if args else True):
                print(f"TX_OPEN {announced.op} {announced.base}", flush=True)
            yield handle

    announced.op = None
    store._transaction = announced
    while True:
        announced.op = None
        base = store.version(token)
        announced.base = base
        if base % 2:
            announced.op = "add"
            layer = big_layer(base + 1)
            version = store.add_layer(token, base, layer)
        else:
            announced.op = "save"
            version = store.save_settings(token, base, {"gen": base + 1, "pad": "x" * 200_000})
        print(f"SAVED {version}", flush=True)


def main(argv: list[str]) -> int:
    target, token, mode = argv[:3]
    store = open_store(target)
    if mode == "crash":
        crash_loop(store, token)
        return 0
    print("ready", flush=True)
    sys.stdin.readline()
    print(json.dumps(change(store, token, json.loads(argv[3]))), flush=True)
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
