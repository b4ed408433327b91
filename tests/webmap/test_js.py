"""The map's JavaScript and CSS are real files: they parse, each one is used, they go on the page
as they are (never through a template), and no Python string holds JavaScript any more.

The same holds for the JavaScript of the browser tests and of the benchmark (tests/browser/js,
bench/js): every .py file of the repository is scanned, and every .js file parses."""

from __future__ import annotations

import ast
import dataclasses
import io
import json
import os
import re
import shutil
import subprocess
import tokenize
import tomllib
from pathlib import Path

import pytest

from geo.load import Layer
from geo.spec import Labels
from geo.webmap import resources
from geo.webmap.build import build_map
from geo.webmap.heat import HeatOptions
from geo.webmap.view import ReportWhenPainted
from tests.conftest import ROOT
from tests.webmap.test_big_layers import layer as big_layer
from tests.webmap.test_map import hostile_layer

WEBMAP = ROOT / "geo" / "webmap"
JS_FILES = sorted((WEBMAP / "js").glob("*.js"))
CSS_FILES = sorted((WEBMAP / "css").glob("*.css"))

#: The app and its packages: Python that loads the map's files through geo.webmap.resources.
SCANNED = sorted(
    [ROOT / "app.py", *(path for package in ("geo", "ui", "layers") for path in (ROOT / package).rglob("*.py"))]
)

#: Folders of the repository that hold none of its own code: hidden ones (.venv, .git, caches),
#: installed or vendored files, and what runs write.
_SKIPPED_NAMES = {"node_modules", "__pycache__"}
_SKIPPED_PATHS = {"static", "test-artifacts", "build", "var", "bench/results"}


def repository_files(suffix: str) -> list[Path]:
    """Every file of the repository whose name ends with `suffix`, outside the skipped folders."""
    found = []
    for folder, dirs, files in os.walk(ROOT):
        here = Path(folder)
        dirs[:] = sorted(
            d
            for d in dirs
            if not (
                d.startswith(".")
                or d in _SKIPPED_NAMES
                or d.endswith(".egg-info")
                or (here / d).relative_to(ROOT).as_posix() in _SKIPPED_PATHS
            )
        )
        found += [here / name for name in files if name.endswith(suffix)]
    return sorted(found)


#: Python that must hold no JavaScript: every .py file (app, packages, tests, bench, scripts).
ALL_PYTHON = repository_files(".py")
#: JavaScript that must parse: the map's files, the browser tests' and the benchmark's snippets.
ALL_JS = repository_files(".js")
#: Folders of JavaScript snippets, each file one function for Playwright's evaluate/wait_for_function,
#: and the folder of Python that loads them with `js("name")`.
SNIPPETS = {ROOT / "tests" / "browser" / "js": ROOT / "tests" / "browser", ROOT / "bench" / "js": ROOT / "bench"}
SNIPPET_FILES = sorted(path for folder in SNIPPETS for path in folder.glob("*.js"))


def node() -> str:
    found = shutil.which("node") or ("/usr/bin/node" if Path("/usr/bin/node").exists() else None)
    if found is None:
        pytest.fail("node is missing: `make test` installs Debian's nodejs package (make node)")
    return found


