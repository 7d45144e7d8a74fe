"""Links inside a built site: every relative link must reach a file, and every anchor an id.

MkDocs checks the links it sees in Markdown; Zensical checks only links written in the
source. Links that macros generate inside raw HTML (tables, the glossary, downloads)
are checked here, on the finished pages, the same way for either engine.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

SKIPPED_PAGES = {"404.html"}  # served for missing pages; its links are relative to wherever it is shown


# A scanner, not a full HTML parser: the checker reads every page of every build, and
# html.parser spent seconds on navigation it then ignored. Script and style bodies and
# comments are blanked first so text inside them never counts as a tag.
_RAW = re.compile(r"(<(script|style)\b[^>]*>).*?(</\2\s*>)|<!--.*?-->", re.S | re.I)
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)(\s(?:[^>\"']|\"[^\"]*\"|'[^']*')*)?/?>")
_ATTR = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?")
_LINK_TAGS = {"href": {"a", "link", "area"}, "src": {"img", "script", "source"}}


class _Page:
    """The links a page makes and the ids it offers as anchors."""

    def __init__(self, text: str) -> None:
        self.links: list[str] = []
        self.ids: set[str] = set()
        text = _RAW.sub(lambda m: m.group(1) + m.group(3) if m.group(1) else "", text)
        for tag in _TAG.finditer(text):
            attrs = tag.group(2)
            if not attrs or ("id" not in attrs and "href" not in attrs and "src" not in attrs):
                continue
            name_of_tag = tag.group(1).lower()
            for attr in _ATTR.finditer(attrs):
                name = attr.group(1).lower()
                is_id = name == "id"
                if not is_id and name_of_tag not in _LINK_TAGS.get(name, ()):
                    continue
                value = next((v for v in attr.group(2, 3, 4) if v is not None), None)
                if value is None:
                    continue
                value = html.unescape(value) if "&" in value else value
                if is_id:
                    self.ids.add(value)
                else:
                    self.links.append(value)


def _parse(path: Path) -> _Page:
    return _Page(path.read_text(encoding="utf-8", errors="replace"))


def _target(files: frozenset[str], dirs: frozenset[str], page: str, href: str) -> tuple[str | None, str]:
    """The site file (relative path) a link reaches, None if outside the site, and its fragment."""
    parts = urlsplit(href)
    if not parts.path:
        return page, parts.fragment
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    if joined.startswith(".."):
        return None, parts.fragment
    if parts.path.endswith("/") or joined in dirs or joined == ".":
        joined = "index.html" if joined == "." else f"{joined}/index.html"
    return joined, parts.fragment


def broken_links(site: Path) -> list[str]:
    """One line per broken link: ``<page>: <href>: <why>``, pages relative to ``site``."""
    # One walk of the site; every later question is a set lookup on relative paths.
    files: set[str] = set()
    dirs: set[str] = set()
    for folder, subfolders, names in os.walk(site):
        base = Path(folder).relative_to(site).as_posix()
        prefix = "" if base == "." else f"{base}/"
        dirs.update(prefix + d for d in subfolders)
        files.update(prefix + n for n in names)
    known_files, known_dirs = frozenset(files), frozenset(dirs)
    parsed: dict[str, _Page] = {}

    def page_of(path: str) -> _Page:
        if path not in parsed:
            parsed[path] = _parse(site / path)
        return parsed[path]

    problems = []
    for page in sorted(f for f in known_files if f.endswith(".html") and f not in SKIPPED_PAGES):
        for href in page_of(page).links:
            scheme = urlsplit(href).scheme
            if scheme or href.startswith("//") or href.startswith("data:"):
                continue  # another origin, mail, data: the third-party test covers those
            target, fragment = _target(known_files, known_dirs, page, href)
            if target is None:
                problems.append(f"{page}: {href}: points outside the site")
            elif target not in known_files:
                problems.append(f"{page}: {href}: no such page or file")
            elif fragment and target.endswith(".html") and unquote(fragment) not in page_of(target).ids:
                problems.append(f"{page}: {href}: no anchor #{fragment} on that page")
    return problems
