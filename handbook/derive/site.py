"""The site an edition publishes, described without any engine: settings, files and links.

``plan()`` says what both engine adapters apply: the site name and colours from the
profile, the logo, the published and repository addresses, the "Your facility" nav
section, and the files the site gains (data downloads, the PDF and offline copy when
given, facility pages, the logo). ``SiteLinks`` answers the macros' link questions
from that plan with the same URL rules as MkDocs, so a page renders the same links on
either engine.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from handbook.derive.export import render_files
from handbook.derive.repo_links import Repository, repository
from handbook.load.edition import Edition
from handbook.load.layout import PageFile
from handbook.render.markup import RenderError

FACILITY_NAV_TITLE = "Your facility"
LOGO_DIR = "assets/facility"
DOWNLOADS_DIR = "downloads"
PDF_FILE = "bht-handbook.pdf"
OFFLINE_FILE = "bht-handbook-offline.zip"


@dataclass(frozen=True)
class SiteFile:
    """A file the site gains: bytes made by the build, or a file copied from ``source``."""

    uri: str  # where it appears under the docs tree, e.g. downloads/skills.csv
    content: bytes | None = None
    source: Path | None = None
    label: str = ""  # for a copied page: the file as contributors name it

    @property
    def size(self) -> int:
        if self.content is not None:
            return len(self.content)
        return self.source.stat().st_size if self.source is not None else 0


@dataclass(frozen=True)
class SitePlan:
    site_name: str
    colors: dict[str, str]
    site_url: str | None
    repo: Repository | None
    logo: str | None  # where the logo appears in the site, e.g. assets/facility/logo.png
    nav_section: tuple[str, tuple[str, ...]] | None  # ("Your facility", page uris), right after Home
    files: tuple[SiteFile, ...]  # downloads, facility pages, logo
    pages: tuple[PageFile, ...]  # every page of the site, docs/ and facility pages
    watch: tuple[Path, ...] = field(default=())  # folders a preview should also watch
    hidden: frozenset[str] = frozenset()  # upstream pages this edition leaves out
    hidden_sections: tuple[str, ...] = ()  # nav sections it leaves out, by title
    replaced: tuple[PageFile, ...] = ()  # upstream addresses served from the facility's own page

    def file(self, uri: str) -> SiteFile | None:
        return next((f for f in self.files if f.uri == uri), None)

    def nav(self, base: list[Any]) -> list[Any]:
        """The site's nav: mkdocs.yml's without what the edition hides, and the facility's
        section right after Home."""
        nav = self._without_hidden(base)
        if self.nav_section:
            title, uris = self.nav_section
            nav.insert(1, {title: list(uris)})
        return nav

    def _without_hidden(self, items: list[Any]) -> list[Any]:
        kept: list[Any] = []
        for item in items:
            title, value = next(iter(item.items())) if isinstance(item, dict) else (None, item)
            if isinstance(value, list):
                if title in self.hidden_sections:
                    continue
                inner = self._without_hidden(value)
                if inner:
                    kept.append({title: inner})
            elif value not in self.hidden:
                kept.append(item)
        return kept


def plan(edition: Edition, upstream_repo: str | None, extra_downloads: Path | None = None) -> SitePlan:
    """What the site publishes for ``edition``; ``upstream_repo`` is mkdocs.yml's ``repo_url``
    and ``extra_downloads`` a folder that may hold the PDF and offline copy (``make publish``)."""
    profile = edition.book.facility
    files = [SiteFile(f"{DOWNLOADS_DIR}/{name}", content=data) for name, data in render_files(edition.book).items()]
    if extra_downloads is not None:
        for name in (PDF_FILE, OFFLINE_FILE):
            if (extra_downloads / name).is_file():
                files.append(SiteFile(f"{DOWNLOADS_DIR}/{name}", source=extra_downloads / name))
    files += [SiteFile(page.uri, source=page.path, label=page.label) for page in edition.facility_pages]
    logo = None
    if edition.folder is not None and profile.logo:
        logo = f"{LOGO_DIR}/{Path(profile.logo).name}"
        files.append(SiteFile(logo, source=edition.folder.root / profile.logo))
    section = (FACILITY_NAV_TITLE, tuple(p.uri for p in edition.facility_pages)) if edition.facility_pages else None
    return SitePlan(
        site_name=profile.name,
        colors=profile.colors.model_dump(),
        site_url=profile.site_url.rstrip("/") + "/" if profile.site_url else None,
        repo=repository(profile, upstream_repo),
        logo=logo,
        nav_section=section,
        files=tuple(files),
        pages=edition.pages,
        watch=(edition.folder.root,) if edition.folder is not None else (),
        hidden=frozenset(edition.hidden),
        hidden_sections=tuple(edition.book.facility.pages.hide_sections),
        replaced=tuple(p for p in edition.pages if p.uri in edition.book.facility.pages.replace),
    )


# --- URLs, as MkDocs makes them ----------------------------------------------------


def page_url(uri: str, directory_urls: bool) -> str:
    """The URL of a docs/ file in the built site: ``a/b.md`` -> ``a/b/`` (or ``a/b.html``)."""
    if not uri.endswith(".md"):
        return quote(uri)
    parent, name = posixpath.split(uri[:-3])
    if not directory_urls or name == "index":
        dest = posixpath.join(parent, name + ".html")
    else:
        dest = posixpath.join(parent, name, "index.html")
    dirname, filename = posixpath.split(dest)
    if directory_urls and filename == "index.html":
        dest = (dirname or ".") + "/"
    return quote(dest)


def _parts(path: str) -> list[str]:
    path = posixpath.normpath("/" + path.lstrip("/"))[1:]
    return path.split("/") if path else []


def relative_url(url: str, other: str) -> str:
    """``url`` relative to the page at ``other`` (both site-relative), as MkDocs computes it."""
    dirname, _, basename = other.rpartition("/")
    if "." in basename:
        other = dirname
    other_parts, dest_parts = _parts(other), _parts(url)
    common = 0
    for a, b in zip(other_parts, dest_parts, strict=False):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(other_parts) - common) + dest_parts[common:]) or "."
    return rel + "/" if url.endswith("/") else rel


class SiteLinks:
    """``PageLinks`` for one build: links from the current page to pages and files of the plan.

    ``from_source``: the engine reads a relative address in a page's raw HTML as relative
    to the page's source file and moves it to where the page is built (Zensical does);
    otherwise it keeps the address as written (MkDocs), so it must be relative to the
    built page. Either way the finished page links to the same place."""

    def __init__(self, site: SitePlan, directory_urls: bool, titles: dict[str, str], from_source: bool = False):
        self.site, self.directory_urls, self.titles, self.from_source = site, directory_urls, titles, from_source
        self.known = {page.uri for page in site.pages} | {f.uri for f in site.files}
        self.current = "index.md"

    def md_link(self, target: str) -> str:
        return posixpath.relpath(target, posixpath.dirname(self.current) or ".")

    def href(self, target: str) -> str:
        if target in self.site.hidden:
            raise RenderError(f"link target docs/{target} is hidden in this edition (the facility profile's pages)")
        if target not in self.known:
            raise RenderError(f"link target docs/{target} does not exist")
        here = page_url(self.current, self.directory_urls and not self.from_source)
        return relative_url(page_url(target, self.directory_urls), here)

    def title(self, target: str) -> str:
        return self.titles.get(target) or target

    @property
    def hidden(self) -> frozenset[str]:
        return self.site.hidden

    def file_size(self, target: str) -> int | None:
        found = self.site.file(target)
        return found.size if found is not None and not target.endswith(".md") else None
