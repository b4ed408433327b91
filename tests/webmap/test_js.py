"""The map's JavaScript and CSS are real files: they parse, each one is used, they go on the page
as they are (never through a template), and no Python string holds JavaScript any more."""

from __future__ import annotations

import ast
import io
import re
import shutil
import subprocess
import tokenize
from pathlib import Path

import pytest

from geo.webmap import resources
from geo.webmap.build import build_map
from tests.conftest import ROOT
from tests.webmap.test_big_layers import layer as big_layer
from tests.webmap.test_map import hostile_layer

WEBMAP = ROOT / "geo" / "webmap"
JS_FILES = sorted((WEBMAP / "js").glob("*.js"))
CSS_FILES = sorted((WEBMAP / "css").glob("*.css"))

#: Python that must hold no JavaScript: the app and its packages.
SCANNED = sorted(
    [ROOT / "app.py", *(path for package in ("geo", "ui", "layers") for path in (ROOT / package).rglob("*.py"))]
)


def node() -> str:
    found = shutil.which("node") or ("/usr/bin/node" if Path("/usr/bin/node").exists() else None)
    if found is None:
        pytest.fail("node is missing: `make test` installs Debian's nodejs package (make node)")
    return found


def node_check(path: Path) -> None:
    result = subprocess.run([node(), "--check", str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{path.name} does not parse:\n{result.stderr}"


def full_map() -> str:
    """A page with every kind of element: a small layer, a big one (canvas), credits, legend, title."""
    return build_map([hostile_layer(), big_layer("Point")], "es", title=("Title", ["line"])).get_root().render()


@pytest.fixture(scope="module")
def page() -> str:
    return full_map()


# --- the files parse --------------------------------------------------------------------------


def test_there_are_javascript_and_css_files():
    assert {p.name for p in JS_FILES} >= {"infobox.js", "canvaslayer.js", "featureinfo.js", "legend.js"}
    assert {p.name for p in CSS_FILES} == {"map.css"}


@pytest.mark.parametrize("path", JS_FILES, ids=lambda p: p.name)
def test_every_javascript_file_parses(path):
    node_check(path)


def test_the_page_scripts_parse_with_the_python_glue_around_the_files(page, tmp_path):
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert scripts
    for i, script in enumerate(scripts):
        (tmp_path / f"page{i}.js").write_text(script, encoding="utf-8")
        node_check(tmp_path / f"page{i}.js")


@pytest.mark.parametrize("path", [*JS_FILES, *CSS_FILES], ids=lambda p: p.name)
def test_every_file_starts_with_a_comment_saying_what_it_does(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("//" if path.suffix == ".js" else "/*")
    assert "Expects from Python" in text


# --- no JavaScript left in Python strings -----------------------------------------------------

#: `function (`, `function name(` or an arrow `=>`, the marks of a JavaScript function.
JS_FUNCTION = re.compile(r"\bfunction\b\s*(?:[A-Za-z_$][\w$]*\s*)?\(|=>")
_STRING_TOKENS = {tokenize.STRING} | ({tokenize.FSTRING_MIDDLE} if hasattr(tokenize, "FSTRING_MIDDLE") else set())


def javascript_functions_in_strings(source: str) -> list[tuple[int, str]]:
    """(line, text) of each JavaScript function written inside a string of Python `source`."""
    found = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type not in _STRING_TOKENS:
            continue
        for match in JS_FUNCTION.finditer(token.string):
            line = token.start[0] + token.string.count("\n", 0, match.start())
            found.append((line, token.string[max(0, match.start() - 30) : match.end() + 30].strip()))
    return found


@pytest.mark.parametrize(
    "source",
    [
        # As the code was before the files existed:
        'INFO_BOX_JS = r"""\nif (!window.dcInfoBox) {\nwindow.dcInfoBox = function(title, fields, get) {\n"""',
        '_template = Template("""\n{% macro script(this, kwargs) %}\n(function() {\n})();\n{% endmacro %}\n""")',
        'JS = """\n    return function(feature, layer) {\n        function render(fields) {\n"""',
        'CODE = (\n    "this._note.onAdd = () => { return d; };"\n)',
        'on_each = JsCode("(feature, layer) => layer.bindTooltip(feature.id)")',
        'style = JsCode("function dcStyle (feature) { return {}; }")',
        "f = f\"layer.on('click', e => {{ open(e) }})\"",
    ],
)
def test_the_scan_finds_javascript_functions_in_strings(source):
    assert javascript_functions_in_strings(source)


@pytest.mark.parametrize(
    "source",
    [
        'on_each = JsCode("window.dcFeatureInfo[\\"patrol_zones\\"]")',
        'glue = "window.dcLegend({{ this._parent.get_name() }}, {{ this.items_json }});"',
        '"""The function of the map (a pure one) is to draw; x -> y."""',
        "# function (x) => y, in a comment\nx = 1",
    ],
)
def test_the_scan_leaves_references_and_prose_alone(source):
    assert javascript_functions_in_strings(source) == []


def test_no_python_file_holds_a_javascript_function():
    assert len(SCANNED) > 20
    found = {
        str(path.relative_to(ROOT)): hits
        for path in SCANNED
        if (hits := javascript_functions_in_strings(path.read_text(encoding="utf-8")))
    }
    assert found == {}, "JavaScript belongs in geo/webmap/js/*.js"


# --- every file is used, every file asked for exists ------------------------------------------


def loader_calls() -> list[tuple[str, str, str]]:
    """(module, kind, name) of each `resources.js(...)`/`resources.css(...)` call in the scanned Python."""
    calls = []
    for path in SCANNED:
        for node_ in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (
                isinstance(node_, ast.Call)
                and isinstance(node_.func, ast.Attribute)
                and isinstance(node_.func.value, ast.Name)
                and node_.func.value.id == "resources"
                and node_.func.attr in ("js", "css")
            ):
                continue
            where = f"{path.relative_to(ROOT)}:{node_.lineno}"
            arg = node_.args[0] if len(node_.args) == 1 else None
            assert isinstance(arg, ast.Constant) and isinstance(arg.value, str), (
                f"{where}: name the file literally, so that this test can follow it"
            )
            calls.append((where, node_.func.attr, arg.value))
    return calls


def test_every_file_is_loaded_by_some_module_and_every_file_asked_for_exists():
    calls = loader_calls()
    asked = {(kind, name) for _where, kind, name in calls}
    on_disk = {("js", p.name) for p in JS_FILES} | {("css", p.name) for p in CSS_FILES}
    assert asked - on_disk == set(), "asked for but missing"
    assert on_disk - asked == set(), "never loaded (orphans)"
    assert set(resources.files("js")) == {p.name for p in JS_FILES}
    for _where, kind, name in calls:
        assert getattr(resources, kind)(name)


def test_every_file_reaches_the_page_as_it_is(page):
    for path in [*JS_FILES, *CSS_FILES]:
        assert path.read_text(encoding="utf-8") in page, path.name


def test_the_loader_reads_only_files_of_its_folders():
    for name in ("../build.py", "js/infobox.js", "infobox.css", "missing"):
        with pytest.raises(ValueError, match="not a"):
            resources.js(name)
    with pytest.raises(FileNotFoundError):
        resources.js("missing.js")


# --- inlined as they are, never compiled as a template ----------------------------------------


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("js", "a = {{ 7*7 }};"),
        ("js", "{% if true %}x{% endif %}"),
        ("js", "x = {#a: 1};"),
        ("js", "s = '</SCRIPT>';"),
        ("js", "s = '<script>';"),
        ("js", "<!-- x"),
        ("css", "a::after { content: '</style>'; }"),
        ("css", "a { b: {{ c }} }"),
    ],
)
def test_text_that_could_escape_where_it_is_inlined_is_refused(kind, text):
    with pytest.raises(resources.UnsafeResource):
        resources.check(text, kind)


def test_file_contents_are_never_evaluated_as_template_code(monkeypatch):
    """Even text the loader would refuse reaches the page verbatim: no element compiles it again."""
    marker = "/* {{ 7*7 }} {% for i in range(3) %}X{% endfor %} {# c #} */"
    read_js, read_css = resources.js, resources.css
    monkeypatch.setattr(resources, "js", lambda name: read_js(name) + f"\n{marker} // {name}\n")
    monkeypatch.setattr(resources, "css", lambda name: read_css(name) + f"\n{marker} /* {name} */\n")
    page = full_map()
    for path in JS_FILES:
        assert f"{marker} // {path.name}" in page, path.name
    for path in CSS_FILES:
        assert f"{marker} /* {path.name} */" in page, path.name


def test_the_sea_colour_reaches_the_stylesheet_as_a_custom_property(page):
    assert ":root { --dc-sea: #dbe8f1; }" in page
    assert "background: var(--dc-sea)" in page
    with pytest.raises(ValueError, match="colour property"):
        resources.css_properties({"--dc-sea": "red; } body { display: none"})
