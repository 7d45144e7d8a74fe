"""Paper and phones: print styles hide the chrome and keep tables on the page; at
360 px wide nothing but a table's own box scrolls sideways.

These check a few key pages in the system Chromium; the proof suite checks every
page at phone width.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

KEY_PAGES = ["start-here/checklists", "skills/skill-matrix", "career/paths", "career/education-and-certifications"]


def open_page(browser, site, path, width, media):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.emulate_media(media=media)
    page.goto((site / path / "index.html").as_uri())
    return page


@pytest.mark.parametrize("path", KEY_PAGES)
def test_print_hides_chrome_and_keeps_tables_on_the_page(browser, built_site, path):
    page = open_page(browser, built_site, path, 816, "print")  # US Letter at 96 dpi
    try:
        for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search"):
            assert page.eval_on_selector(selector, "e => getComputedStyle(e).display === 'none' || !e.offsetParent"), selector
        overflowing = page.evaluate("""() => [...document.querySelectorAll('.md-content table')]
            .filter(t => t.getBoundingClientRect().right > document.querySelector('.md-content').getBoundingClientRect().right + 1)
            .map(t => t.querySelector('caption')?.textContent || 'table')""")
        assert overflowing == []
        boxes = page.evaluate("() => [...document.querySelectorAll('.bht-scroll')].map(b => getComputedStyle(b).overflowX)")
        assert set(boxes) <= {"visible"}
    finally:
        page.close()


def test_print_shows_where_links_go(browser, built_site):
    page = open_page(browser, built_site, "reference/sources", 816, "print")
    try:
        after = page.evaluate("""() => { const a = document.querySelector('.md-content a[href^="http"]');
            return getComputedStyle(a, '::after').content }""")
        assert after.startswith('" (" attr(href)') or "(http" in after
        terms = page.evaluate("""() => [...document.querySelectorAll('a.bht-term')]
            .map(a => getComputedStyle(a, '::after').content)""")
        assert all(c in ("none", "normal") for c in terms)
    finally:
        page.close()


def test_checklist_sheets_start_new_pages_in_print(browser, built_site):
    page = open_page(browser, built_site, "start-here/checklists", 816, "print")
    try:
        breaks = page.evaluate("() => [...document.querySelectorAll('.bht-sheet-start')].map(h => getComputedStyle(h).breakBefore)")
        assert breaks and set(breaks) == {"page"}
        rows = page.evaluate("() => [...document.querySelectorAll('.bht-signoff td')].map(td => td.getBoundingClientRect().height)")
        assert min(rows) >= 30, "rows need room to write a date and initials"
    finally:
        page.close()


@pytest.mark.parametrize("path", ["", *KEY_PAGES])
def test_phone_width_only_table_boxes_scroll(browser, built_site, path):
    page = open_page(browser, built_site, path, 360, "screen")
    try:
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
        wide = page.evaluate("""() => [...document.querySelectorAll('.md-content table')]
            .filter(t => t.getBoundingClientRect().width > 360).map(t => t.closest('.bht-scroll, .md-typeset__scrollwrap') !== null)""")
        assert all(wide), "a wide table is not inside its own scroll box"
        assert page.is_visible("label.md-header__button[for='__drawer']"), "the menu button must show on phones"
    finally:
        page.close()
