"""The browser tests' JavaScript: real files in tests/browser/js/, one function expression each.

`js("name")` is the text of `js/name.js`, as Playwright's `page.evaluate(...)` and
`page.wait_for_function(...)` take it: a function, called with the call's `arg`. Values
(selectors, coordinates, zooms, counts) always travel as that `arg`, never in the source.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "js"
_NAME = re.compile(r"[a-z0-9_]+")


@cache
def js(name: str) -> str:
    """The text of tests/browser/js/<name>.js (e.g. "one_map_frame")."""
    if _NAME.fullmatch(name) is None:
        raise ValueError(f"not a snippet name: {name!r}")
    return (FOLDER / f"{name}.js").read_text(encoding="utf-8")
