"""Editions: the standard one (data/ alone) and a facility's (data/ + its facility folder).

A facility folder is the only place a fork edits, so upstream changes merge cleanly::

    facility/
      profile.yml        the facility profile (model/profile.py: Facility)
      overlays/*.yml     add, replace or remove records (load/overlay.py)
      docs/*.md          facility-only pages, shown under "Your facility"
      logo.svg           optional; named by profile.yml's logo field

``load_edition`` is the one way to load an edition: the site build on either engine,
the PDF, the offline copy, the data export, ``check``, ``review`` and the benchmark all
call it, so they all see the same records.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from handbook.load.layout import PAGES_PREFIX, PageFile, SiteLayout, effective_pages, hidden_pages, layout_of
from handbook.load.loader import HandbookDataError, load_handbook, relative_label
from handbook.load.locate import Loc
from handbook.load.siteconfig import CONFIG_FILE, nav_sections, read_site_config
from handbook.model.handbook import Handbook

FACILITY_ENV = "BHT_FACILITY"  # a facility folder; default: ./facility when it exists
STANDARD = "none"  # BHT_FACILITY=none builds the standard edition even where facility/ exists
FACILITY_FOLDER = "facility"
TODAY_ENV = "BHT_TODAY"  # YYYY-MM-DD: pretend it is this day (review dates in tests); default: today


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


def today() -> date:
    """Today, or the day $BHT_TODAY names."""
    chosen = os.environ.get(TODAY_ENV)
    if not chosen:
        return date.today()
    try:
        return date.fromisoformat(chosen)
    except ValueError:
        raise HandbookDataError([f"{TODAY_ENV}={chosen!r}: expected a date as YYYY-MM-DD"]) from None


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


@dataclass(frozen=True)
class Edition:
    """A loaded edition: the handbook, where its files are, and the day it was built."""

    project: Path
    book: Handbook
    today: date
    folder: FacilityFolder | None = None
    data_dir: Path | None = None
    pages: tuple[PageFile, ...] = field(default=())  # the pages the site is built from, hidden ones left out
    layout: SiteLayout | None = None

    @cached_property
    def standard(self) -> Handbook:
        """The standard edition, to compare a facility edition against (itself when standard)."""
        if self.folder is None:
            return self.book
        return load_handbook(self.data_dir or self.project / "data", root=self.project, today=self.today)

    @property
    def facility_pages(self) -> tuple[PageFile, ...]:
        """The facility's own pages under "Your facility" (not those shown in place of an upstream page)."""
        return tuple(page for page in self.pages if page.uri.startswith(f"{PAGES_PREFIX}/") and self.folder is not None)

    @property
    def hidden(self) -> dict[str, Loc]:
        """Upstream pages this edition leaves out, and the profile entry that hides each."""
        return hidden_pages(self.book.facility.pages, self.layout) if self.layout is not None else {}

    def label(self, path: Path) -> str:
        return relative_label(path, self.project)


def site_layout(project: Path, docs_dir: Path | None, folder: FacilityFolder | None) -> SiteLayout:
    """Every upstream page (docs/ in path order), every facility page, and mkdocs.yml's nav sections."""
    upstream: list[PageFile] = []
    if docs_dir is not None and docs_dir.is_dir():
        # A pages folder outside the project (a test's, say) is named from its own parent.
        base = project if docs_dir.resolve().is_relative_to(project.resolve()) else docs_dir.parent
        for path in sorted(docs_dir.rglob("*.md")):
            upstream.append(PageFile(path.relative_to(docs_dir).as_posix(), path, relative_label(path, base)))
    facility = [PageFile(folder.page_uri(path), path, relative_label(path, project)) for path in folder.pages] if folder else []
    config = project / CONFIG_FILE
    sections = nav_sections(read_site_config(config).get("nav") or []) if config.is_file() else {}
    return layout_of(upstream, facility, sections)


def load_edition(
    project: Path,
    folder: Path | None = None,
    docs_dir: Path | None = None,
    data_dir: Path | None = None,
    when: date | None = None,
    check_links: bool = True,
) -> Edition:
    """The handbook as a build publishes it: standard, or with a facility folder applied.

    With a ``docs_dir`` that exists, links from data into pages are checked against the
    pages the site will have: docs/ plus the facility's own pages (unless ``check_links``
    is false: ``review`` reads any pages folder). ``data_dir`` defaults to the project's
    data/; ``when`` to ``today()``."""
    day = when or today()
    facility = FacilityFolder(folder) if folder is not None else None
    has_docs = docs_dir is not None and docs_dir.is_dir()
    layout = site_layout(project, docs_dir, facility)
    checked = layout if check_links and has_docs else None
    data = data_dir or project / "data"
    if facility is None:
        book = load_handbook(data, root=project, pages=checked, today=day)
    else:
        book = load_handbook(data, profile=facility.profile, overlays=facility.overlays, root=project, pages=checked, today=day)
    pages = tuple(effective_pages(book.facility.pages, layout))
    return Edition(project=project, book=book, today=day, folder=facility, data_dir=data_dir, pages=pages, layout=layout)
