"""app/ is the core: importing all of it must not load Qt, pyqtgraph or widgets/."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHECK = """
import importlib, pkgutil, sys
import app
for info in pkgutil.walk_packages(app.__path__, "app."):
    importlib.import_module(info.name)
bad = sorted(m for m in sys.modules if m.split(".")[0] in {"PySide6", "pyqtgraph", "widgets", "shiboken6"})
print(",".join(bad))
"""


def test_app_imports_no_qt():
    result = subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True, text=True,
                            timeout=120, check=True)
    assert result.stdout.strip() == "", f"app/ pulled in: {result.stdout.strip()}"


def test_every_app_module_is_checked():
    modules = [p.stem for p in (ROOT / "app").glob("*.py") if p.stem != "__init__"]
    assert {"activations", "losses", "cli", "devices"} <= set(modules)
