"""Shared fixtures. In CI (CI=true) a skipped test is a failure: nothing may hide."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

IN_CI = os.environ.get("CI") == "true"

# Tests describe the standard edition unless they choose a facility folder themselves.
# In a facility's fork, facility/ would otherwise turn every build into that edition;
# test_facility_build checks the fork's own edition explicitly.
os.environ["BHT_FACILITY"] = "none"


def build_site(dest: Path, *, project: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run a strict build (never -q: it would hide warnings) and return the result."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(dest)],
        cwd=project, env=full_env, capture_output=True, text=True, timeout=300,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The default edition, built once per test session."""
    dest = tmp_path_factory.mktemp("site")
    result = build_site(dest)
    assert result.returncode == 0, result.stdout + result.stderr
    return dest


@pytest.fixture()
def project_copy(tmp_path) -> Path:
    """A scratch copy of the project (without .venv or built sites) to break on purpose."""
    dest = tmp_path / "project"
    ignore = shutil.ignore_patterns(".venv", ".git", "site", "site.*", "__pycache__", ".pytest_cache", ".hypothesis", "node_modules")
    shutil.copytree(ROOT, dest, ignore=ignore)
    return dest


def pytest_sessionfinish(session, exitstatus):
    if not IN_CI:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(f"CI=true: {len(skipped)} skipped test(s) count as failures here.", red=True)
        session.exitstatus = 1


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> Path:
    """The offline variant (BHT_OFFLINE=true), built once per session; the PDF is printed from it."""
    dest = tmp_path_factory.mktemp("offline") / "site"
    result = build_site(dest, env={"BHT_OFFLINE": "true"})
    assert result.returncode == 0, result.stdout + result.stderr
    return dest


@pytest.fixture(scope="session")
def offline_zip(offline_site, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist") / "bht-handbook-offline.zip"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "package_offline.py"), str(offline_site), str(out)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def browser():
    """The one Chromium of the session. Playwright's sync API allows one running
    instance per thread, so every browser test shares this one."""
    from browser.support import launch, why_no_browser

    reason = why_no_browser()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


def chromium_or_skip() -> str:
    """Path of the system Chromium for Playwright, or skip (which fails under CI=true)."""
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    return path


@pytest.fixture(scope="session")
def handbook_pdf(offline_site, tmp_path_factory) -> Path:
    """The whole-handbook PDF, printed once per session from the offline build."""
    chromium_or_skip()
    out = tmp_path_factory.mktemp("pdf") / "bht-handbook.pdf"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_pdf.py"), str(offline_site), str(out)],
                            capture_output=True, text=True, timeout=600, env={**os.environ, "BHT_EDITION_DATE": "2026-03-01"})
    assert result.returncode == 0, result.stdout + result.stderr
    return out
