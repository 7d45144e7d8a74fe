"""Synthetic projects for the benchmark: more data, more pages, the same pages without the
engine, and the build commands both engines run.

Everything here works on a scratch copy of the project; the repository is never touched.
"""

from __future__ import annotations

import copy
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import NamedTuple

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbook.load.siteconfig import read_site_config  # noqa: E402
from handbook.model.collections import data_files  # noqa: E402
from scripts.project_copy import copy_project  # noqa: E402,F401 - the benchmark's scripts import it from here

# Collections that keep their size: fixed ids other data points at, or one mapping.
FIXED = {"levels", "scale", "role", "phases"}
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DUMPER(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Copies share nested values; written out as a person would write them, not as YAML aliases."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _env(extra: dict | None = None) -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra or {})}
    env.pop("BHT_FACILITY", None)  # the standard edition, whatever the caller's shell says
    return env


class Timing(NamedTuple):
    """One timed command: wall seconds, and CPU seconds (user + system) of it and its children.

    On a shared machine wall time also counts waiting for a core; CPU time does not, so
    the two together show how much of a difference is the machine and how much the work."""

    wall: float
    cpu: float


def _run(command: list[str], project: Path, env: dict | None = None) -> Timing:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=project, env=_env(env), capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command[1:4])} in {project} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return Timing(elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))


def build(project: Path, site: Path, env: dict | None = None) -> Timing:
    """One strict MkDocs build (a fresh process, as `make build` runs it)."""
    return _run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], project, env)


def zensical_build(project: Path, site: Path, stage: Path) -> Timing:
    """One Zensical build (`make build ENGINE=zensical`), staging in ``stage``.

    Zensical keeps its cache in the stage folder: use a new ``stage`` for a clean build."""
    return _run([sys.executable, "-m", "macros.zensical_site", "build", "--site-dir", str(site), "--stage", str(stage)], project)


# --- One data edit ------------------------------------------------------------

EDITED_TERM = "bht"  # its definition shows on the glossary page only (its tooltip is its expansion)


def edit_data_value(project: Path, marker: str) -> None:
    """Change one value in data/: the first glossary term's definition now starts with ``marker``."""
    path = project / "data" / "glossary.yml"
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(rf"(?m)^(  - id: {EDITED_TERM}\n(?:    .*\n)*?    definition: >-\n      )(?:Edited\w+ )?")
    text, count = pattern.subn(lambda m: f"{m.group(1)}{marker} ", text, count=1)
    if count != 1:
        raise RuntimeError(f"data/glossary.yml: no folded definition for term {EDITED_TERM!r} to edit")
    path.write_text(text, encoding="utf-8")


def shows(site: Path, page: str, marker: str) -> bool:
    path = site / page / "index.html"
    return path.is_file() and marker in path.read_text(encoding="utf-8")


# --- More data ----------------------------------------------------------------


