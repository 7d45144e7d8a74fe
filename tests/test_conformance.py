"""One set of sources, two engines: MkDocs + Material and Zensical build the same site.

Each edition (the standard one and every example facility) is built once by each engine
for the whole test run. The pages, their article text, tables and links, the review
line and the edit links under each page, the downloads, and the facility's name,
colours, logo, addresses and nav must agree. Pages reach both engines through the same
sandboxed render (macros/pages.py), and both refuse the same hostile pages.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, build_site, built_edition, zensical_edition

from macros.pages import BuildProblem
from macros.zensical_site import Staging

pytestmark = pytest.mark.slow

EDITIONS = ["standard", *(p.name for p in EXAMPLES)]
BODY = re.compile(r'(<h1.*?)(?=<aside class="bht-page-meta"|</article>)', re.S)
FOOTER = re.compile(r'<aside class="bht-page-meta".*?</aside>', re.S)
HEADER_TITLE = re.compile(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', re.S)


def _resolved(fragment: str, page: str) -> str:
    """Relative links resolved against the page, so two ways of writing one address agree;
    attribute values unescaped (one theme writes "/" as "&#x2f;", the other does not)."""
    base = posixpath.dirname(page) + "/"
    fragment = re.sub(r'="([^"]*)"', lambda found: '="' + html.unescape(found.group(1)).replace('"', "&quot;") + '"', fragment)

    def fix(found: re.Match) -> str:
        href = found.group(2)
        if "://" in href or href.startswith(("#", "mailto:", "data:")):
            return found.group(0)
        path, _, anchor = href.partition("#")
        full = posixpath.normpath(posixpath.join(base, path)) + ("/" if path.endswith("/") or path in ("", ".") else "")
        return f'{found.group(1)}="{full}{"#" + anchor if anchor else ""}"'

    text = re.sub(r'(href|src)="([^"]*)"', fix, fragment)
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", text)).strip()


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))


@pytest.fixture(scope="module", params=EDITIONS)
def both(request) -> tuple[Path, Path]:
    return built_edition(request.param), zensical_edition(request.param)


def test_both_engines_build_the_same_pages(both):
    mkdocs, zensical = both
    assert _pages(mkdocs) == _pages(zensical)
    assert len(_pages(mkdocs)) >= 45


def test_every_page_has_the_same_article_tables_and_links(both):
    mkdocs, zensical = both
    for page in _pages(mkdocs):
        ours, theirs = (BODY.search((site / page).read_text(encoding="utf-8")) for site in (mkdocs, zensical))
        assert ours and theirs, page
        assert _resolved(ours.group(1), page) == _resolved(theirs.group(1), page), page


def test_every_page_has_the_same_review_line_and_edit_links(both):
    mkdocs, zensical = both
    for page in _pages(mkdocs):
        ours, theirs = (FOOTER.search((site / page).read_text(encoding="utf-8")) for site in (mkdocs, zensical))
        assert (ours is None) == (theirs is None), page
        if ours and theirs:
            assert _resolved(ours.group(0), page) == _resolved(theirs.group(0), page), page


def test_the_same_downloads_byte_for_byte(both):
    mkdocs, zensical = both
    files = sorted(p.name for p in (mkdocs / "downloads").iterdir())
    assert files == sorted(p.name for p in (zensical / "downloads").iterdir())
    assert len(files) >= 14
    for name in files:
        assert (mkdocs / "downloads" / name).read_bytes() == (zensical / "downloads" / name).read_bytes(), name


def test_the_profile_reaches_both_sites(both):
    """Name, colours, logo, addresses and the nav section, as each theme prints them."""
    mkdocs, zensical = both
    for page in ("index.html", "safety/medication/index.html"):
        ours, theirs = ((site / page).read_text(encoding="utf-8") for site in (mkdocs, zensical))
        for pattern in (
            r"<title>(.*?)</title>",
            r"--md-primary-fg-color: (#\w+)",
            r"--md-accent-fg-color: (#\w+)",
            r'<link rel="canonical" href="([^"]+)"',
            r'class="md-source">',
            r'<link rel="icon" href="([^"]+)"',
        ):
            found = [[posixpath.normpath(v) for v in re.findall(pattern, text)] for text in (ours, theirs)]
            assert found[0] == found[1], (page, pattern)
        nav = [[" ".join(re.sub(r"<[^>]+>", " ", t).split()) for t in HEADER_TITLE.findall(text)] for text in (ours, theirs)]
        assert nav[0] == nav[1] and len(nav[0]) > 40, page


# --- The sandbox holds under both engines -------------------------------------------

PAYLOADS = {
    "class walk": "{{ ''.__class__.__mro__ }}",
    "globals": "{{ cycler.__init__.__globals__ }}",
    "config": "{{ config }}",
    "include": "{% include 'mkdocs.yml' %}",
    "printed mapping": "{{ facility.contacts }}",
    "render_macros": None,  # a page that asks the engine's own macros to render it
}


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_zensical_staging_refuses_what_mkdocs_refuses(project_copy, payload):
    page = project_copy / "docs" / "index.md"
    text = page.read_text(encoding="utf-8")
    if payload is None:
        text = text.replace("---\n", "---\nrender_macros: true\n", 1)
    else:
        text += f"\n\n{payload}\n"
    page.write_text(text, encoding="utf-8")
    with pytest.raises(BuildProblem) as refused:
        Staging(project_copy, project_copy / "build" / "zensical").run()
    lines = refused.value.lines
    assert len(lines) == 1 and lines[0].startswith("docs/index.md:"), lines
    assert "Traceback" not in lines[0] and "0x" not in lines[0]


def test_a_hostile_page_stops_both_engines_with_the_same_message_and_no_page(project_copy, tmp_path):
    page = project_copy / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\n{{ lipsum.__globals__ }}\n", encoding="utf-8")
    mkdocs = build_site(tmp_path / "mkdocs", project=project_copy)
    zensical = subprocess.run(
        [sys.executable, "-m", "macros.zensical_site", "build", "--site-dir", str(tmp_path / "zensical")],
        cwd=project_copy,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert mkdocs.returncode != 0 and zensical.returncode != 0
    line = next(x for x in zensical.stderr.splitlines() if x.startswith("docs/index.md:"))
    assert line in mkdocs.stdout + mkdocs.stderr
    for output in (mkdocs.stdout + mkdocs.stderr, zensical.stdout + zensical.stderr):
        assert "Traceback" not in output
    assert not list((tmp_path / "mkdocs").rglob("*.html")) and not (tmp_path / "zensical").exists()


def test_a_broken_link_in_raw_html_fails_the_zensical_build_after_rendering(project_copy, tmp_path):
    page = project_copy / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n\n<p><a href="no-such-page/">gone</a></p>\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "macros.zensical_site", "build", "--site-dir", str(tmp_path / "site")],
        cwd=project_copy,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1
    assert "site/index.html: no-such-page/: no such page or file" in result.stderr
    assert not (tmp_path / "site").exists()


def test_a_plain_zensical_build_never_renders_a_page_with_its_own_jinja(project_copy):
    """Run without the adapter, Zensical would read mkdocs.yml itself. Its macros support
    renders pages with an unsandboxed Jinja; render_by_default: false keeps it from every
    page, and a page that asks for it (render_macros: true) meets define_env's refusal."""
    env = {**os.environ, "PYTHONPATH": str(project_copy)}
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("strict: true", "strict: false"), encoding="utf-8")
    page = project_copy / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\nSum: {{ 6 * 7 }}\n", encoding="utf-8")
    plain = subprocess.run(
        [sys.executable, "-m", "zensical", "build"], cwd=project_copy, capture_output=True, text=True, timeout=300, env=env
    )
    assert plain.returncode == 0, plain.stdout + plain.stderr
    built = (project_copy / "site" / "index.html").read_text(encoding="utf-8")
    assert "Sum: {{ 6 * 7 }}" in built and "Sum: 42" not in built
    page.write_text(page.read_text(encoding="utf-8").replace("---\n", "---\nrender_macros: true\n", 1), encoding="utf-8")
    asked = subprocess.run(
        [sys.executable, "-m", "zensical", "build"], cwd=project_copy, capture_output=True, text=True, timeout=300, env=env
    )
    assert asked.returncode != 0
    assert "make build ENGINE=zensical" in asked.stdout + asked.stderr
