"""`make bench` is documented, so it must at least start: every bench module imports."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_the_benchmark_script_starts_and_lists_its_sections():
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--help"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    for section in ("builds", "rebuild", "reload", "data", "scaling", "weight", "profile"):
        assert section in result.stdout
