"""Shared fixtures. In CI (CI=true) a skipped test is a failure: nothing may hide."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.project_copy import copy_project  # noqa: E402 - after the project is on the import path

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
        cwd=project,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@functools.cache
def standard_edition():
    """The standard edition, loaded once per test run the way the site build loads it."""
    from handbook.load.edition import load_edition

    return load_edition(ROOT, None, ROOT / "docs")


EXAMPLES = sorted(p for p in (ROOT / "examples").iterdir() if (p / "profile.yml").is_file())
_SHARED: list[Path] = []  # set by the session fixture below: a folder every test worker can see


def shared_build(key: str, make, name: str = "site") -> Path:
    """Build once per test run, even across parallel workers: the first worker to ask builds
    (holding a lock), the others wait and reuse its site (or file: ``name``)."""
    import fcntl

    shared = _SHARED[0]
    folder = shared / key
    with open(shared / f"{key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / ".done").is_file():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            make(folder / name)
            (folder / ".done").write_text("ok", encoding="utf-8")
    return folder / name


def run_ok(args: list[str], *, timeout: int, **env: str) -> None:
    """Run a project command (the Python of this venv, from the project root) and fail the
    test with its output unless it succeeds."""
    result = subprocess.run([sys.executable, *args], cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, result.stdout + result.stderr


def built_edition(edition: str = "standard", **env: str) -> Path:
    """An edition built by MkDocs + Material: "standard" or the name of a folder in examples/."""
    settings = {"BHT_FACILITY": "none" if edition == "standard" else str(ROOT / "examples" / edition), **env}
    key = "mkdocs-" + "-".join([edition, *(f"{k}={v}" for k, v in sorted(env.items()))])

    def make(site: Path) -> None:
        result = build_site(site, env=settings)
        assert result.returncode == 0, result.stdout + result.stderr

    return shared_build(key, make)


def zensical_edition(edition: str = "standard") -> Path:
    """An edition built by Zensical (python -m macros.zensical_site build)."""
    facility = "none" if edition == "standard" else str(ROOT / "examples" / edition)

    def make(site: Path) -> None:
        stage = site.parent / "stage"
        run_ok(["-m", "macros.zensical_site", "build", "--site-dir", str(site), "--stage", str(stage)], timeout=300, BHT_FACILITY=facility)

    return shared_build(f"zensical-{edition}", make)


@pytest.fixture(scope="session", autouse=True)
def _shared_folder(tmp_path_factory, worker_id="master"):
    """Parallel workers each have a temp folder; their common parent is shared."""
    base = tmp_path_factory.getbasetemp()
    _SHARED[:] = [base.parent if base.name.startswith("popen-gw") else base]
    return _SHARED[0]


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The standard edition built by MkDocs, once per test run."""
    return built_edition("standard")


@pytest.fixture()
def project_copy(tmp_path) -> Path:
    """A scratch copy of the project to break on purpose."""
    return copy_project(tmp_path / "project")


_RUN_CACHE = "BHT_TEST_RUN_CACHE"  # set by the process that starts the run; its workers inherit it


def pytest_configure(config):
    """Every run gets a load cache of its own (BHT_CACHE_DIR), empty at the start and shared
    by the workers and the builds they start: what runs, and the coverage figure, do not
    depend on what an earlier run or a preview left in ~/.cache (a warm cache skips the
    loader's code). It costs no measurable time: the run fills it as it goes."""
    if _RUN_CACHE not in os.environ:
        import tempfile

        os.environ[_RUN_CACHE] = tempfile.mkdtemp(prefix="bht-test-cache-")
        config._bht_run_cache = os.environ[_RUN_CACHE]
    os.environ["BHT_CACHE_DIR"] = os.environ[_RUN_CACHE]


def pytest_unconfigure(config):
    created = getattr(config, "_bht_run_cache", None)
    if created:
        shutil.rmtree(created, ignore_errors=True)
        del os.environ[_RUN_CACHE]


def pytest_collection_modifyitems(config, items):
    """Long tests first (browser, builds, the second engine): with two workers (--dist worksteal
    in pyproject.toml), what is left at the end is short, so neither worker waits long for the other."""
    items.sort(key=lambda item: 0 if item.get_closest_marker("slow") or item.get_closest_marker("browser") else 1)


def pytest_sessionfinish(session, exitstatus):
    if not IN_CI:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(f"CI=true: {len(skipped)} skipped test(s) count as failures here.", red=True)
        session.exitstatus = 1


@pytest.fixture(scope="session")
def offline_site() -> Path:
    """The offline variant (BHT_OFFLINE=true), built once per test run; the PDF is printed from it."""
    return built_edition("standard", BHT_OFFLINE="true")


@pytest.fixture(scope="session")
def offline_zip(offline_site) -> Path:
    """The offline zip (make offline), packaged once per test run."""

    def make(out: Path) -> None:
        run_ok(["scripts/package_offline.py", str(offline_site), str(out)], timeout=120)

    return shared_build("offline-zip", make, "bht-handbook-offline.zip")


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


@pytest.fixture(scope="session")
def handbook_pdf(offline_site) -> Path:
    """The whole-handbook PDF, printed once per test run (shared by the workers) from the offline build."""
    from browser.support import why_no_browser

    reason = why_no_browser()  # the same check as every browser test: the PDF is printed by Chromium
    if reason:
        pytest.skip(reason)  # which fails the run under CI=true

    def make(out: Path) -> None:
        run_ok(["scripts/build_pdf.py", str(offline_site), str(out)], timeout=600, BHT_EDITION_DATE="2026-03-01")

    return shared_build("pdf", make, "bht-handbook.pdf")


@pytest.fixture(scope="session")
def handbook_pdf_texts(handbook_pdf, offline_site) -> dict[int, str]:
    """Text of the PDF pages the tests read (0-based page index -> text, whitespace folded):
    the cover, the contents, the first page of every chapter, and every page of a chapter
    that holds sign-off sheets. pypdf takes about 15 s for all 300 pages and a few for
    these; they are read once per test run, by whichever worker asks first."""

    def make(out: Path) -> None:
        from pypdf import PdfReader

        sys.path.insert(0, str(ROOT / "scripts"))
        from build_pdf import nav_pages

        reader = PdfReader(str(handbook_pdf))
        starts = {name.lstrip("/"): reader.get_destination_page_number(d) for name, d in reader.named_destinations.items()}
        chapters = [(starts[page.key], page) for page in nav_pages(ROOT / "mkdocs.yml") if page.key in starts]
        wanted = {0, 1, 2, 3, *(start for start, _ in chapters)}
        ends = [start for start, _ in chapters[1:]] + [len(reader.pages)]
        for (start, page), end in zip(chapters, ends, strict=True):
            if "Validator initials" in (offline_site / page.html_path).read_text(encoding="utf-8"):
                wanted.update(range(start, end))
        texts = {n: " ".join((reader.pages[n].extract_text() or "").split()) for n in sorted(wanted) if n < len(reader.pages)}
        out.write_text(json.dumps(texts), encoding="utf-8")

    stored = json.loads(shared_build("pdf-texts", make, "pages.json").read_text(encoding="utf-8"))
    return {int(n): text for n, text in stored.items()}
