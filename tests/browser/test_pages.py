"""Every built page, in light and dark and at phone and desktop widths, in a real browser.

Each page is visited once per variant, and four checks read that one visit: the color
scheme, console errors, requests to another origin, and axe-core (WCAG 2.2 AA). axe
checks every page's article and table of contents, and the header, navigation and footer
that every page shares on the home page, the 404 page and the first page of each section
(``browser.conftest.chrome_pages``). The search index is served empty during these visits
(``browser.conftest.empty_search_index``): the search itself is tested elsewhere.

One test per variant and half of the pages: a unit of work a parallel worker can take on
its own (pytest-xdist may send tests of one file to different workers), so no page is
visited twice and the two workers finish together.
"""

from __future__ import annotations

import pytest

from browser.conftest import CHROME, Scanner, chrome_pages, empty_search_index, violations_text
from browser.support import AXE_RUN_EXCLUDING, VARIANTS, WCAG, axe_source, page_paths

pytestmark = pytest.mark.browser
PARTS = 2


@pytest.mark.parametrize("part", range(PARTS), ids=[f"pages-{n + 1}-of-{PARTS}" for n in range(PARTS)])
@pytest.mark.parametrize("variant", VARIANTS, ids=[v.name for v in VARIANTS])
def test_every_page_has_its_scheme_no_console_error_no_other_origin_and_no_axe_violation(browser, server, built_site, variant, part):
    paths = page_paths(built_site)
    assert len(paths) > 1, "the build has no pages besides the home page?"
    scanner = Scanner(browser, server, paths[part::PARTS], chrome_on=chrome_pages(paths), search_index=empty_search_index(built_site))
    reports = scanner(variant)
    problems = []

    wrong = {path: r.scheme for path, r in reports.items() if r.scheme != variant.material_scheme}
    if wrong:
        problems.append(f"pages not in the {variant.material_scheme!r} scheme: {wrong}")
    console = {path: r.console for path, r in reports.items() if r.console}
    if console:
        problems.append("console errors:\n" + "\n".join(f"/{path}: {messages}" for path, messages in console.items()))
    foreign = {path: r.foreign for path, r in reports.items() if r.foreign}
    if foreign:
        problems.append("requests to another origin:\n" + "\n".join(f"/{path}: {urls}" for path, urls in foreign.items()))
    if any(r.violations for r in reports.values()):
        problems.append("axe-core (WCAG 2.2 AA):\n" + violations_text(reports))
    assert not problems, "\n\n".join(problems)


def test_the_pages_are_split_without_a_gap_and_every_section_has_its_shared_parts_checked(built_site):
    paths = page_paths(built_site)
    parts = [paths[part::PARTS] for part in range(PARTS)]
    assert sorted(p for part in parts for p in part) == sorted(paths)
    chosen = chrome_pages(paths)
    assert {"", "404.html"} <= chosen and len(chosen) < len(paths) / 2, chosen
    assert {p.split("/")[0] for p in paths if "/" in p} <= {p.split("/")[0] for p in chosen}


def test_the_scan_without_the_shared_parts_still_sees_the_article(browser, server, built_site):
    """Guards the exclusion: a fault in the article is found, one in the header is not."""
    paths = page_paths(built_site)
    context = browser.new_context(**VARIANTS[2].context_options())
    try:
        page = context.new_page()
        page.goto(server.base + next(p for p in paths if p not in chrome_pages(paths)), wait_until="load")
        page.add_script_tag(content=axe_source())
        page.evaluate("""() => {
            document.querySelector('.md-content article').insertAdjacentHTML('beforeend', '<img src="data:," id="fault-in-article">');
            document.querySelector('.md-header').insertAdjacentHTML('beforeend', '<img src="data:," id="fault-in-header">');
        }""")
        found = page.evaluate(AXE_RUN_EXCLUDING, [list(CHROME), WCAG])
    finally:
        context.close()
    targets = [node["target"] for v in found for node in v["nodes"]]
    assert "#fault-in-article" in targets and "#fault-in-header" not in targets, found
