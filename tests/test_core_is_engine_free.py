"""handbook/ is the engine-free core: importing every module of it loads no site engine,
template engine or Markdown library (they belong to the glue in macros/)."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT

ENGINES = ("mkdocs", "zensical", "material", "jinja2", "markdown", "markupsafe", "pymdownx", "mkdocs_macros")
PROBE = """
import importlib, json, pkgutil, sys
import handbook
names = [m.name for m in pkgutil.walk_packages(handbook.__path__, "handbook.") if not m.name.endswith("__main__")]
for name in names:
    importlib.import_module(name)
print(json.dumps({"modules": names, "loaded": sorted({m.split(".")[0] for m in sys.modules})}))
"""


def test_importing_every_core_module_loads_no_engine():
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert len(found["modules"]) > 40  # every module was imported, not just the package
    assert not set(ENGINES) & set(found["loaded"]), sorted(set(ENGINES) & set(found["loaded"]))


def test_the_probe_would_notice_an_engine():
    """The same probe, with jinja2 imported on purpose, reports it."""
    probe = PROBE.replace("import handbook\n", "import handbook, jinja2\n")
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert "jinja2" in json.loads(result.stdout)["loaded"]
