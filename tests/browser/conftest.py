"""Fixtures for the browser tests: one Chromium, one local server per built site, one scan per variant.

Every expensive thing happens once: the builds (default, offline, hostile data, Markdown
features), the browser launch (once per worker), and the visit of each page in each
variant (console, requests and axe are all read during that one visit).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import build_site

from browser.support import AXE_RUN, AXE_RUN_EXCLUDING, WCAG, LocalServer, Variant, axe_source

pytestmark = pytest.mark.browser

# What every page of the site shares, from the theme: the header, the site navigation and
# the footer. Its layout changes with the width, its colors with the scheme, and the
# active entry with the page; nothing else in it does (the navigation is two levels deep,
# every section open).
CHROME = (".md-header", ".md-sidebar--primary", ".md-footer")
# axe rules that compare colors (color-contrast, link-in-text-block).
COLOR_TAG = "cat.color"


@dataclass(frozen=True)
class AxePlan:
    """What axe checks on one visit: the page without ``exclude`` (CSS selectors), with or
    without the rules that compare colors."""

    exclude: tuple[str, ...] = ()
    colors: bool = True


WHOLE_PAGE = AxePlan()


def page_scan_plan(chrome_on: set[str]):
    """The plan for the every-page scan (test_pages.py).

    - On the pages ``chrome_pages`` picks: the whole page and every rule, in every variant.
    - On every other page: its article and table of contents (``CHROME`` left out), every
      rule but the color ones at phone widths, every rule at desktop widths. The page's
      colors do not depend on the width (handbook.css sets no color inside a width media
      query, as test_no_width_media_query_changes_a_color checks), so the color rules would
      find at phone widths what they find at desktop widths, where the table of contents
      is shown as well.
    """

    def plan(path: str, variant: Variant) -> AxePlan:
        if path in chrome_on:
            return WHOLE_PAGE
        return AxePlan(exclude=CHROME, colors=variant.width >= 600)

    return plan


def empty_search_index(site: Path) -> str:
    """The site's search index with no documents: its own configuration, so the search worker
    starts on every page as usual, but does not index the whole handbook again on each visit
    (about a third of a page scan's work). The real index is searched in test_interaction and
    test_search_ranking, which check the console and requests as well."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return json.dumps({"config": index["config"], "docs": []})


def chrome_pages(paths: list[str]) -> set[str]:
    """Pages whose shared parts are checked too: the home page, the 404 page, the first page
    that opens a section (``role/``: a section's own index page, which the navigation draws
    differently) and the first page inside one (``career/paths/``)."""
    section_index = next(p for p in paths if p.count("/") == 1 and p.endswith("/"))
    in_section = next(p for p in paths if p.count("/") == 2 and p.endswith("/"))
    return {path for path in ("", "404.html", section_index, in_section) if path in paths}


def built(dest: Path, **kwargs) -> Path:
    result = build_site(dest, **kwargs)
    assert result.returncode == 0, result.stdout + result.stderr
    return dest


@pytest.fixture(scope="session")
def server(built_site):
    with LocalServer(built_site) as running:
        yield running


@dataclass
class PageReport:
    console: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    violations: list[dict] = field(default_factory=list)
    scheme: str = ""
    facts: dict = field(default_factory=dict)


class Scanner:
    """Visits every page of a site once per variant and remembers what it saw."""

    def __init__(
        self,
        browser,
        server: LocalServer,
        paths: list[str],
        *,
        probe: str | None = None,
        probe_arg=None,
        axe: bool = True,
        plan=None,
        search_index: str | None = None,
    ):
        self.browser, self.server, self.paths, self.axe = browser, server, paths, axe
        self.probe, self.probe_arg = probe, probe_arg
        self.plan = plan or (lambda path, variant: WHOLE_PAGE)  # (path, variant) -> AxePlan
        self.search_index = search_index  # served in place of search/search_index.json when given
        self.results: dict[str, dict[str, PageReport]] = {}

    def __call__(self, variant: Variant) -> dict[str, PageReport]:
        if variant.name not in self.results:
            self.results[variant.name] = self._scan(variant)
        return self.results[variant.name]

    def _scan(self, variant: Variant) -> dict[str, PageReport]:
        reports = {path: PageReport() for path in self.paths}
        current: list[PageReport] = [reports[self.paths[0]]]
        context = self.browser.new_context(**variant.context_options())
        if self.axe:  # an init script is compiled once, not once per page
            context.add_init_script(script=axe_source())
        watch_context(context, self.server.base, lambda: current[0])
        if self.search_index is not None:
            index = self.search_index

            def serve_index(route):
                route.fulfill(content_type="application/json", body=index)

            context.route(self.server.base + "search/search_index.json", serve_index)
        page = context.new_page()
        watch_page(page, lambda: current[0])
        try:
            for path in self.paths:
                report = current[0] = reports[path]
                page.goto(self.server.base + path, wait_until="load")
                report.scheme = page.evaluate("document.body.dataset.mdColorScheme")
                if self.probe:
                    report.facts = page.evaluate(self.probe, self.probe_arg)
                if self.axe:
                    report.violations = run_axe(page, self.plan(path, variant))
        finally:
            context.close()
        return reports


def run_axe(page, plan: AxePlan) -> list[dict]:
    """axe's WCAG 2.2 AA violations on the open page, as ``plan`` says."""
    only = WCAG
    if not plan.colors:
        rules = page.evaluate(
            "([tags, skip]) => axe.getRules(tags).filter(r => !r.tags.includes(skip)).map(r => r.ruleId)", [WCAG["values"], COLOR_TAG]
        )
        only = {"type": "rule", "values": rules}
    if plan.exclude:
        return page.evaluate(AXE_RUN_EXCLUDING, [list(plan.exclude), only])
    return page.evaluate(AXE_RUN, only)


def watch_context(context, base: str, current) -> None:
    """Block and record every request that does not go to ``base`` (or data:/blob:)."""

    def route(route):
        url = route.request.url
        if url.startswith(base) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            current().foreign.append(url)
            route.abort()

    context.route("**/*", route)


def watch_page(page, current) -> None:
    page.on("console", lambda message: message.type == "error" and current().console.append(message.text))
    page.on("pageerror", lambda error: current().console.append(f"uncaught: {error}"))


def violations_text(reports: dict[str, PageReport]) -> str:
    lines = []
    for path, report in reports.items():
        for v in report.violations:
            lines.append(f"/{path}: {v['id']} ({v['impact']}): {v['help']}")
            lines.extend(f"    {n['target']}: {n['summary']}" for n in v["nodes"][:5])
    return "\n".join(lines)
