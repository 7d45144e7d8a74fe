"""Where a MkDocs build of the handbook spends its time: one build under cProfile.

``profile(project, site)`` returns rows ``(place, seconds, share, note)`` for the handbook's
own work (imports, data load, sandbox render, glossary treeprocessor, link check...) and
the heaviest functions of handbook/ and macros/ by their own time. cProfile slows Python
code that makes many small calls (Jinja, Markdown, HTML parsing) more than C code, so
the seconds are inflated; compare places by their share of the profiled build.
``import_seconds(project)`` times importing the handbook's code without the profiler.
"""

from __future__ import annotations

import pstats
import statistics
import subprocess
import sys
from pathlib import Path

from synthetic import _env

Key = tuple[str, int, str]

# (place, [(file suffix, function)], note) - cumulative time of the first function found.
PLACES: list[tuple[str, list[tuple[str, str]], str]] = [
    (
        "Import handbook/ and macros/ (the hooks file pulls in pydantic models, Jinja sandbox, renderers)",
        [("macros/mkdocs_hooks.py", "<module>")],
        "",
    ),
    ("Import the mkdocs-macros plugin", [("mkdocs_macros/plugin.py", "<module>")], ""),
    ("mkdocs-macros on_config (git info, its own Jinja environment, define_env)", [("mkdocs_macros/plugin.py", "on_config")], ""),
    ("Handbook on_config (all of the below)", [("macros/mkdocs_site.py", "on_config")], ""),
    ("  load_edition: read, validate and cross-check data/", [("handbook/load/edition.py", "load_edition")], ""),
    ("  review.collect: every page's review front matter", [("handbook/derive/review.py", "collect")], ""),
    ("  site plan: data downloads (JSON, CSV) rendered", [("handbook/derive/site.py", "plan")], ""),
    ("  search keywords and abbreviations", [("macros/pages.py", "__post_init__")], ""),
    ("on_files: add the generated files", [("macros/mkdocs_site.py", "on_files")], ""),
    ("Pages rendered in the sandbox (all pages)", [("macros/mkdocs_site.py", "render_page")], ""),
    ("  Jinja compile of each page (from_string)", [], "compile"),
    ("  page metadata: tags, review line, links", [("macros/pages.py", "_page_meta")], ""),
    ("  the macro reference page running every example", [("handbook/render/macros.py", "macro_reference_page")], ""),
    ("mkdocs-macros per-page bookkeeping (outside our render)", [], "plugin-pages"),
    ("Glossary treeprocessor (all pages)", [("macros/glossary_ext.py", "run")], ""),
    ("  abbreviations in generated tables", [("handbook/derive/glossary_terms.py", "abbreviate_html")], ""),
    ("  first-mention links", [("macros/glossary_ext.py", "link_first_mentions")], ""),
    ("Post-build link check of every built page (HTMLParser)", [("handbook/derive/linkcheck.py", "broken_links")], ""),
    ("Strict build: move site.partial into place", [("macros/mkdocs_site.py", "_finish_strict_output")], ""),
    ("For scale, not ours: Python-Markdown abbr extension (also in the twin)", [("markdown/extensions/abbr.py", "run")], ""),
    ("For scale, not ours: Material's page template (also in the twin)", [("overrides/main.html", "root")], ""),
]


# The Zensical preview's Python part of a reload: re-staging after a data edit, in process.
STAGING_PLACES: list[tuple[str, list[tuple[str, str]], str]] = [
    ("Build.load (all of the below)", [("macros/pages.py", "load")], ""),
    ("  load_edition: read, validate and cross-check data/", [("handbook/load/edition.py", "load_edition")], ""),
    ("  review.collect: every page's review front matter", [("handbook/derive/review.py", "collect")], ""),
    ("  site plan: data downloads (JSON, CSV) rendered", [("handbook/derive/site.py", "plan")], ""),
    ("Every page prepared (read, front matter, sandbox render, YAML front matter out)", [("macros/zensical_site.py", "_page")], ""),
    ("  Jinja compile of each page (from_string)", [], "compile"),
    ("  front matter written back with PyYAML's pure-Python dumper (yaml.safe_dump)", [], "dump"),
    ("Files compared and written (Staging.write)", [("macros/zensical_site.py", "write")], ""),
]


def _find(stats: dict, suffix: str, function: str) -> Key | None:
    for key in stats:
        if key[2] == function and key[0].replace("\\", "/").endswith(suffix):
            return key
    return None


