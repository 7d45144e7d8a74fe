"""What a reader does: search, open the phone menu, and read the offline copy from disk."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser.conftest import PageReport, violations_text, watch_page
from browser.support import AXE_RUN, VARIANTS, WCAG, axe_source

pytestmark = pytest.mark.browser
PHONE, DESKTOP = VARIANTS[0], VARIANTS[2]


def search_target(site: Path) -> tuple[str, str]:
    """A query taken from a page title in the search index, and the page it should find."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in sorted(index["docs"], key=lambda d: d["location"]):
        if "#" in doc["location"] or not doc["location"]:
            continue
        words = [w for w in re.findall(r"[A-Za-z]{6,}", doc["title"]) if w.lower() not in {"handbook"}]
        if words:
            return words[0].lower(), doc["location"]
    pytest.fail("the search index has no page title to search for")


def open_context(browser, variant, base: str):
    context = browser.new_context(**variant.context_options())
    context.add_init_script(script=axe_source())
    report = PageReport()

    def route(route):
        url = route.request.url
        if url.startswith(base) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            report.foreign.append(url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    watch_page(page, lambda: report)
    return context, page, report


def run_search(page, query: str, location: str) -> list[str]:
    page.locator(".md-search__input").press_sequentially(query, delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    return page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")


@pytest.mark.parametrize("variant", VARIANTS, ids=[v.name for v in VARIANTS])
def test_search_finds_a_page_by_a_word_in_its_title(browser, server, built_site, variant):
    query, location = search_target(built_site)
    context, page, report = open_context(browser, variant, server.base)
    try:
        page.goto(server.base, wait_until="load")
        if variant.width < 600:  # the search box hides behind an icon on phones
            page.locator('label.md-header__button[for="__search"]').click()
        else:
            page.locator(".md-search__input").click()
        hrefs = run_search(page, query, location)
        assert any(urlsplit(href).path.endswith("/" + location) for href in hrefs), (query, location, hrefs)
        # The open search dialog is part of the page too: it must pass axe (it needs a name).
        violations = page.evaluate(AXE_RUN, WCAG)
        # A best-practice rule, outside the WCAG tags: the open dialog must have a name.
        violations += page.evaluate(AXE_RUN, {"type": "rule", "values": ["aria-dialog-name"]})
        name = page.get_by_role("dialog", name="Search").count()
    finally:
        context.close()
    assert not violations, violations_text({"(search open)": PageReport(violations=violations)})
    assert name == 1, "the search dialog has no accessible name"
    assert not report.console and not report.foreign, (report.console, report.foreign)


def test_phone_navigation_drawer_opens_and_leads_to_a_page(browser, server):
    context, page, report = open_context(browser, PHONE, server.base)
    try:
        page.goto(server.base, wait_until="load")
        drawer = page.locator(".md-sidebar--primary")
        assert drawer.bounding_box()["x"] + drawer.bounding_box()["width"] <= 0, "the drawer shows before it is opened"
        page.locator('label.md-header__button[for="__drawer"]').click()
        page.wait_for_function("document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")
        assert page.evaluate("document.getElementById('__drawer').checked")
        violations = page.evaluate(AXE_RUN, WCAG)
        # Tap a section (it slides in), then a page inside it: the way a reader gets around.
        section = drawer.locator("label.md-nav__link[for^='__nav_']").filter(has_text=re.compile(r"\w")).filter(visible=True)
        if section.count():
            panel = section.first.get_attribute("for")
            section.first.click()
            link = drawer.locator(f"nav[aria-labelledby='{panel}_label'] a.md-nav__link").filter(visible=True).first
        else:  # a flat navigation: any other page will do
            link = drawer.locator("a.md-nav__link:not(.md-nav__link--active)").filter(visible=True).first
        before = page.url
        link.click()
        page.wait_for_url(lambda url: url != before)
    finally:
        context.close()
    assert not violations, violations_text({"(drawer open)": PageReport(violations=violations)})
    assert not report.console and not report.foreign, (report.console, report.foreign)


def test_offline_build_works_from_the_file_system(browser, offline_site):
    """Opened from file:// (a download on a ward computer): pages, links and search work."""
    home = offline_site / "index.html"
    context = browser.new_context(**DESKTOP.context_options())
    report = PageReport()

    def route(route):
        if route.request.url.startswith(("file://", "data:", "blob:", "about:")):
            route.continue_()
        else:
            report.foreign.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    watch_page(page, lambda: report)
    query, location = search_target(offline_site)
    try:
        page.goto(home.as_uri(), wait_until="load")
        link = page.locator(".md-sidebar--primary a.md-nav__link[href$='.html']:not([href='index.html'])").first
        target = link.get_attribute("href")
        link.click()
        page.wait_for_url(lambda url: url.endswith(target.split("/")[-1]) and url != home.as_uri())
        assert page.locator("article h1").count() == 1, f"{page.url} did not load as a page"
        hrefs = run_search_offline(page, query)
    finally:
        context.close()
    assert any(urlsplit(href).path.endswith("/" + location) for href in hrefs), (query, location, hrefs)
    assert not report.console, report.console
    assert not report.foreign, report.foreign


def run_search_offline(page, query: str) -> list[str]:
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially(query, delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    return page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")
