"""Synthetic projects for the benchmark: more data, more pages, or the same pages without the engine.

Everything here works on a scratch copy of the project; the repository is never touched.
"""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbook.model.collections import data_files  # noqa: E402
from scripts.project_copy import copy_project  # noqa: E402,F401 - the benchmark's scripts import it from here

# Collections that keep their size: fixed ids other data points at, or one mapping.
FIXED = {"levels", "scale", "role", "phases"}


def build(project: Path, site: Path, env: dict | None = None) -> float:
    """Seconds for one strict build (a fresh process, as `make build` runs it)."""
    import os

    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}, capture_output=True, text=True,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"build of {project} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return elapsed


# --- More data ----------------------------------------------------------------


def scale_data(src: Path, dest: Path, factor: int) -> int:
    """Write data/*.yml with every id collection repeated ``factor`` times; return the record count."""
    dest.mkdir(parents=True, exist_ok=True)
    docs = {path.name: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(src.glob("*.yml"))}
    originals = copy.deepcopy(docs)
    for k in range(1, factor):
        suffix = f"-x{k}"
        for name, keys in data_files().items():
            for key in keys:
                items = originals.get(name, {}).get(key)
                if key in FIXED or not isinstance(items, list):
                    continue
                if key == "matrix":
                    docs[name][key] += [{**row, "skill": row["skill"] + suffix} for row in items]
                elif items and isinstance(items[0], dict) and "id" in items[0]:
                    docs[name][key] += [_clone(item, suffix, k) for item in items]
        for phase, original in zip(docs["onboarding.yml"]["phases"], originals["onboarding.yml"]["phases"], strict=True):
            for part in ("tasks", "competencies"):
                phase.setdefault(part, [])
                phase[part] += [{**item, "id": item["id"] + suffix} for item in original.get(part, [])]
    for name, value in docs.items():
        (dest / name).write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return sum(len(v) for doc in docs.values() if isinstance(doc, dict) for v in doc.values() if isinstance(v, list))


def _clone(item: dict, suffix: str, k: int) -> dict:
    clone = copy.deepcopy(item)
    clone["id"] = item["id"] + suffix
    if "term" in clone:  # glossary names must stay unique too
        clone["term"] = f"{item['term']} {k}"
        clone["aliases"] = [f"{a} {k}" for a in item.get("aliases", [])]
    return clone


# --- More pages ---------------------------------------------------------------


def _nav_block(config: str) -> tuple[int, int]:
    match = re.search(r"(?ms)^nav:\n.*?(?=^\S|\Z)", config)
    if not match:
        raise RuntimeError("mkdocs.yml has no nav")
    return match.start(), match.end()


def _prefixed(nav: list, prefix: str) -> list:
    out = []
    for entry in nav:
        if isinstance(entry, str):
            out.append(prefix + entry)
        elif isinstance(entry, dict):
            out.append({title: (prefix + value if isinstance(value, str) else _prefixed(value, prefix)) for title, value in entry.items()})
    return out


def scale_pages(project: Path, factor: int, *, prune: bool) -> int:
    """Copy every page ``factor - 1`` more times (own nav sections); return the page count."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    start, end = _nav_block(config)
    nav = yaml.safe_load(config[start:end])["nav"]
    docs = project / "docs"
    pages = sorted(docs.rglob("*.md"))
    for k in range(1, factor):
        for page in pages:
            target = docs / f"copy-{k}" / page.relative_to(docs)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(page, target)
        nav.append({f"Copy {k}": _prefixed(nav[: len(nav) - (k - 1)], f"copy-{k}/")})
    config = config[:start] + yaml.safe_dump({"nav": nav}, sort_keys=False, allow_unicode=True) + config[end:]
    if prune:
        config, count = re.subn(r"(?m)^(  features:\n)", r"\1    - navigation.prune\n", config, count=1)
        assert count == 1, "no theme features list to add navigation.prune to"
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return len(pages) * factor


# --- The same pages without the engine ------------------------------------------

CAPTURE_HOOK = '''
import os
from pathlib import Path

import yaml
from mkdocs.plugins import event_priority

OUT = Path(os.environ["BHT_CAPTURE_DIR"])


@event_priority(-100)  # after the macros plugin: the page as the engine rendered it
def on_page_markdown(markdown, page, config, files):
    dest = OUT / page.file.src_uri
    dest.parent.mkdir(parents=True, exist_ok=True)
    meta = yaml.safe_dump(dict(page.meta), allow_unicode=True, sort_keys=False) if page.meta else ""
    dest.write_text(("---\\n" + meta + "---\\n\\n" if meta else "") + markdown, encoding="utf-8")
    return markdown
'''


def static_twin(project: Path, twin: Path, scratch: Path) -> Path:
    """A copy of ``project`` whose pages are the engine's rendered Markdown, built without macros."""
    capture = scratch / "captured"
    hooked = copy_project(scratch / "hooked")
    (hooked / "capture_hook.py").write_text(CAPTURE_HOOK, encoding="utf-8")
    config = (hooked / "mkdocs.yml").read_text(encoding="utf-8") + "\nhooks:\n  - capture_hook.py\n"
    (hooked / "mkdocs.yml").write_text(config, encoding="utf-8")
    build(hooked, scratch / "hooked-site", env={"BHT_CAPTURE_DIR": str(capture)})

    copy_project(twin, project)
    for page in (twin / "docs").rglob("*.md"):
        page.unlink()
    shutil.copytree(capture, twin / "docs", dirs_exist_ok=True)
    config = (twin / "mkdocs.yml").read_text(encoding="utf-8")
    config, count = re.subn(r"(?m)^  - macros:\n(?:^    .*\n|^\s*\n)*", "", config)
    assert count == 1, "could not find the macros plugin in mkdocs.yml"
    (twin / "mkdocs.yml").write_text(config, encoding="utf-8")
    return twin


def machine() -> str:
    import os
    import platform

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{os.cpu_count()} cores, load {load:.1f}, Python {platform.python_version()}"
