"""A scratch copy of the project for tests and the benchmark, to break or grow on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Build output and tooling at the top of the project; caches anywhere.
TOP_LEVEL_SKIPPED = {".venv", ".git", "site", "site.partial", "build", "dist", "node_modules", ".cache"}
ANYWHERE_SKIPPED = {"__pycache__", ".pytest_cache", ".hypothesis", ".ruff_cache", ".mypy_cache", "node_modules"}


def copy_project(dest: Path, source: Path = ROOT) -> Path:
    """Copy ``source`` to ``dest`` without virtual environments, caches or built sites."""

    def skipped(folder: str, names: list[str]) -> set[str]:
        top = Path(folder).resolve() == source.resolve()
        return {n for n in names if n in ANYWHERE_SKIPPED or (top and (n in TOP_LEVEL_SKIPPED or n.startswith("site-")))}

    shutil.copytree(source, dest, ignore=skipped)
    return dest
