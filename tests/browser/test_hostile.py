"""Hostile text in every data field is shown as text: no script runs, no table changes shape.

A copy of the project gets the payloads from ``hostile_data.py`` (script tags, an image
with an error handler, javascript: links, Jinja, a table pipe) in every free-text
field of every data file; the copy is built once, every page is opened in Chromium, and
the site's search is asked for a word of the payload.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import copy_project, shared_build
from hostile_data import MARKER, VISIBLE, poison

from browser.conftest import PageReport, Scanner, built, empty_search_index, watch_context, watch_page
from browser.support import VARIANTS, LocalServer, page_paths

pytestmark = pytest.mark.browser

# Runs in each page: what an attack would leave behind, and the shape of every table.
PROBE = """(visible) => {
  const norm = s => s.replace(/\\s+/g, ' ').trim();
  const width = row => [...row.cells].reduce((n, c) => n + (c.colSpan || 1), 0);
  const content = document.querySelector('.md-content') || document.body;
  const tables = [...content.querySelectorAll('table')].map((t, i) => ({
    table: (t.caption ? norm(t.caption.textContent) : `table ${i + 1}`).slice(0, 60),
    head: t.tHead && t.tHead.rows.length ? width(t.tHead.rows[t.tHead.rows.length - 1]) : null,
    rows: [...t.tBodies].flatMap(b => [...b.rows]).map(width),
  }));
  const cells = [...content.querySelectorAll('td, th')].map(c => norm(c.textContent));
  return {
    xss: typeof window.__xss,
    tables,
    split_cells: cells.filter(t => t.includes('__xss') && !t.includes(visible)).map(t => t.slice(0, 120)),
    shown: norm(document.body.textContent).includes(visible),
    script_elements: [...document.scripts].filter(s => s.textContent.includes('__xss')).length,
    handlers: [...document.querySelectorAll('[onerror], [onload], [onclick]')].map(e => e.outerHTML.slice(0, 120)),
    js_links: [...document.querySelectorAll('a[href]')]
      .filter(a => a.getAttribute('href').replace(/\\s/g, '').toLowerCase().startsWith('javascript:'))
      .map(a => a.outerHTML.slice(0, 120)),
  };
}"""


def hostile_site() -> tuple[dict[str, int], Path]:
    """The poisoned copy of the project, built once per test run (shared by the workers), and how
    many strings took the full payload, the short one, or none."""

    def make(site: Path) -> None:
        project = copy_project(site.parent / "project")
        poisoned = poison(project)
        counts = {"full": len(poisoned.full), "short": len(poisoned.short), "kept": len(poisoned.kept)}
        (site.parent / "poisoned.json").write_text(json.dumps(counts), encoding="utf-8")
        built(site, project=project)

    site = shared_build("hostile", make)
    return json.loads((site.parent / "poisoned.json").read_text(encoding="utf-8")), site


def test_hostile_data_is_shown_as_text_on_every_page(browser):
    """One test (one visit of every page), so a parallel worker takes it whole; each check
    below reports on its own."""
    poisoned, site = hostile_site()
    # Ids, enums, URLs and colors must stay exact; everything else carries the payload.
    assert poisoned["full"] >= 50, f"only {poisoned['full']} strings took the payload"
    assert poisoned["full"] + poisoned["short"] > poisoned["kept"]
    with LocalServer(site) as server:
        # The pages with an empty search index (each visit would index the poisoned handbook
        # again); the real, poisoned index is searched in the test below.
        scanner = Scanner(
            browser, server, page_paths(site), probe=PROBE, probe_arg=VISIBLE, axe=False, search_index=empty_search_index(site)
        )
        reports = scanner(VARIANTS[2])
    problems = [f"{what}:\n{found}" for what, check in CHECKS.items() if (found := check(reports))]
    assert not problems, "\n\n".join(problems)


def test_searching_hostile_data_runs_nothing(browser):
    """Material's search results add tags with innerHTML; tags (front matter and glossary terms) are escaped."""
    _, site = hostile_site()
    with LocalServer(site) as server:
        problems = search_poisoned_index(browser, server.base)
    assert not problems, problems


def search_poisoned_index(browser, base: str) -> str:
    """Search for a word of the payload: the results show poisoned text, and nothing runs."""
    context = browser.new_context(**VARIANTS[2].context_options())
    report = PageReport()
    watch_context(context, base, lambda: report)
    try:
        page = context.new_page()
        watch_page(page, lambda: report)
        page.goto(base, wait_until="load")
        box = page.locator(".md-search__input")
        box.click()
        page.wait_for_function("!document.querySelector('.md-search-result__meta').textContent.includes('Initializing')")
        box.fill("split")  # "cell|split" ends the payload
        box.press("End")
        page.wait_for_selector(".md-search-result__item", timeout=15_000)
        found = page.evaluate("""() => ({
            xss: typeof window.__xss,
            results: document.querySelectorAll('.md-search-result__item').length,
            markup: [...document.querySelectorAll('.md-search-result script, .md-search-result img, .md-search-result [onerror], '
                     + '.md-search-result a[href^="javascript:"]')].map(e => e.outerHTML.slice(0, 120)),
        })""")
    finally:
        context.close()
    bad = []
    if found["xss"] != "undefined" or found["markup"]:
        bad.append(f"a payload ran or turned into markup in the search results: {found}")
    if found["results"] < 2:
        bad.append(f"the payload's words found {found['results']} page(s): was the index poisoned?")
    if report.console or report.foreign:
        bad.append(f"console: {report.console}; other origins: {report.foreign}")
    return "\n".join(bad)


def payload_ran(reports) -> str:
    ran = {path: r.facts["xss"] for path, r in reports.items() if r.facts["xss"] != "undefined"}
    if ran:
        return f"window.__xss was set on: {ran}"
    leftovers = {path: {k: r.facts[k] for k in ("script_elements", "handlers", "js_links") if r.facts[k]} for path, r in reports.items()}
    leftovers = {path: found for path, found in leftovers.items() if found}
    return f"payloads turned into markup: {leftovers}" if leftovers else ""


def payload_not_shown(reports) -> str:
    shown = [path for path, r in reports.items() if r.facts["shown"]]
    return "" if shown else f"no page shows the payload as text ({MARKER!r}); were the data tables rendered?"


def table_changed_shape(reports) -> str:
    bad = []
    for path, report in reports.items():
        for table in report.facts["tables"]:
            if table["head"] is not None and any(cells != table["head"] for cells in table["rows"]):
                bad.append(f"/{path}: {table['table']!r}: header has {table['head']} cells, rows have {table['rows']}")
        bad.extend(f"/{path}: a cell holds part of the payload: {text!r}" for text in report.facts["split_cells"])
    return "\n".join(bad)


def console_or_foreign(reports) -> str:
    bad = {path: (r.console, r.foreign) for path, r in reports.items() if r.console or r.foreign}
    return str(bad) if bad else ""


CHECKS = {
    "no payload runs on any page": payload_ran,
    "payloads are shown as text": payload_not_shown,
    "no table loses or gains a cell": table_changed_shape,
    "no console errors or requests to another origin": console_or_foreign,
}
