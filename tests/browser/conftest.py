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
# the footer. axe checks them in full on a few pages (``chrome_pages``) and the rest of
# each page (its article, its table of contents) on every page.
CHROME = (".md-header", ".md-sidebar--primary", ".md-footer")


def empty_search_index(site: Path) -> str:
    """The site's search index with no documents: its own configuration, so the search worker
    starts on every page as usual, but does not index the whole handbook again on each visit
    (about a third of a page scan's work). The real index is searched in test_interaction and
    test_search_ranking, which check the console and requests as well."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return json.dumps({"config": index["config"], "docs": []})


def chrome_pages(paths: list[str]) -> set[str]:
    """Pages whose shared parts are checked too: the home page, the 404 page and the first
    page of each top-level section (each section opens its own part of the navigation)."""
    chosen: dict[str, str] = {}
    for path in paths:
        chosen.setdefault(path.split("/")[0] if "/" in path else path, path)
    return set(chosen.values())

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

    def __init__(self, browser, server: LocalServer, paths: list[str], *, probe: str | None = None, probe_arg=None, axe: bool = True,
                 chrome_on: set[str] | None = None, search_index: str | None = None):
        self.browser, self.server, self.paths, self.axe = browser, server, paths, axe
        self.probe, self.probe_arg = probe, probe_arg
        self.chrome_on = set(paths) if chrome_on is None else chrome_on  # pages axe checks whole
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
                if self.axe and path in self.chrome_on:
                    report.violations = page.evaluate(AXE_RUN, WCAG)
                elif self.axe:
                    report.violations = page.evaluate(AXE_RUN_EXCLUDING, [list(CHROME), WCAG])
        finally:
            context.close()
        return reports


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