def _cumulative(stats: dict, suffix: str, function: str) -> float:
    key = _find(stats, suffix, function)
    return stats[key][3] if key else 0.0


def _called_from(stats: dict, callee: tuple[str, str], caller: tuple[str, str]) -> float:
    key, by = _find(stats, *callee), _find(stats, *caller)
    if key is None or by is None:
        return 0.0
    entry = stats[key][4].get(by)
    return entry[3] if entry else 0.0


def analyse(
    profile: Path, project: Path, top: int = 8, places_table=None
) -> tuple[float, list[tuple[str, float, str]], list[tuple[str, float, int]]]:
    """(profiled seconds, places, heaviest own functions of handbook/ and macros/)."""
    stats = pstats.Stats(str(profile)).stats  # type: ignore[attr-defined]
    total = sum(entry[2] for entry in stats.values())
    places = []
    for label, functions, special in places_table or PLACES:
        if special == "dump":
            seconds = _called_from(stats, ("yaml/__init__.py", "safe_dump"), ("macros/zensical_site.py", "_page"))
        elif special == "compile":
            seconds = _called_from(stats, ("jinja2/environment.py", "from_string"), ("macros/sandbox.py", "render_page"))
        elif special == "plugin-pages":
            seconds = _cumulative(stats, "mkdocs_macros/plugin.py", "on_page_markdown") - _cumulative(
                stats, "macros/mkdocs_site.py", "render_page"
            )
        else:
            seconds = next((_cumulative(stats, *f) for f in functions if _find(stats, *f)), 0.0)
        places.append((label, seconds, ""))
    ours = [str(project / "handbook"), str(project / "macros")]
    own = sorted(
        ((key, entry) for key, entry in stats.items() if any(key[0].startswith(root) for root in ours)),
        key=lambda item: -item[1][2],
    )[:top]
    heavy = [(f"{Path(k[0]).relative_to(project).as_posix()}:{k[1]} {k[2]}", e[2], e[1]) for k, e in own]
    return total, places, heavy


def profile(project: Path, site: Path, out: Path) -> float:
    """Run one strict build under cProfile into ``out``; return its wall seconds."""
    import time

    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env=_env(),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"profiled build failed:\n{result.stderr[-3000:]}")
    return time.perf_counter() - start


STAGING_PROBE = """
import cProfile, sys, time
sys.path.insert(0, ".")
from pathlib import Path
from macros.zensical_site import Staging
stage = Staging(Path(".").resolve(), Path(sys.argv[1]))
stage.run()  # first staging: every file written
text = Path("data/glossary.yml").read_text(encoding="utf-8")
Path("data/glossary.yml").write_text(text.replace("A staff member who", "A staff member (profiled) who", 1), encoding="utf-8")
profiler = cProfile.Profile()
start = time.perf_counter()
profiler.enable()
stage.run()
profiler.disable()
print(time.perf_counter() - start)
profiler.dump_stats(sys.argv[2])
"""


def profile_staging(project: Path, stage: Path, out: Path) -> float:
    """Re-stage ``project`` for Zensical after one data edit, under cProfile, as the preview does
    on every change (its process already warm); return the profiled seconds of that re-stage."""
    result = subprocess.run(
        [sys.executable, "-c", STAGING_PROBE, str(stage), str(out)], cwd=project, env=_env(), capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"profiled staging failed:\n{result.stderr[-3000:]}")
    return float(result.stdout.split()[-1])


IMPORT_PROBE = """
import sys, time
sys.path.insert(0, ".")
import markdown, jinja2, yaml, mkdocs.commands.build, mkdocs.plugins, mkdocs.structure.files, material  # MkDocs loads these anyway
start = time.perf_counter()
import macros.mkdocs_site
ours = time.perf_counter() - start
start = time.perf_counter()
import mkdocs_macros.plugin
print(ours, time.perf_counter() - start)
"""


def import_seconds(project: Path, runs: int = 3) -> tuple[float, float]:
    """Median seconds (fresh processes, no profiler) to import handbook/ + macros/, and mkdocs-macros."""
    ours, plugin = [], []
    for _ in range(runs):
        result = subprocess.run([sys.executable, "-c", IMPORT_PROBE], cwd=project, env=_env(), capture_output=True, text=True, check=True)
        a, b = map(float, result.stdout.split())
        ours.append(a)
        plugin.append(b)
    return statistics.median(ours), statistics.median(plugin)
