"""Search understands the role: floor words land on the page that explains them.

The site's own search (Material's lunr.js in its web worker) runs in Chromium over the
built site, so what is checked is what a reader gets: the page that explains each
glossary word is among the first three results. The glossary's keywords reach the
index as page tags (tests/test_search.py); without them, the search misses.
"""

from __future__ import annotations

import json
import re
import shutil
from urllib.parse import parse_qs, urlsplit

import pytest

from browser.support import VARIANTS, LocalServer

pytestmark = pytest.mark.browser
DESKTOP = VARIANTS[2]

# Query -> the page that explains it (first the words of the issue, then more floor words).
EXPECTED = {
    "MHT": "role/",
    "psych tech": "role/",
    "CPI": "safety/de-escalation/",
    "q15": "safety/environment-and-observation/",
    "de-escalation": "safety/de-escalation/",
    "MAR": "safety/medication/",
    "mental health technician": "role/",
    "1:1": "safety/environment-and-observation/",
    "PRN": "safety/medication/",
    "C-SSRS": "safety/suicide-risk/",
    "HIPAA": "ethics/privacy/",
}


def search_all(browser, base: str, queries) -> dict[str, list[str]]:
    """query -> the result pages, best first, as the search dialog lists them (one item per page)."""
    context = browser.new_context(**DESKTOP.context_options())
    found: dict[str, list[str]] = {}
    try:
        page = context.new_page()
        page.goto(base, wait_until="load")
        box = page.locator(".md-search__input")
        box.click()
        meta = "document.querySelector('.md-search-result__meta').textContent"
        page.wait_for_function(f"!{meta}.includes('Initializing')", timeout=30_000)  # the worker has built the index
        for query in queries:
            box.press("Control+a")
            box.press("Backspace")
            page.wait_for_function(f"{meta}.includes('Type to start')")  # no results left from the last query
            # The whole query at once, then one key: Material searches on keyup, so no partial
            # query ("de" of "de-escalation") ever runs.
            box.fill(query)
            box.press("End")
            page.wait_for_function(  # "No matching documents", or results listed
                f"{meta}.includes('No matching') || document.querySelector('.md-search-result__item') !== null", timeout=15_000
            )
            hrefs = page.eval_on_selector_all(
                ".md-search-result__item", "items => items.map(li => li.querySelector('a.md-search-result__link').href)"
            )
            highlighted = {word for href in hrefs for word in parse_qs(urlsplit(href).query).get("h", [""])[0].split()}
            words = set(re.findall(r"[a-z0-9]+", query.lower()))
            assert not hrefs or words <= highlighted, f"{query!r}: results of another query? highlighted {highlighted}"
            found[query] = [urlsplit(href).path.removeprefix(urlsplit(base).path) for href in hrefs]
    finally:
        context.close()
    return found


@pytest.fixture(scope="module")
def results(browser, server):
    return search_all(browser, server.base, EXPECTED)


@pytest.mark.parametrize(("query", "page"), EXPECTED.items(), ids=EXPECTED.keys())
def test_floor_words_land_in_the_top_three(results, query, page):
    assert page in results[query][:3], f"{query!r}: top results {results[query][:5]}"


def test_without_the_glossary_keywords_the_search_misses(browser, built_site, tmp_path):
    """The tags are what make the difference: strip them and a floor word is lost."""
    site = shutil.copytree(built_site, tmp_path / "site")
    index = site / "search" / "search_index.json"
    data = json.loads(index.read_text(encoding="utf-8"))
    for doc in data["docs"]:
        doc.pop("tags", None)
    index.write_text(json.dumps(data), encoding="utf-8")
    with LocalServer(site) as server:
        plain = search_all(browser, server.base, EXPECTED)
    assert any(page not in plain[query][:3] for query, page in EXPECTED.items()), plain
