"""Session state is declared once, in ui/state.py, and only there is a key written as a string."""

from __future__ import annotations

import re

import pytest

import layers
from tests.conftest import ROOT
from ui import state

#: The interface's modules, state.py apart.
UI_FILES = sorted(p for p in [ROOT / "app.py", *(ROOT / "ui").rglob("*.py")] if p.name != "state.py")

#: A session key written as a string literal: st.session_state["k"], .get("k"), .setdefault("k"),
#: .pop("k"), "k" in st.session_state, st.session_state.k.
LOOSE_KEY = re.compile(
    r"""session_state\s*\[\s*[rbf]?["']"""
    r"""|session_state\s*\.\s*(get|pop|setdefault)\(\s*[rbf]?["']"""
    r"""|setdefault\(\s*[rbf]?["']"""
    r"""|["']\s+(not\s+)?in\s+(st\.)?session_state\b"""
    r"""|session_state\s*\.\s*(?!get\b|pop\b|setdefault\b|keys\b|items\b|values\b|clear\b)[a-z_]\w*"""
)

#: A widget given a literal key (tables keep theirs: an identity on the page, no state).
LITERAL_WIDGET_KEY = re.compile(r"""\bkey\s*=\s*[rbf]?["']""")


@pytest.mark.parametrize("path", UI_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_session_key_is_a_loose_string(path):
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if LOOSE_KEY.search(line)
    ]
    assert found == [], "declare the key in ui/state.py and use the declaration"


@pytest.mark.parametrize("path", UI_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_widget_key_comes_from_its_declaration(path):
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if LITERAL_WIDGET_KEY.search(line) and "dataframe(" not in line
    ]
    assert found == []


@pytest.mark.parametrize(
    "line",
    [
        'st.session_state["drawn_area"] = []',
        "memo = st.session_state.get('analysis_memo')",
        'st.session_state.setdefault("user_layers", [])',
        'st.session_state.pop("import_memo", None)',
        'if "draw_mode" in st.session_state:',
        "layers = st.session_state.user_layers",
        'st.checkbox("x", key="draw_mode")',
    ],
)
def test_the_checks_see_a_loose_key(line):
    assert LOOSE_KEY.search(line) or LITERAL_WIDGET_KEY.search(line)


def declarations():
    return {name: d for name, d in vars(state).items() if isinstance(d, state.Value | state.Widget)}


def test_each_key_is_declared_once_and_no_family_member_can_take_it():
    keys = [d.key for d in declarations().values()]
    assert len(keys) == len(set(keys))
    layer_ids = [spec.id for spec in (*layers.LAYERS, *layers.DERIVED)]
    members = {family.key(i) for family in (state.LAYER, state.REMOVE_LAYER) for i in layer_ids}
    members |= {state.UPLOAD.key(round_) for round_ in range(1000)}
    assert members.isdisjoint(keys)
    user_layers = (state.LAYER.key("user_"), state.REMOVE_LAYER.key("user_"))  # user layer ids begin "user_"
    assert [k for k in keys if k.startswith(user_layers)] == []


def test_the_keys_tests_and_browsers_rely_on_stay_as_published():
    assert {d.key for d in declarations().values()} >= {
        "user_layers",
        "upload_round",
        "prepared_cache",
        "map_bounds",
        "drawn_area",
        "lang",
        "basemap",
        "filter_confidence",
        "analysis_reach_km",
        "draw_mode",
        "draw_clear",
        "export_what",
        "export_layer",
        "export_format",
        "download_export",
        "import_add",
        "import_cancel",
        "import_crs",
        "import_repair",
        "import_swap",
        "import_replaces",
    }
    assert state.LAYER.key("towns") == "layer_towns" and state.UPLOAD.key(0) == "upload_0"
