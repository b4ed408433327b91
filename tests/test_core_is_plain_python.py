"""geo/ and layers/ never import Streamlit: they can be used from scripts and tests."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_importing_the_core_does_not_load_streamlit():
    code = (
        "import sys, pkgutil, importlib, geo, layers\n"
        "for m in pkgutil.walk_packages(geo.__path__, 'geo.'): m.name.endswith('__main__') or importlib.import_module(m.name)\n"
        "for m in pkgutil.walk_packages(layers.__path__, 'layers.'): importlib.import_module(m.name)\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] in ('geo', 'layers'))[:3])\n"
        "assert 'streamlit' not in sys.modules, 'streamlit was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "geo" in result.stdout
