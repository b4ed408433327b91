"""The map's own JavaScript and CSS: real files in `js/` and `css/` (package data), read once.

The Python modules inline these texts into the page as they are (see
geo.webmap.elements: never compiled as a template). Each text is checked when
read, so that it stays inert wherever it is inlined:

- no Jinja start delimiter (`{{`, `{%`, `{#`): even if some element did put it
  through a template again, nothing in it would be evaluated;
- JavaScript: no `</script`, `<script` or `<!--`, which would end the <script>
  element early or change how the browser parses the rest of it;
- CSS: no `</style`, which would end the <style> element.

Data never goes into these files: Python passes it as JSON arguments
(geo.escape.script_json) or as CSS custom properties (`css_properties`).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

_NAME = re.compile(r"[a-z0-9_]+\.(js|css)")
_JINJA = ("{{", "{%", "{#")
_FORBIDDEN = {"js": ("</script", "<script", "<!--"), "css": ("</style", "<!--")}
_PROPERTY = re.compile(r"--dc-[a-z0-9-]+")
_COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}")


class UnsafeResource(ValueError):
    """A js/css file of the package holds text that could escape where it is inlined."""


@cache
def js(name: str) -> str:
    """The text of `js/<name>` (e.g. "infobox.js")."""
    return _read("js", name)


@cache
def css(name: str) -> str:
    """The text of `css/<name>` (e.g. "map.css")."""
    return _read("css", name)


def _read(kind: str, name: str) -> str:
    match = _NAME.fullmatch(name)
    if match is None or match.group(1) != kind:
        raise ValueError(f"not a {kind} file name: {name!r}")
    text = resources.files(__package__).joinpath(kind).joinpath(name).read_text(encoding="utf-8")
    check(text, kind, name)
    return text


def check(text: str, kind: str, name: str = "text") -> None:
    """Raise UnsafeResource unless `text` (of kind "js" or "css") is safe to inline as it is."""
    lowered = text.lower()
    for marker in (*_JINJA, *_FORBIDDEN[kind]):
        if marker in lowered:
            raise UnsafeResource(f"{kind}/{name} holds {marker!r}, which must never be inlined into the page")


def css_properties(values: dict[str, str]) -> str:
    """A `:root` rule declaring CSS custom properties, for the files' `var(...)`.

    Only `--dc-...` names and colours are accepted: values come from this
    project's constants, and nothing else can enter a stylesheet this way.

    >>> css_properties({"--dc-sea": "#dbe8f1"})
    ':root { --dc-sea: #dbe8f1; }'
    """
    for name, value in values.items():
        if not _PROPERTY.fullmatch(name) or not _COLOUR.fullmatch(value):
            raise ValueError(f"not a --dc- colour property: {name!r}: {value!r}")
    return ":root { " + " ".join(f"{name}: {value};" for name, value in values.items()) + " }"


def files(kind: str) -> list[str]:
    """The names of the package's `js` or `css` files."""
    return sorted(p.name for p in resources.files(__package__).joinpath(kind).iterdir() if p.name.endswith(f".{kind}"))
