"""geo/ and layers/ never import Streamlit: they can be used from scripts and tests.
The interface (app.py and ui/) is the only code that does."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLAIN = ("geo", "layers")
IMPORTS_STREAMLIT = re.compile(r"^\s*(import|from)\s+streamlit", re.MULTILINE)  # streamlit_folium too


@pytest.mark.parametrize("package", PLAIN)
def test_importing_every_module_of_the_core_does_not_load_streamlit(package):
    code = (
        f"import sys, pkgutil, importlib, {package}\n"
        f"names = [m.name for m in pkgutil.walk_packages({package}.__path__, '{package}.')]\n"
        "[importlib.import_module(n) for n in names if not n.endswith('__main__')]\n"
        "print(len(names))\n"
        "loaded = sorted(n for n in sys.modules if n.split('.')[0] == 'streamlit' or n.startswith('streamlit_'))\n"
        "assert not loaded, f'streamlit was imported: {loaded[:3]}'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 0  # modules were found and imported


@pytest.mark.parametrize("package", PLAIN)
def test_no_module_of_the_core_names_streamlit_in_an_import(package):
    found = [
        str(path.relative_to(ROOT))
        for path in (ROOT / package).rglob("*.py")
        if IMPORTS_STREAMLIT.search(path.read_text())
    ]
    assert found == []
