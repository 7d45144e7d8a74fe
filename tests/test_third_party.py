"""No page makes a reader's browser fetch anything from another origin.

Fetched means loaded without a click: scripts, stylesheets, fonts, images, frames,
icons, manifests, preconnects, CSS url()/@import, and URLs that scripts load. Plain
links (<a href>) are navigation, not fetches, and may point anywhere.

Material's JavaScript bundle holds a few absolute URLs. Each one is listed below
with what would make the browser fetch it, and the test checks that this trigger
is absent from every page; a new URL in any script fails until someone reviews it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

FETCHED_ATTRS = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
    "feimage": ("href",),
}
FETCHED_LINK_RELS = {
    "stylesheet",
    "preload",
    "prefetch",
    "modulepreload",
    "preconnect",
    "dns-prefetch",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "manifest",
    "mask-icon",
}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+(?:url\()?\s*['"]([^'"]+)""")
JS_URL = re.compile(r"""https?://[^\s'"`<>)\\]+|//(?:unpkg|cdn|fonts|www|api)\.[a-z0-9.-]+[^\s'"`<>)\\]*""")


def is_external(url: str) -> bool:
    url = url.strip()
    return url.startswith(("http://", "https://", "//"))


# URL prefix found in scripts -> (why it is never fetched here, check that keeps it so)
def _no_mermaid(pages: dict[str, str]) -> list[str]:
    return [name for name, html in pages.items() if re.search(r"<pre[^>]*class=\"[^\"]*\bmermaid\b", html)]


def _no_source_facts(pages: dict[str, str]) -> list[str]:
    return [name for name, html in pages.items() if 'data-md-component="source"' in html]


REVIEWED_SCRIPT_URLS = {
    "https://unpkg.com/mermaid@": ("loaded only when a page has a Mermaid diagram (pre.mermaid)", _no_mermaid),
    "https://api.github.com/": ("repository facts, only for a header link marked data-md-component=source", _no_source_facts),
    "https://${e}/api/v4/projects/": ("GitLab repository facts, same trigger", _no_source_facts),
    "https://unpkg.com/resize-observer-polyfill": ("only in browsers without ResizeObserver (none since 2020)", None),
    "http://lunrjs.com": ("a comment in lunr's licence header", None),
    "http://tartarus.org/~martin/PorterStemmer": ("a comment crediting the stemmer", None),
    "https://clipboardjs.com/": ("a comment in clipboard.js's licence header", None),
    "https://bit.ly/2s3ChXG": ("text of a console warning", None),
    "https://github.com/isaacs/node-glob/issues/": ("text of an error message in the Thai word splitter", None),
}


class FetchCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fetched: list[str] = []
        self.links: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = {k.lower(): (v or "") for k, v in attrs}
        tag = tag.lower()
        for name in FETCHED_ATTRS.get(tag, ()):
            if attrs.get(name):
                urls = [part.strip().split(" ")[0] for part in attrs[name].split(",")] if "srcset" in name else [attrs[name]]
                self.fetched += [f"<{tag} {name}> {u}" for u in urls]
        if tag == "link" and attrs.get("href"):
            rels = set(attrs.get("rel", "").lower().split())
            (self.fetched if rels & FETCHED_LINK_RELS else self.links).append(f"<link rel={attrs.get('rel')}> {attrs['href']}")
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            self.fetched.append(f"<meta refresh> {attrs.get('content', '').partition('url=')[2]}")
        if attrs.get("style"):
            self.fetched += [f"style= {m[0] or m[1]}" for m in CSS_URL.findall(attrs["style"])]
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.fetched += [f"<style> {m[0] or m[1]}" for m in CSS_URL.findall(data)]


def external_fetches(site: Path) -> list[str]:
    found = []
    for path in sorted(site.rglob("*.html")):
        collector = FetchCollector()
        collector.feed(path.read_text(encoding="utf-8"))
        found += [f"{path.relative_to(site)}: {item}" for item in collector.fetched if is_external(item.split(" ", 2)[-1])]
    for path in sorted(site.rglob("*.css")):
        for match in CSS_URL.findall(path.read_text(encoding="utf-8")):
            url = match[0] or match[1]
            if is_external(url):
                found.append(f"{path.relative_to(site)}: url() {url}")
    return found


JS_COMMENT = re.compile(r"/\*.*?\*/|(?<![:\w\"'\\/])//[^\n]*", re.S)


def script_urls(source: str) -> list[str]:
    """Absolute URLs in a script, outside comments (licence headers and notes are never fetched)."""
    return JS_URL.findall(JS_COMMENT.sub(" ", source))


def unreviewed_script_urls(site: Path) -> list[str]:
    found = []
    for path in sorted(site.rglob("*.js")):
        source = path.read_text(encoding="utf-8")
        if path.relative_to(site).as_posix() == "search/search_index.js" and source.startswith("var __index = {"):
            continue  # the offline search index: page text as data, never run as a request
        for url in script_urls(source):
            if not any(url.startswith(prefix) for prefix in REVIEWED_SCRIPT_URLS):
                found.append(f"{path.relative_to(site)}: {url}")
    return found


@pytest.fixture(scope="module", params=["online", pytest.param("offline", marks=pytest.mark.slow)])  # offline: a second build
def site(request):
    return request.getfixturevalue("built_site" if request.param == "online" else "offline_site")


def test_no_page_fetches_from_another_origin(site):
    assert external_fetches(site) == []


def test_every_url_in_a_script_is_reviewed(site):
    assert unreviewed_script_urls(site) == []


def test_no_page_triggers_a_reviewed_script_url(site):
    pages = {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    for prefix, (why, check) in REVIEWED_SCRIPT_URLS.items():
        if check is not None:
            assert check(pages) == [], f"{prefix} would be fetched: {why}"


def test_plain_links_are_not_counted_as_fetches():
    collector = FetchCollector()
    collector.feed(
        '<a href="https://www.bls.gov/x">BLS</a><link rel="canonical" href="https://example.org/">'
        '<img src="https://cdn.example/x.png"><link rel="stylesheet" href="//fonts.example/css">'
        '<div style="background: url(https://evil.example/a.png)"></div><style>@import "https://x.example/y.css";</style>'
    )
    assert [f.split(" ")[-1] for f in collector.fetched] == [
        "https://cdn.example/x.png",
        "//fonts.example/css",
        "https://evil.example/a.png",
        "https://x.example/y.css",
    ]
    assert collector.links == ["https://www.bls.gov/x", "<link rel=canonical> https://example.org/"]


@pytest.mark.slow  # a site build
def test_the_repository_link_never_asks_an_api(project_copy, tmp_path):
    from conftest import build_site

    config = project_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"^repo_url: .*$", "repo_url: https://github.com/example/bht-handbook", text, count=1, flags=re.M)
    config.write_text(text, encoding="utf-8")
    result = build_site(tmp_path / "out", project=project_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    home = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/example/bht-handbook"' in home
    assert _no_source_facts({"index.html": home}) == []