def scale_data(src: Path, dest: Path, factor: int) -> int:
    """Write data/*.yml with every id collection repeated ``factor`` times; return the record count."""
    dest.mkdir(parents=True, exist_ok=True)
    docs = {path.name: yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER) for path in sorted(src.glob("*.yml"))}  # noqa: S506
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
                phase[part] += [_copy_in_phase(item, suffix) for item in original.get(part, [])]
    for name, value in docs.items():
        (dest / name).write_text(yaml.dump(value, Dumper=DUMPER, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return sum(len(v) for doc in docs.values() if isinstance(doc, dict) for v in doc.values() if isinstance(v, list))


def _copy_in_phase(item: dict, suffix: str) -> dict:
    """A task or competency copy; a competency signs off the copies of its skills, so the
    copied safety-critical skills are signed off before solo work like the originals."""
    copied = {**item, "id": item["id"] + suffix}
    if "skills" in item:
        copied["skills"] = [skill + suffix for skill in item["skills"]]
    return copied


def _clone(item: dict, suffix: str, k: int) -> dict:
    clone = copy.deepcopy(item)
    clone["id"] = item["id"] + suffix
    if "term" in clone:  # glossary names must stay unique too
        clone["term"] = f"{item['term']} {k}"
        clone["aliases"] = [f"{a} {k}" for a in item.get("aliases", [])]
    return clone


def data_project(dest: Path, factor: int) -> tuple[Path, int]:
    """A project folder holding ``factor`` times the data and the real pages (for page links)."""
    records = scale_data(ROOT / "data", dest / "data", factor)
    shutil.copytree(ROOT / "docs", dest / "docs")
    return dest, records


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

# Added to a scratch copy's own hooks; runs after the handbook's events (priority -100).
CAPTURE_HOOK = """
import json
import os
from pathlib import Path
from typing import NamedTuple

import yaml
from mkdocs.plugins import event_priority

OUT = Path(os.environ["BHT_CAPTURE_DIR"])


@event_priority(-100)  # after the handbook's on_config: the site settings as it applied them
def on_config(config):
    theme = config.theme
    settings = {
        "site_name": str(config.site_name), "site_url": config.site_url, "repo_url": config.repo_url,
        "repo_name": config.repo_name, "edit_uri": config.edit_uri, "extra": dict(config.extra),
        "logo": theme.get("logo"), "favicon": theme.get("favicon"), "features": list(theme["features"]),
        "nav": config.nav,
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "config.json").write_text(json.dumps(settings, default=str), encoding="utf-8")
    return config


@event_priority(-100)  # after the handbook's on_files: the generated files (data downloads)
def on_files(files, config):
    for file in files:
        if file.generated_by is not None:
            dest = OUT / "docs" / file.src_uri
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(file.content_bytes)
    return files


def _plain(value):
    # Escaped titles and tags are Markup (a str subclass) that YAML cannot write: as str.
    if isinstance(value, str):
        return str(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


@event_priority(-100)  # after the macros plugin: the page as the engine rendered it
def on_page_markdown(markdown, page, config, files):
    dest = OUT / "docs" / page.file.src_uri
    dest.parent.mkdir(parents=True, exist_ok=True)
    meta = yaml.safe_dump(_plain(dict(page.meta)), allow_unicode=True, sort_keys=False) if page.meta else ""
    dest.write_text(("---\\n" + meta + "---\\n\\n" if meta else "") + markdown, encoding="utf-8")
    return markdown
"""


def static_twin(project: Path, twin: Path, scratch: Path) -> Path:
    """A copy of ``project`` whose pages are the engine's rendered Markdown (front matter with the
    metadata the engine added), with the generated files as plain files and the site settings the
    engine applied written into mkdocs.yml; built by plain MkDocs + Material: no macros plugin,
    no hooks, no Markdown extension of the handbook's."""
    capture = scratch / "captured"
    hooked = copy_project(scratch / "hooked", project)
    (hooked / "capture_hook.py").write_text(CAPTURE_HOOK, encoding="utf-8")
    config = (hooked / "mkdocs.yml").read_text(encoding="utf-8")
    config, count = re.subn(r"(?m)^hooks:\n", "hooks:\n  - capture_hook.py\n", config, count=1)
    assert count == 1, "mkdocs.yml has no hooks: list to add the capture hook to"
    (hooked / "mkdocs.yml").write_text(config, encoding="utf-8")
    build(hooked, scratch / "hooked-site", env={"BHT_CAPTURE_DIR": str(capture)})

    copy_project(twin, project)
    for page in (twin / "docs").rglob("*.md"):
        page.unlink()
    shutil.copytree(capture / "docs", twin / "docs", dirs_exist_ok=True)
    settings = json.loads((capture / "config.json").read_text(encoding="utf-8"))
    config = read_site_config(project / "mkdocs.yml")
    for key in ("hooks", "watch"):
        config.pop(key, None)
    plugins = [p for p in config.get("plugins", []) if (p if isinstance(p, str) else next(iter(p))) != "macros"]
    assert len(plugins) == len(config.get("plugins", [])) - 1, "could not find the macros plugin in mkdocs.yml"
    config["plugins"] = plugins
    for key in ("site_name", "site_url", "repo_url", "repo_name", "edit_uri", "extra", "nav"):
        if settings.get(key) is not None:
            config[key] = settings[key]
        else:
            config.pop(key, None)
    for key in ("logo", "favicon"):
        if settings.get(key):
            config["theme"][key] = settings[key]
    config["theme"]["features"] = settings["features"]
    (twin / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return twin


def same_pages(site_a: Path, site_b: Path) -> list[str]:
    """HTML files one site has and the other lacks (the twin must build the same site)."""
    a = {p.relative_to(site_a).as_posix() for p in site_a.rglob("*.html")}
    b = {p.relative_to(site_b).as_posix() for p in site_b.rglob("*.html")}
    return sorted(a ^ b)


def machine() -> str:
    import platform

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{os.cpu_count()} cores, load average {load:.1f}, Python {platform.python_version()}"