def node_check(path: Path) -> None:
    result = subprocess.run([node(), "--check", str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{path.name} does not parse:\n{result.stderr}"


def full_map() -> str:
    """A page with every kind of element: a small layer, a big one (canvas), a heat map, place
    names, credits, legend, title, the measuring tool, the halo of a dark basemap, a database
    layer's view (the overlay geo/webmap/database.py adds to the live map) and the hold of the
    map's first report (which ui/mapview.py adds)."""
    from tests.database.test_webmap import sample_overlay

    hostile = hostile_layer()
    heat = Layer(dataclasses.replace(hostile.spec, id="hostile_heat"), hostile.frame)
    named = Layer(dataclasses.replace(hostile.spec, id="named", labels=Labels("name")), hostile.frame)  # place names
    layers = [hostile, named, big_layer("Point"), heat]
    fmap = build_map(layers, "es", "imagery", title=("Title", ["line"]), heat={"hostile_heat": HeatOptions()})
    fmap.add_child(sample_overlay())
    fmap.add_child(ReportWhenPainted())
    return fmap.get_root().render()


@pytest.fixture(scope="module")
def page() -> str:
    return full_map()


# --- the files parse --------------------------------------------------------------------------


def test_there_are_javascript_and_css_files():
    assert {p.name for p in JS_FILES} >= {"infobox.js", "canvaslayer.js", "featureinfo.js", "legend.js"}
    assert {p.name for p in CSS_FILES} == {"map.css", "halo.css", "labels.css"}


@pytest.mark.parametrize("path", JS_FILES, ids=lambda p: p.name)
def test_every_javascript_file_parses(path):
    node_check(path)


@pytest.mark.parametrize("path", ALL_JS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_javascript_file_in_the_repository_parses(path):
    node_check(path)


def test_the_scans_reach_every_file_of_the_repository():
    """Every .py and .js file git tracks is scanned (outside static/, whose files are vendored)."""
    assert set(JS_FILES) | set(SNIPPET_FILES) <= set(ALL_JS)
    assert {path.parent for path in SNIPPET_FILES} == set(SNIPPETS)
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    listed = subprocess.run(
        [git, "ls-files", "-z", "--", "*.py", "*.js"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    tracked = {ROOT / name for name in listed.split("\0") if name and not name.startswith("static/")}
    tracked = {path for path in tracked if path.exists()}  # deleted in the work tree, not yet in git
    assert {path for path in tracked if path.suffix == ".py"} - set(ALL_PYTHON) == set()
    assert {path for path in tracked if path.suffix == ".js"} - set(ALL_JS) == set()


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
#: (The arrow is written `=[>]` so that this file passes its own scan.)
JS_FUNCTION = re.compile(r"\bfunction\b\s*(?:[A-Za-z_$][\w$]*\s*)?\(|=[>]")
#: The scan's own samples (Python sources), kept as data so that this file holds none.
SAMPLES = tomllib.loads((ROOT / "tests" / "webmap" / "js_scan_samples.toml").read_text(encoding="utf-8"))
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


@pytest.mark.parametrize("source", SAMPLES["caught"])
def test_the_scan_finds_javascript_functions_in_strings(source):
    assert javascript_functions_in_strings(source)


@pytest.mark.parametrize("source", SAMPLES["left_alone"])
def test_the_scan_leaves_references_and_prose_alone(source):
    assert javascript_functions_in_strings(source) == []


def test_no_python_file_holds_a_javascript_function():
    assert len(SCANNED) > 20
    assert set(SCANNED) <= set(ALL_PYTHON)
    folders = {path.relative_to(ROOT).parts[0] for path in ALL_PYTHON}
    assert folders >= {"app.py", "geo", "ui", "layers", "tests", "bench", "scripts"}
    found = {
        str(path.relative_to(ROOT)): hits
        for path in ALL_PYTHON
        if (hits := javascript_functions_in_strings(path.read_text(encoding="utf-8")))
    }
    assert found == {}, "JavaScript belongs in geo/webmap/js/*.js, tests/browser/js/*.js or bench/js/*.js"


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
    assert ":root { --dc-sea: #dbe8f1;" in page
    assert "background: var(--dc-sea)" in page
    with pytest.raises(ValueError, match="colour property"):
        resources.css_properties({"--dc-sea": "red; } body { display: none"})


# --- the browser tests' and the benchmark's JavaScript: one function per file ---------------

#: Playwright calls that take JavaScript source as their first argument.
_PLAYWRIGHT_JS = {"evaluate", "evaluate_handle", "wait_for_function", "eval_on_selector", "eval_on_selector_all"}


def snippet_shapes(paths: list[Path]) -> dict[str, str | None]:
    """{path: None, or what is wrong}: is each file one function as Playwright takes it?"""
    script = ROOT / "tests" / "webmap" / "snippet_shape.js"
    result = subprocess.run(
        [node(), str(script), *map(str, paths)], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def snippet_calls() -> list[tuple[str, Path, str]]:
    """(where, folder, name) of each `js("name")` call in the Python beside each snippet folder."""
    calls = []
    for folder, python in SNIPPETS.items():
        for path in sorted(python.glob("*.py")):
            for node_ in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node_, ast.Call) and isinstance(node_.func, ast.Name) and node_.func.id == "js"):
                    continue
                where = f"{path.relative_to(ROOT)}:{node_.lineno}"
                arg = node_.args[0] if len(node_.args) == 1 else None
                assert isinstance(arg, ast.Constant) and isinstance(arg.value, str), (
                    f"{where}: name the snippet literally, so that this test can follow it"
                )
                calls.append((where, folder, arg.value))
    return calls


def javascript_built_from_values(source: str) -> list[int]:
    """Lines of `source` where JavaScript for Playwright is made by formatting values into it
    (an f-string, `%`, `+` or `.format`), or where a snippet's text is changed, instead of the
    values going in as the call's `arg`."""
    tree = ast.parse(source)
    parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
    found = []
    for node_ in ast.walk(tree):
        if not isinstance(node_, ast.Call):
            continue
        if isinstance(node_.func, ast.Attribute) and node_.func.attr in _PLAYWRIGHT_JS:
            expression = (
                node_.args[0]
                if node_.args
                else next((k.value for k in node_.keywords if k.arg in ("expression", "page_function")), None)
            )
            built = isinstance(expression, (ast.JoinedStr, ast.BinOp)) or (
                isinstance(expression, ast.Call)
                and isinstance(expression.func, ast.Attribute)
                and expression.func.attr == "format"
            )
            if built:
                found.append(node_.lineno)
        elif (
            isinstance(node_.func, ast.Name)
            and node_.func.id == "js"
            and isinstance(parents.get(node_), (ast.BinOp, ast.FormattedValue, ast.Attribute, ast.Subscript))
        ):
            found.append(node_.lineno)
    return found


def test_there_are_snippets_for_the_browser_tests_and_the_benchmark():
    assert len([p for p in SNIPPET_FILES if p.parent.parent.name == "browser"]) >= 10
    assert {p.name for p in SNIPPET_FILES if p.parent.parent.name == "bench"} >= {"two_frames.js", "count_at_least.js"}


@pytest.mark.parametrize("path", SNIPPET_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_snippet_starts_with_a_comment_saying_what_it_returns(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("// Returns ")
    header = "".join(line for line in text.splitlines(keepends=True) if line.startswith("//"))
    assert "Argument" in header or "No argument" in header


def test_every_snippet_is_one_function_as_playwright_takes_it():
    shapes = snippet_shapes(SNIPPET_FILES)
    assert len(shapes) == len(SNIPPET_FILES)
    assert {name: problem for name, problem in shapes.items() if problem} == {}


@pytest.mark.parametrize(
    ("text", "problem"),
    [pytest.param(s["text"], s["problem"], id=str(i)) for i, s in enumerate(SAMPLES["not_one_function"])],
)
def test_the_shape_check_refuses_what_playwright_would_not_call(tmp_path, text, problem):
    path = tmp_path / "snippet.js"
    path.write_text(text, encoding="utf-8")
    assert problem in snippet_shapes([path])[str(path)]


def test_every_snippet_is_loaded_and_every_snippet_asked_for_exists():
    calls = snippet_calls()
    asked = {folder / f"{name}.js" for _where, folder, name in calls}
    assert asked - set(SNIPPET_FILES) == set(), "asked for but missing"
    assert set(SNIPPET_FILES) - asked == set(), "never loaded (orphans)"


def test_the_loader_reads_only_snippet_files():
    from tests.browser.js import js

    assert js("one_map_frame") == (ROOT / "tests" / "browser" / "js" / "one_map_frame.js").read_text(encoding="utf-8")
    for name in ("../js", "one_map_frame.js", "js/one_map_frame", ""):
        with pytest.raises(ValueError, match="not a snippet"):
            js(name)
    with pytest.raises(FileNotFoundError):
        js("missing")


def test_values_reach_javascript_as_arguments_never_formatted_into_it():
    found = {
        str(path.relative_to(ROOT)): lines
        for path in ALL_PYTHON
        if (lines := javascript_built_from_values(path.read_text(encoding="utf-8")))
    }
    assert found == {}, "pass values as Playwright's `arg`: page.evaluate(js(name), [a, b])"


@pytest.mark.parametrize(
    "source",
    [
        # As the browser tests and the benchmark were before the snippets existed:
        'page.wait_for_function(f"window.__dcDrawn > {drawn}", timeout=30_000)',
        'page.evaluate(f"window.__dcLayer.rings({f}, false)")',
        "page.wait_for_function(f\"document.querySelectorAll('path').length >= {n}\", polling=50)",
        'page.evaluate("window.__dcLayer._map.setView([8.2, -78.0], %d)" % zoom)',
        'page.evaluate("window.__dcLayer.rings(" + str(f) + ", true)")',
        'page.evaluate("window.__dcLayer.rings({}, true)".format(f))',
        'page.evaluate(expression=f"window.x = {x}")',
        'page.evaluate(js("rings").replace("INDEX", str(f)))',
        "page.evaluate(f\"{js('rings')}\")",
        'page.evaluate(js("rings") + ";")',
    ],
)
def test_the_value_check_finds_values_formatted_into_javascript(source):
    assert javascript_built_from_values(source)


@pytest.mark.parametrize(
    "source",
    [
        'page.evaluate(js("canvas_layer_rings"), [f, False])',
        'page.wait_for_function(js("drawn_more_than"), arg=drawn, timeout=30_000)',
        'page.wait_for_function("window.__dcDrawn >= 1", timeout=30_000)',
        'condition, arg = js("count_at_least"), ["path", n]\npage.wait_for_function(condition, arg=arg)',
        'text = f"{value}"  # not JavaScript',
    ],
)
def test_the_value_check_leaves_arguments_alone(source):
    assert javascript_built_from_values(source) == []
