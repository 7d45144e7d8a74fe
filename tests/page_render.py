"""Pages rendered the way both engines render them, without building a site.

``macros.pages.Build`` is what MkDocs (``on_pre_page_macros``) and Zensical (staging)
call for every page: the sandboxed render, the review line, links and search tags.
Tests whose check is about a page's words load a ``Build`` here (a fraction of a
second) instead of running a whole site build; Markdown is turned into HTML with the
extensions mkdocs.yml lists. One build per concern still proves the route through
MkDocs (see the tests that call ``build_site``).
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

import markdown
from conftest import ROOT

from handbook.load.frontmatter import front_matter
from handbook.load.reader import read_text
from handbook.load.siteconfig import read_site_config as read_config_file
from macros.pages import Build, Prepared

# Inline tags (tooltips, links) sit inside words and phrases: drop them without a space.
INLINE_TAGS = re.compile(r"</?(?:abbr|a|span|strong|em|code|b|i|small)\b[^>]*>")
TAG = re.compile(r"<[^>]+>")


def read_site_config(project: Path) -> dict:
    """The project's mkdocs.yml as plain data, read the way the adapters read it."""
    return read_config_file(project / "mkdocs.yml")


def load_build(project: Path = ROOT, folder: Path | None = None) -> Build:
    """A build of ``project`` (the standard edition, or the facility folder ``folder``)."""
    config = read_site_config(project)
    return Build.load(project, project / config.get("docs_dir", "docs"), upstream_repo=config.get("repo_url"), folder=folder)


def prepare(build: Build, uri: str, source: str | None = None) -> Prepared:
    """One page through ``Build.prepare``, as the engines call it. ``source`` replaces the
    file's text (front matter included) when given; ``BuildProblem`` propagates."""
    page = next(p for p in build.edition.pages if p.uri == uri)
    text = source if source is not None else read_text(page.path, page.label)
    front = front_matter(text)
    meta = dict(front.meta) if isinstance(front.meta, dict) else {}
    return build.prepare(uri, front.body, meta, meta.get("title"), front.offset)


@functools.cache
def _extensions() -> tuple[list[str], dict[str, dict]]:
    names, settings = [], {}
    for entry in read_site_config(ROOT).get("markdown_extensions", []):
        if isinstance(entry, dict):
            ((name, options),) = entry.items()
            names.append(name)
            settings[name] = options or {}
        else:
            names.append(entry)
    return names, settings


def to_html(prepared: Prepared) -> str:
    """The page's Markdown converted with mkdocs.yml's extensions (no theme, no glossary links)."""
    names, settings = _extensions()
    return markdown.Markdown(extensions=names, extension_configs=settings).convert(prepared.markdown)


def text_of(markup: str) -> str:
    """Visible words: tags removed (inline ones without a space), entities decoded, whitespace folded."""
    return " ".join(html.unescape(TAG.sub(" ", INLINE_TAGS.sub("", markup))).split())


class RenderedEdition:
    """Every page of one edition, rendered on demand and remembered."""

    def __init__(self, build: Build):
        self.build = build
        self._prepared: dict[str, Prepared] = {}

    def prepared(self, uri: str) -> Prepared:
        if uri not in self._prepared:
            self._prepared[uri] = prepare(self.build, uri)
        return self._prepared[uri]

    def text(self, page: str) -> str:
        """The words of ``page`` (``safety/medication`` or ``safety/medication.md``) as a reader sees them."""
        uri = page if page.endswith(".md") else f"{page}.md"
        if not any(p.uri == uri for p in self.build.edition.pages):
            uri = f"{page}/index.md"
        return text_of(to_html(self.prepared(uri)))

    def everything(self) -> str:
        """The words of every page's rendered Markdown (tables and lists as the macros wrote them)."""
        return "\n".join(text_of(self.prepared(p.uri).markdown) for p in self.build.edition.pages)
