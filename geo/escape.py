"""Putting data on a page so that it stays data.

folium/branca render each element's script and then compile the result as
a Jinja template again, so any `{{ ... }}` or `{% ... %}` that reached a
script would be *evaluated* on the server (this was seen: `{{ 7*7 }}`
became `49`). Jinja's `tojson` does not escape braces, so data must not
travel through it. These two helpers are the only ways data reaches the map.
"""

from __future__ import annotations

import html
import json
import re

_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "'": "\\u0027",
    "{": "\\u007b",
    "}": "\\u007d",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


_TRANSLATION = str.maketrans(_SCRIPT_ESCAPES)
_STRING_LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"')


def script_json(value) -> str:
    """JSON text safe inside a <script> and inert to template engines.

    Inside strings, `<`, `>`, `&`, `'` and the braces are written as \\u escapes,
    which JavaScript decodes back to the same characters: nothing is altered.
    Outside strings, a brace is structural and is always followed by `"` or
    `}`, so the output never contains `{{`, `{%` or `{#`.

    >>> script_json({"k": "{{ 7*7 }} <b>"})
    '{"k": "\\\\u007b\\\\u007b 7*7 \\\\u007d\\\\u007d \\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ": "))
    return _STRING_LITERAL.sub(lambda m: m.group(0).translate(_TRANSLATION), text)


def script_safe_string(js_string_literal: str) -> str:
    """`script_json`'s escapes for text that is one JSON string literal as a whole (quotes included):
    every character between the quotes is inside the string, so plain replacements
    do (much faster than the per-literal pass on megabytes)."""
    for char, escape in _SCRIPT_ESCAPES.items():
        if char in js_string_literal:
            js_string_literal = js_string_literal.replace(char, escape)
    return js_string_literal


def html_text(value: object) -> str:
    """Text for places where Leaflet inserts HTML (layer names, attribution).

    >>> html_text("<i>{{ x }}</i>")
    '&lt;i&gt;&#123;&#123; x &#125;&#125;&lt;/i&gt;'
    """
    return html.escape(str(value)).replace("{", "&#123;").replace("}", "&#125;")


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")


def markdown_text(value: object) -> str:
    """Text for Streamlit labels and messages, which render Markdown: every
    Markdown character is backslash-escaped, so a name shows as written.

    >>> print(markdown_text("**x** [a](javascript:1) :red[y]"))
    \\*\\*x\\*\\* \\[a\\]\\(javascript\\:1\\) \\:red\\[y\\]
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(value)).replace("\n", " ")
