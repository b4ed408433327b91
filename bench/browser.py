"""Debian's Chromium as the benchmarks and the browser tests launch it, and the benchmarks'
JavaScript snippets.

Chromium runs as the machine's probe runs it: no background traffic, and every host but
localhost unresolvable, so nothing can leave the machine even if a page tried.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]

SNIPPETS = Path(__file__).resolve().parent / "js"


@functools.cache
def js(name: str) -> str:
    """The text of bench/js/<name>.js: one JavaScript function, as Playwright's `evaluate` and
    `wait_for_function` take it; values go in as their `arg`, never into the source."""
    if re.fullmatch(r"[a-z0-9_]+", name) is None:
        raise ValueError(f"not a snippet name: {name!r}")
    return (SNIPPETS / f"{name}.js").read_text(encoding="utf-8")
