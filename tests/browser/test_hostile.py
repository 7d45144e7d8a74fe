"""Hostile text in every data field is shown as text: no script runs, no table changes shape.

A copy of the project gets the payloads from ``hostile_data.py`` (script tags, an image
with an error handler, javascript: links, Jinja, a table pipe) in every free-text
field of every data file; the copy is built once and every page is opened in Chromium.
"""

from __future__ import annotations

import pytest
from conftest import copy_project
from hostile_data import MARKER, VISIBLE, poison

from browser.conftest import Scanner, built
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


def test_hostile_data_is_shown_as_text_on_every_page(tmp_path_factory, browser):
    """One test (one build and one visit of every page), so a parallel worker takes it whole;
    each check below reports on its own."""
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    poisoned = poison(project)
    # Ids, enums, URLs and colors must stay exact; everything else carries the payload.
    assert len(poisoned.full) >= 50, f"only {len(poisoned.full)} strings took the payload"
    assert len(poisoned.full) + len(poisoned.short) > len(poisoned.kept)
    site = built(tmp_path_factory.mktemp("hostile-site"), project=project)
    with LocalServer(site) as server:
        reports = Scanner(browser, server, page_paths(site), probe=PROBE, probe_arg=VISIBLE, axe=False)(VARIANTS[2])
    problems = [f"{what}:\n{found}" for what, check in CHECKS.items() if (found := check(reports))]
    assert not problems, "\n\n".join(problems)


def payload_ran(reports) -> str:
    ran = {path: r.facts["xss"] for path, r in reports.items() if r.facts["xss"] != "undefined"}
    if ran:
        return f"window.__xss was set on: {ran}"
    leftovers = {
        path: {k: r.facts[k] for k in ("script_elements", "handlers", "js_links") if r.facts[k]}
        for path, r in reports.items()
    }
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
