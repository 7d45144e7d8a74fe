"""Links inside a built site: every relative link must reach a file, and every anchor an id.

MkDocs checks the links it sees in Markdown; Zensical checks only links written in the
source. Links that macros generate inside raw HTML (tables, the glossary, downloads)
are checked here, on the finished pages, the same way for either engine.
"""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

SKIPPED_PAGES = {"404.html"}  # served for missing pages; its links are relative to wherever it is shown


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids.add(value)
            elif (name == "href" and tag in ("a", "link", "area")) or (name == "src" and tag in ("img", "script", "source")):
                self.links.append(value)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    return page


def _target(site: Path, page: Path, href: str) -> tuple[Path | None, str]:
    """The file a relative link reaches (None: outside the site) and its fragment."""
    parts = urlsplit(href)
    if not parts.path:
        return page, parts.fragment
    base = posixpath.dirname(page.relative_to(site).as_posix())
    joined = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    if joined.startswith(".."):
        return None, parts.fragment
    found = site / joined
    if href.split("#")[0].endswith("/") or found.is_dir():
        found = found / "index.html"
    return found, parts.fragment


def broken_links(site: Path) -> list[str]:
    """One line per broken link: ``<page>: <href>: <why>``, pages relative to ``site``."""
    parsed: dict[Path, _Page] = {}

    def page_of(path: Path) -> _Page:
        if path not in parsed:
            parsed[path] = _parse(path)
        return parsed[path]

    problems = []
    for page in sorted(site.rglob("*.html")):
        if page.name in SKIPPED_PAGES and page.parent == site:
            continue
        for href in page_of(page).links:
            scheme = urlsplit(href).scheme
            if scheme or href.startswith("//") or href.startswith("data:"):
                continue  # another origin, mail, data: the third-party test covers those
            target, fragment = _target(site, page, href)
            where = page.relative_to(site).as_posix()
            if target is None:
                problems.append(f"{where}: {href}: points outside the site")
            elif not target.is_file():
                problems.append(f"{where}: {href}: no such page or file")
            elif fragment and target.suffix == ".html" and unquote(fragment) not in page_of(target).ids:
                problems.append(f"{where}: {href}: no anchor #{fragment} on that page")
    return problems
