"""Per-page work, the same on both engines: render the page in the sandbox and add what
every page carries (review line, edit links, search tags, abbreviations, glossary link).

``Build.load`` prepares one build: the edition, the site plan, every page's review
record and the bound macros. ``Build.prepare`` then turns one page's source into the
Markdown the engine converts and the metadata its templates read. The MkDocs adapter
calls it from the macros plugin's ``on_pre_page_macros``; the Zensical adapter calls it
while staging pages. Engine-free apart from the Jinja sandbox it renders with.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2.sandbox import ImmutableSandboxedEnvironment

from handbook.derive import review
from handbook.derive.differences import PageChange
from handbook.derive.glossary_terms import linkable
from handbook.derive.repo_links import page_links
from handbook.derive.search_terms import page_keywords
from handbook.derive.site import SiteLinks, SitePlan, page_url, plan
from handbook.load.edition import Edition, facility_dir, load_edition
from handbook.load.layout import links_in, resolve_link
from handbook.load.loader import HandbookDataError
from handbook.load.locate import format_field
from handbook.load.reader import FileProblem, read_text
from handbook.load.yamlnodes import YamlProblem, read_document
from handbook.render import macros as macro_table
from handbook.render.reference import abbreviation_titles, abbreviations
from handbook.render.review import page_facts
from macros.sandbox import PageError, freeze, make_environment, render_page

GLOSSARY_PAGE = "reference/glossary.md"
GLOSSARY_REFERENCE = "bht-glossary"  # read by macros/glossary_ext.py


class BuildProblem(Exception):
    """Problems that stop the build; ``lines`` holds one ``file:line: message`` each."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        super().__init__("\n".join(lines))


@dataclass
class Prepared:
    """One page, ready for the engine: its Markdown and the metadata its templates read."""

    markdown: str
    meta: dict[str, Any] = field(default_factory=dict)  # keys to set on the page's metadata


