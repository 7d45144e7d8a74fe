"""The site an edition publishes, described without any engine: settings, files and links.

``plan()`` says what both engine adapters apply: the site name and colours from the
profile, the logo, the published and repository addresses, the "Your facility" nav
section, and the files the site gains (data downloads, the PDF and offline copy when
given, facility pages, the logo). ``SiteLinks`` answers the macros' link questions
from that plan with the same URL rules as MkDocs, so a page renders the same links on
either engine.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml

from handbook.derive.export import render_files
from handbook.derive.repo_links import Repository, repository
from handbook.load.edition import Edition, PageFile
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

    def file(self, uri: str) -> SiteFile | None:
        return next((f for f in self.files if f.uri == uri), None)

    def nav(self, base: list[Any]) -> list[Any]:
        """The site's nav: mkdocs.yml's, with the facility's section right after Home."""
        nav = list(base)
        if self.nav_section:
            title, uris = self.nav_section
            nav.insert(1, {title: list(uris)})
        return nav


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as plain data: ``!ENV [NAME, default]`` reads the environment, as MkDocs does."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]  # type: ignore[arg-type]
    names, default = (values[:-1], values[-1]) if len(values) > 1 else (values, None)
    for name in names:
        if str(name) in os.environ:
            return yaml.safe_load(os.environ[str(name)])
    return default


_ConfigLoader.add_constructor("!ENV", _env_tag)


def read_site_config(path: Path) -> dict[str, Any]:
    """The site configuration (mkdocs.yml) as plain data, for adapters that need its values."""
    loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 - a SafeLoader subclass
    return loaded if isinstance(loaded, dict) else {}


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
        if target not in self.known:
            raise RenderError(f"link target docs/{target} does not exist")
        here = page_url(self.current, self.directory_urls and not self.from_source)
        return relative_url(page_url(target, self.directory_urls), here)

    def title(self, target: str) -> str:
        return self.titles.get(target) or target

    def file_size(self, target: str) -> int | None:
        found = self.site.file(target)
        return found.size if found is not None and not target.endswith(".md") else None
