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
    without the rules that compare colors (``colors``) and the rules that do not (``others``)."""

    exclude: tuple[str, ...] = ()
    colors: bool = True
    others: bool = True


WHOLE_PAGE = AxePlan()


def page_scan_plan(chrome_on: set[str]):
    """The plan for the every-page scan (test_pages.py): ``plan(path, variant)`` is the
    AxePlan for that visit, or None when the visit would find nothing new.

    - On the pages ``chrome_pages`` picks: the whole page and every rule, in every variant.
    - On every other page, its article and table of contents (``CHROME`` left out):
      - the color rules at desktop widths in both schemes. The page's colors do not depend
        on the width (no width media query changes a color, as
        test_no_width_media_query_changes_a_color checks), so at phone widths the color rules
        would find what they find at desktop widths, where the table of contents shows too;
      - the other rules in the light scheme at both widths. The scheme changes colors and
        nothing else on these pages (no scheme rule shows or hides anything, as
        test_no_color_scheme_shows_or_hides_anything checks), so in the dark scheme those
        rules would find what they find in the light one;
      - so the dark scheme at phone widths is left with nothing to check: those pages are
        not visited in it (the scheme itself is checked on the chrome pages, where it is set).
    """

    def plan(path: str, variant: Variant) -> AxePlan | None:
        if path in chrome_on:
            return WHOLE_PAGE
        desktop, light = variant.width >= 600, variant.scheme == "light"
        if not desktop and not light:
            return None
        return AxePlan(exclude=CHROME, colors=desktop, others=light)

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
        self.plan = plan or (lambda path, variant: WHOLE_PAGE)  # (path, variant) -> AxePlan, or None: no visit
        self.search_index = search_index  # served in place of search/search_index.json when given
        self.results: dict[str, dict[str, PageReport]] = {}

    def __call__(self, variant: Variant) -> dict[str, PageReport]:
        if variant.name not in self.results:
            self.results[variant.name] = self._scan(variant)
        return self.results[variant.name]

    def _scan(self, variant: Variant) -> dict[str, PageReport]:
        plans = {path: plan for path in self.paths if (plan := self.plan(path, variant)) is not None}
        reports = {path: PageReport() for path in plans}
        if not reports:
            return reports
        current: list[PageReport] = [next(iter(reports.values()))]
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
            for path, plan in plans.items():
                report = current[0] = reports[path]
                page.goto(self.server.base + path, wait_until="load")
                report.scheme = page.evaluate("document.body.dataset.mdColorScheme")
                if self.probe:
                    report.facts = page.evaluate(self.probe, self.probe_arg)
                if self.axe:
                    report.violations = run_axe(page, plan)
        finally:
            context.close()
        return reports


def run_axe(page, plan: AxePlan) -> list[dict]:
    """axe's WCAG 2.2 AA violations on the open page, as ``plan`` says."""
    if not (plan.colors or plan.others):
        return []
    only = WCAG
    if not (plan.colors and plan.others):
        rules = page.evaluate(
            "([tags, color, colors]) => axe.getRules(tags).filter(r => r.tags.includes(color) === colors).map(r => r.ruleId)",
            [WCAG["values"], COLOR_TAG, plan.colors],
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
