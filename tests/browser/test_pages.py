"""Every built page, in light and dark and at phone and desktop widths, in a real browser.

Each page is visited once per variant, and four checks read that one visit: the color
scheme, console errors, requests to another origin, and axe-core (WCAG 2.2 AA). What
axe checks where is ``browser.conftest.page_scan_plan``: every page's article and table
of contents in every variant (the color rules at desktop widths), and the header,
navigation and footer every page shares, in full, on a few pages (``chrome_pages``).
The search index is served empty during these visits (``empty_search_index``): the
search itself is tested in test_interaction.py and test_search_ranking.py.

One test per variant and half of the pages: a unit of work a parallel worker can take on
its own (pytest-xdist may send tests of one file to different workers), so no page is
visited twice and the two workers finish together.
"""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from browser.conftest import CHROME, AxePlan, Scanner, chrome_pages, empty_search_index, page_scan_plan, violations_text
from browser.support import AXE_RUN_EXCLUDING, VARIANTS, WCAG, axe_source, page_paths

pytestmark = pytest.mark.browser
PARTS = 2


@pytest.mark.parametrize("part", range(PARTS), ids=[f"pages-{n + 1}-of-{PARTS}" for n in range(PARTS)])
@pytest.mark.parametrize("variant", VARIANTS, ids=[v.name for v in VARIANTS])
def test_every_page_has_its_scheme_no_console_error_no_other_origin_and_no_axe_violation(browser, server, built_site, variant, part):
    paths = page_paths(built_site)
    assert len(paths) > 1, "the build has no pages besides the home page?"
    plan = page_scan_plan(chrome_pages(paths))
    scanner = Scanner(browser, server, paths[part::PARTS], plan=plan, search_index=empty_search_index(built_site))
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


def test_the_pages_are_split_without_a_gap_and_the_shared_parts_are_checked_on_each_kind_of_page(built_site):
    paths = page_paths(built_site)
    parts = [paths[part::PARTS] for part in range(PARTS)]
    assert sorted(p for part in parts for p in part) == sorted(paths)
    chosen = chrome_pages(paths)
    assert {"", "404.html"} < chosen and len(chosen) == 4, chosen
    plan = page_scan_plan(chosen)
    phone, desktop = VARIANTS[0], VARIANTS[2]
    assert plan("", phone) == plan("", desktop) == AxePlan()  # whole page, every rule
    other = next(p for p in paths if p not in chosen)
    assert plan(other, desktop) == AxePlan(exclude=CHROME, colors=True)
    assert plan(other, phone) == AxePlan(exclude=CHROME, colors=False)


def test_no_width_media_query_changes_a_color():
    """page_scan_plan runs the color rules on the article at desktop widths only: that holds
    while the site's own CSS changes no color, opacity or visibility with the screen width."""
    color_properties = re.compile(
        r"(?:^|[;{\s])(color|background(?:-color|-image)?|opacity|filter|mix-blend-mode|visibility"
        r"|-webkit-text-fill-color|text-shadow)\s*:",
        re.I,
    )
    problems = []
    for css in sorted((ROOT / "overrides").rglob("*.css")):
        text = re.sub(r"/\*.*?\*/", "", css.read_text(encoding="utf-8"), flags=re.S)
        for query in re.finditer(r"@media([^{]*)\{", text):
            if "width" not in query.group(1):
                continue
            depth, end = 1, query.end()
            while depth:
                depth += {"{": 1, "}": -1}.get(text[end], 0)
                end += 1
            body = text[query.end() : end]
            found = [m.group(1) for m in color_properties.finditer(body)]
            found += [f"display: {v.strip()}" for v in re.findall(r"display\s*:\s*([^;}]+)", body) if v.strip() != "none"]
            if found:
                problems.append(f"{css.relative_to(ROOT)}: @media{query.group(1).rstrip()}: {sorted(set(found))}")
    assert not problems, "\n".join(problems)


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
