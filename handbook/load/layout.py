"""The pages a site is made of, before and after a facility hides or replaces some.

A facility's profile may hide upstream pages or whole nav sections, and may show its own
page at an upstream page's address instead (``pages:`` in the profile). ``SiteLayout``
holds what the rules need to check that (every upstream page, every facility page, the
nav sections and each page's source); ``effective_pages`` is the list the site is then
built from.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from handbook.load.locate import Loc
from handbook.model.profile import PageChanges

PAGES_PREFIX = "your-facility"  # where facility pages appear in the site
# Links a page writes to another page: [text](path.md#anchor), [ref]: path.md, href="path.md"
_MD_LINK = re.compile(
    r"\]\(\s*<?([^)\s>#]+\.md)(?:#[^)\s>]*)?>?(?:\s+\"[^\"]*\")?\s*\)|^\s*\[[^\]]+\]:\s*<?(\S+?\.md)(?:#\S*)?>?\s*$"
    r"|href=\"([^\"#:]+\.md)(?:#[^\"]*)?\"",
    re.M,
)


@dataclass(frozen=True)
class PageFile:
    """One page of the site: where it appears (``uri``, under docs/) and where it lives."""

    uri: str  # e.g. safety/medication.md or your-facility/unit.md
    path: Path
    label: str  # the file as contributors name it: docs/safety/medication.md, facility/docs/unit.md


@dataclass(frozen=True)
class SiteLayout:
    """Everything the page rules need: upstream pages, facility pages, nav sections, sources."""

    upstream: dict[str, PageFile]  # docs/ pages by uri
    facility: dict[str, PageFile] = field(default_factory=dict)  # facility pages by path under the facility's docs/
    sections: dict[str, list[str]] = field(default_factory=dict)  # nav section title -> the pages under it

    @classmethod
    def from_uris(cls, uris: set[str] | frozenset[str]) -> SiteLayout:
        """A layout of pages known only by their addresses (a data-only check, a test)."""
        return cls({uri: PageFile(uri, Path(uri), f"docs/{uri}") for uri in uris})


def links_in(text: str) -> Iterator[tuple[int, str]]:
    """(line, target) for each link to a .md page written in ``text``."""
    for found in _MD_LINK.finditer(text):
        target = next(group for group in found.groups() if group)
        if "://" not in target:
            yield text.count("\n", 0, found.start()) + 1, target


def resolve_link(uri: str, target: str) -> str:
    """A relative .md link from the page at ``uri`` as a path under docs/."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(uri), target)).lstrip("./")


def layout_of(upstream: list[PageFile], facility: list[PageFile], sections: dict[str, list[str]]) -> SiteLayout:
    by_path = {page.uri.removeprefix(f"{PAGES_PREFIX}/"): page for page in facility}
    return SiteLayout({p.uri: p for p in upstream}, by_path, sections)


def hidden_pages(changes: PageChanges, layout: SiteLayout) -> dict[str, Loc]:
    """Each hidden upstream page and the profile entry that hides it (its path under ``pages``)."""
    hidden: dict[str, Loc] = {}
    for i, title in enumerate(changes.hide_sections):
        for uri in layout.sections.get(title, ()):
            hidden.setdefault(uri, ("pages", "hide_sections", i))
    for i, uri in enumerate(changes.hide):
        hidden[uri] = ("pages", "hide", i)
    return hidden


def effective_pages(changes: PageChanges, layout: SiteLayout) -> list[PageFile]:
    """The pages the site is built from: upstream ones not hidden (a replaced one served from the
    facility's file at the same address), then the facility's own pages not used as replacements."""
    hidden = hidden_pages(changes, layout)
    used = set(changes.replace.values())
    pages = []
    for uri, page in layout.upstream.items():
        if uri in hidden:
            continue
        replacement = layout.facility.get(changes.replace[uri]) if uri in changes.replace else None
        pages.append(PageFile(uri, replacement.path, replacement.label) if replacement else page)
    pages += [page for path, page in layout.facility.items() if path not in used]
    return pages
