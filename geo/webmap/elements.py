"""Page elements whose text is put on the page once made, never compiled as a template again.

branca's MacroElement.render wraps the output of an element's `script` macro
in an `Element`, whose template is *compiled from that output*: a second Jinja
pass over the script, in which any `{{ ... }}` or `{% ... %}` would be evaluated.
The map's elements inline the project's JavaScript (geo.webmap.resources) and
data (JSON made by geo.escape) in their scripts, so they go through
`RawScriptMacro` instead: their macro is rendered once (it substitutes values,
it never parses them) and the result is added as `RawText`.

streamlit-folium builds its page from each element's `script` macro
(`_template.module.script(element)`), also rendered once.
"""

from __future__ import annotations

from branca.element import Element


class RawText(Element):
    """Text already made (a script, a stylesheet): added to the page as it is, never compiled as a template."""

    def __init__(self, text: str):
        super().__init__()
        self._text = text

    def render(self, **kwargs) -> str:
        return self._text


class RawScriptMacro:
    """Mixin for a MacroElement with only a `script` macro: like MacroElement.render,
    but the rendered script is not compiled again. Put it before the folium class:
    `class Legend(RawScriptMacro, MacroElement)`."""

    def render(self, **kwargs):
        module = self._template.module
        if "header" in module.__dict__ or "html" in module.__dict__:
            raise TypeError(f"{type(self).__name__}: only a script macro is supported")
        self.get_root().script.add_child(RawText(module.script(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)
