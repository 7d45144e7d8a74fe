"""Every page: review line, 'Edit this page' and 'Suggest a change' as plain links; the macro reference."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import ROOT, build_site, standard_edition
from jinja2 import Environment

from handbook.derive import repo_links, review
from handbook.render.macros import TABLE
from handbook.render.review import long_date

UPSTREAM = re.search(r"^repo_url: (\S+)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)


def built_page(site: Path, src: str) -> str:
    stem = src[: -len(".md")]
    path = f"{stem}.html" if stem == "index" or stem.endswith("/index") else f"{stem}/index.html"
    return (site / path).read_text(encoding="utf-8")


def pages() -> list[review.PageReview]:
    edition = standard_edition()
    return review.collect(edition.pages, date.today(), edition.book.facility.page_owners)


def test_every_macro_has_an_example_that_calls_it():
    parser = Environment()
    assert len({entry.name for entry in TABLE}) == len(TABLE), "two macros share a name"
    for entry in TABLE:
        assert entry.example.startswith(f"{entry.name}("), (entry.name, entry.example)
        parser.parse("{{ " + entry.example + " }}")  # a syntax error here would break the reference page


def test_every_page_has_plain_edit_and_suggest_links_naming_the_page(built_site):
    for page in pages():
        text = built_page(built_site, page.src_path)
        edits = re.findall(r'<a href="([^"]+)" rel="edit">Edit this page</a>', text)
        assert edits == [f"{UPSTREAM}/edit/main/docs/{page.src_path}"], page.src_path
        suggests = re.findall(r'<a href="([^"]+)">Suggest a change</a>', text)
        assert len(suggests) == 1, page.src_path
        url = urlsplit(html.unescape(suggests[0]))
        assert f"{url.scheme}://{url.netloc}{url.path}" == f"{UPSTREAM}/issues/new"
        query = parse_qs(url.query)
        assert query["title"][0].startswith("Suggest a change: ") and page.src_path in query["title"][0]
        assert f"File: docs/{page.src_path}" in query["body"][0]


def test_no_page_carries_the_repository_widget_that_calls_the_github_api(built_site):
    for path in built_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert 'data-md-component="source"' not in text, path
    assert f'<a href="{UPSTREAM}" title="Go to repository" class="md-source">' in (built_site / "index.html").read_text(encoding="utf-8")


def test_every_page_shows_when_it_was_reviewed_by_whom_and_when_next(built_site):
    for page in pages():
        text = " ".join(built_page(built_site, page.src_path).split())
        line = re.search(r'<p class="bht-review-line[^"]*">(.*?)</p>', text)
        assert line, page.src_path
        words = re.sub(r"<[^>]+>", "", line.group(1))
        assert words.startswith(
            f"Last reviewed {long_date(page.last_reviewed)} by {html.escape(page.owner)}; next review due {long_date(page.due)}"
        ), (page.src_path, words)


def test_macro_reference_shows_each_call_literally_then_its_result(built_site):
    text = built_page(built_site, "contribute/macros.md")
    code = [html.unescape(re.sub(r"<[^>]+>", "", block)) for block in re.findall(r"<code>(.*?)</code>", text, re.S)]
    for entry in TABLE:
        assert f'id="macro-{entry.name.replace("_", "-")}"' in text, entry.name
        assert "{{ " + entry.example + " }}\n" in code, entry.name
    result = re.search(r'id="macro-level-title".*?<div class="bht-example">(.*?)</div>', text, re.S)
    book = standard_edition().book
    assert result and book.level_title(book.ordered_levels[-1].id) in re.sub(r"<[^>]+>", "", result.group(1))
    assert "{{" not in re.sub(r"<code.*?</code>", "", text, flags=re.S), "an example ran as a template or leaked unrendered"


def test_the_contribute_page_shows_macro_syntax_without_running_it(built_site):
    text = built_page(built_site, "contribute/index.md")
    code = [html.unescape(re.sub(r"<[^>]+>", "", block)) for block in re.findall(r"<code>(.*?)</code>", text, re.S)]
    assert '{{ responsibilities_table(category="primary") }}\n' in code
    assert "<caption>" not in text, "the example ran instead of being shown"


def test_review_status_page_lists_every_page(built_site):
    text = built_page(built_site, "contribute/review-status.md")
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", text)
    assert len(rows) == len(pages())


def test_links_follow_the_profile_and_a_facility_without_a_repo_shows_none():
    standard = standard_edition().book.facility
    assert repo_links.repository(standard, UPSTREAM).url == (standard.repo_url or UPSTREAM).rstrip("/")
    own = repo_links.repository(standard.model_copy(update={"repo_url": "https://github.com/example-health/handbook/"}))
    assert repo_links.page_links(own, "safety/medication.md", "Medication")["edit"] == (
        "https://github.com/example-health/handbook/edit/main/docs/safety/medication.md"
    )
    assert repo_links.repository(standard.model_copy(update={"edition": "facility", "repo_url": None}), UPSTREAM) is None


@pytest.mark.slow
def test_facility_edition_without_repo_url_builds_without_links(project_copy, tmp_path):
    facility = tmp_path / "facility"
    facility.mkdir()
    profile = (project_copy / "data" / "facility.yml").read_text(encoding="utf-8")
    profile = re.sub(r"(?m)^edition: standard$", "edition: facility", profile)
    profile = re.sub(r"(?m)^repo_url:.*\n", "", profile)
    (facility / "profile.yml").write_text(profile, encoding="utf-8")
    result = build_site(tmp_path / "out", project=project_copy, env={"BHT_FACILITY": str(facility)})
    assert result.returncode == 0, result.stdout + result.stderr
    home = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "Edit this page" not in home and "Suggest a change" not in home and "md-source" not in home
    assert "Last reviewed" in home


@pytest.mark.browser
def test_a_visitors_browser_calls_no_other_origin(built_site, browser):
    """Without overrides/partials/source.html, Material's JS would ask api.github.com for star counts."""
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"127.0.0.1:{server.server_address[1]}"
    hosts = set()
    try:
        page = browser.new_page()
        page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc or request.url.split(":")[0]))
        for path in ("", "contribute/review-status/"):
            page.goto(f"http://{origin}/{path}", wait_until="networkidle")
            page.wait_for_timeout(500)
        assert page.get_by_role("link", name="Edit this page").count() == 1
        page.close()
    finally:
        server.shutdown()
    assert hosts - {"data"} == {origin}
