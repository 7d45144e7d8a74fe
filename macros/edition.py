"""Editions: the standard one (data/ alone) and a facility's (data/ + its facility folder).

A facility folder is the only place a fork edits, so upstream changes merge cleanly::

    facility/
      profile.yml        the facility profile (macros/facility.py: Facility)
      overlays/*.yml     add, replace or remove records (macros/overlay.py: OverlayFile)
      docs/*.md          facility-only pages, shown under "Your facility"
      logo.svg           optional; named by profile.yml's logo field

``differences.compare()`` lists what a facility edition changes against the standard
one. Engine-free.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from macros.load import load_handbook
from macros.model import Handbook

FACILITY_ENV = "BHT_FACILITY"  # a facility folder; default: ./facility when it exists
STANDARD = "none"  # BHT_FACILITY=none builds the standard edition even where facility/ exists
FACILITY_FOLDER = "facility"
PAGES_PREFIX = "your-facility"  # where facility pages appear in the site


def facility_dir(project_dir: Path) -> Path | None:
    """The facility folder in use: $BHT_FACILITY, else ./facility if present, else none."""
    chosen = os.environ.get(FACILITY_ENV)
    if chosen == STANDARD:
        return None
    if chosen:
        path = Path(chosen)
        return path if path.is_absolute() else (project_dir / path)
    default = project_dir / FACILITY_FOLDER
    return default if default.is_dir() and any(default.iterdir()) else None


@dataclass(frozen=True)
class FacilityFolder:
    root: Path

    @property
    def profile(self) -> Path:
        return self.root / "profile.yml"

    @property
    def overlays(self) -> list[Path]:
        folder = self.root / "overlays"
        found = [*folder.glob("*.yml"), *folder.glob("*.yaml")] if folder.is_dir() else []
        return sorted(found, key=lambda p: p.name)

    @property
    def pages(self) -> list[Path]:
        """Facility pages, index.md first, then by path."""
        folder = self.root / "docs"
        found = [p for p in folder.rglob("*.md") if p.is_file()] if folder.is_dir() else []
        return sorted(found, key=lambda p: (p.relative_to(folder).as_posix() != "index.md", p.relative_to(folder).as_posix()))

    def page_uri(self, page: Path) -> str:
        """Where a facility page appears in the site's docs tree, e.g. your-facility/unit.md."""
        return f"{PAGES_PREFIX}/{page.relative_to(self.root / 'docs').as_posix()}"


def load_standard(project: Path, pages: Collection[str] | None = None, data_dir: Path | None = None) -> Handbook:
    return load_handbook(data_dir or project / "data", root=project, pages=pages)


def load_edition(project: Path, folder: Path | None, docs_dir: Path | None = None, data_dir: Path | None = None) -> Handbook:
    """The handbook as this build publishes it: standard, or with a facility folder applied.

    With a ``docs_dir`` that exists, links from data into pages are checked against the
    pages the site will have: docs/ plus the facility's own pages. ``data_dir`` defaults
    to the project's data/. The site build and ``python -m macros check`` both load here."""
    has_docs = docs_dir is not None and docs_dir.is_dir()
    pages = {p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")} if has_docs else None
    if folder is None:
        return load_standard(project, pages, data_dir)
    facility = FacilityFolder(folder)
    if pages is not None:
        pages |= {facility.page_uri(page) for page in facility.pages}
    data = data_dir or project / "data"
    return load_handbook(data, profile=facility.profile, overlays=facility.overlays, root=project, pages=pages)