@dataclass
class Build:
    edition: Edition
    site: SitePlan
    links: SiteLinks
    reviews: dict[str, review.PageReview]
    directory_urls: bool
    sandbox: ImmutableSandboxedEnvironment = field(default_factory=make_environment)
    names: dict[str, object] = field(default_factory=dict)

    @classmethod
    def load(
        cls,
        project: Path,
        docs_dir: Path,
        upstream_repo: str | None = None,
        directory_urls: bool = True,
        extra_downloads: Path | None = None,
        folder: Path | None = None,
        links_from_source: bool = False,
    ) -> Build:
        """Everything a build needs before its first page; ``BuildProblem`` lists what is wrong."""
        try:
            edition = load_edition(project, folder if folder is not None else facility_dir(project), docs_dir)
            reviews = review.collect(edition.pages, edition.today, edition.book.facility.page_owners, edition.book.facility.page_owner_map)
        except (HandbookDataError, review.ReviewError) as error:
            raise BuildProblem(error.problems) from None
        site = plan(edition, upstream_repo, extra_downloads)
        links = SiteLinks(site, directory_urls, {r.src_path: r.title for r in reviews}, from_source=links_from_source)
        build = cls(edition, site, links, {r.src_path: r for r in reviews}, directory_urls)
        context = macro_table.Context(
            book=edition.book,
            links=links,
            standard=lambda: edition.standard,
            reviews=reviews,
            today=edition.today,
            run_example=build.run_example,
            page_changes=tuple(PageChange(uri, "hidden", build.hide_entry(uri)) for uri in sorted(edition.hidden))
            + tuple(PageChange(p.uri, "replaced", f"{p.label} is shown instead") for p in site.replaced),
        )
        book = edition.book
        build.names = {
            **macro_table.bind(context),
            "facility": freeze(book.facility.model_dump()),
            # The ladder in rank order, titled as this edition names it: pages never name a level.
            "levels": freeze(
                [
                    {
                        "id": lv.id,
                        "title": book.level_title(lv.id),
                        "rank": lv.rank,
                        "summary": lv.summary,
                        "supervision": lv.supervision or "",
                    }
                    for lv in book.ordered_levels
                ]
            ),
        }
        return build

    # --- What both engines need once per build ----------------------------------------

    @property
    def keywords(self) -> Mapping[str, tuple[str, ...]]:
        return self._keywords

    def __post_init__(self) -> None:
        self._keywords = page_keywords(self.edition.book)
        self._abbreviations = abbreviations(self.edition.book)

    def glossary_data(self) -> dict[str, object]:
        """What the glossary extension needs: the terms a mention may use, and the tooltips."""
        book = self.edition.book
        return {"entries": linkable(book.terms), "titles": abbreviation_titles(book)}

    def label(self, uri: str) -> str:
        """The file as contributors name it: docs/<uri>, or the facility page's own file."""
        found = next((p for p in self.edition.pages if p.uri == uri), None)
        return found.label if found is not None else f"docs/{uri}"

    # --- One page -------------------------------------------------------------------

    def prepare(self, uri: str, body: str, meta: Mapping[str, Any], title: str | None, line_offset: int = 0) -> Prepared:
        """The page at ``uri`` (under docs/): ``body`` is its Markdown after the front matter,
        which ends at line ``line_offset``. Raises ``BuildProblem`` naming the page's own line."""
        updates = self._page_meta(uri, meta, title)
        if meta.get("render_macros") is True:
            raise BuildProblem(
                [
                    f"{self.label(uri)}:1: render_macros: pages render in the handbook's sandbox; "
                    "remove render_macros: true (render_macros: false shows macro syntax as text)"
                ]
            )
        if meta.get("render_macros") is False:  # a page may opt out, e.g. to show macro syntax
            self._check_hidden_links(uri, body, body, line_offset)
            return Prepared(body, updates)
        self.links.current = uri
        names = {**self.names, "page": freeze({"title": title or "", "meta": dict(meta), "src_path": uri})}
        try:
            rendered = render_page(self.sandbox, body, names, line_offset=line_offset)
        except PageError as error:
            raise BuildProblem([f"{self.label(uri)}:{error.line}: {error.message}"]) from None
        self._check_hidden_links(uri, body, rendered, line_offset)
        tail = [self._abbreviations]
        if uri != GLOSSARY_PAGE:
            tail.append(f"[{GLOSSARY_REFERENCE}]: {posixpath.relpath(GLOSSARY_PAGE, posixpath.dirname(uri) or '.')}")
        return Prepared(rendered.rstrip("\n") + "\n\n" + "\n".join(tail) + "\n", updates)

    def _page_meta(self, uri: str, meta: Mapping[str, Any], title: str | None) -> dict[str, Any]:
        """Values the page templates read: search tags, the review line, and the two links."""
        updates: dict[str, Any] = {}
        keywords = self.keywords.get(uri, ())
        if keywords:  # Material's search ranks tags above body text and shows them on each result
            tags = meta["tags"] if isinstance(meta.get("tags"), list) else []
            updates["tags"] = list(dict.fromkeys([*tags, *keywords]))
        found = self.reviews.get(uri)
        updates["bht_review"] = page_facts(found, self.edition.today) if found else None
        page_title = found.title if found else (title or uri)  # the page's own title, the same on every engine
        address = (self.site.site_url + page_url(uri, True).removeprefix("./")) if self.site.site_url else None
        file = self.label(uri)
        updates["bht_links"] = page_links(self.site.repo, uri, page_title, address, file)
        return updates

    def _check_hidden_links(self, uri: str, source: str, rendered: str, line_offset: int) -> None:
        """A page may not link to a page this edition hides; the message names both.

        The rendered page is checked (a link inside a false ``{% if %}`` is no link), but the
        line named is the source line that writes the link, where the contributor looks."""
        hidden = self.edition.hidden
        if not hidden:
            return
        in_source: dict[str, int] = {}
        for line, target in links_in(source):
            in_source.setdefault(target, line)
        problems = []
        for line, target in links_in(rendered):
            linked = resolve_link(uri, target)
            if linked in hidden:
                problems.append(
                    f"{self.label(uri)}:{in_source.get(target, line) + line_offset}: links to docs/{linked}, which this edition hides "
                    f"({self.hide_entry(linked)}); {self._hidden_link_fix(uri, linked)}"
                )
        if problems:
            raise BuildProblem(problems)

    def _hidden_link_fix(self, uri: str, linked: str) -> str:
        macro = f'{{{{ page_link("{linked}", "...") }}}} prints plain text when that page is hidden'
        if self.label(uri) == f"docs/{uri}":  # an upstream page: editing it would conflict with the next merge
            return f"hide or replace docs/{uri} too, or stop hiding the page ({macro}, if the link is worth changing upstream)"
        return f"change the link ({macro}), or stop hiding the page"

    def hide_entry(self, uri: str) -> str:
        """Where the profile hides ``uri``: ``facility/profile.yml:34: pages.hide_sections[0]``."""
        entry = format_field(self.edition.hidden[uri])
        folder = self.edition.folder
        if folder is None:
            return entry
        try:
            lines = read_document(read_text(folder.profile, "profile")).line_of(self.edition.hidden[uri])
        except (FileProblem, YamlProblem):
            return entry
        return f"{self.edition.label(folder.profile)}:{lines}: {entry}"

    def run_example(self, call: str) -> str:
        """Render ``{{ call }}`` with the names of the page being rendered (the macro reference)."""
        return render_page(self.sandbox, "{{ " + call + " }}", self.names)
