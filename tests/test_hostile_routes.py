"""Hostile text through every printing route a page has: page variables (the facility
profile, the ladder, the page's own front matter), macro arguments, front matter that the
theme prints (title, description, tags), and a facility's own pages.

Each route is a unit test through ``Build.prepare`` (the per-page step both engines run);
one strict MkDocs build of a hostile facility then proves that nothing a browser would
run, and no Python repr, reaches the built HTML.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, build_site
from hostile_data import PAYLOAD

from handbook.render.markup import inline
from macros.pages import Build, BuildProblem

FRONT = {"owner": "Clinical education lead", "last_reviewed": "2026-11-30", "review_every": 12}
OWNER = 'Lead <b onmouseover="window.__xss=1">tech</b>'  # a page owner role, printed in every review line
REPRS = ("mappingproxy", "object at 0x", "TemplateReference", "<function", "Undefined", "FrozenDict", "namespace(")


def hostile_facility(tmp_path: Path) -> Path:
    """Sierra Pines with the payload in every free-text profile field a page or the theme can print."""
    folder = tmp_path / "facility"
    shutil.copytree(ROOT / "examples" / "sierra-pines", folder)
    profile = yaml.safe_load((folder / "profile.yml").read_text(encoding="utf-8"))
    profile["name"] += PAYLOAD
    profile["short_name"] = "Pines <b>"
    for contact in profile["contacts"]:
        contact["how"] += PAYLOAD
    profile["scope"]["mandated_reporting"][0]["how"] += PAYLOAD
    profile["page_owners"].append(OWNER)
    (folder / "profile.yml").write_text(yaml.safe_dump(profile, sort_keys=False, allow_unicode=True, width=4096), encoding="utf-8")
    front = {**FRONT, "owner": OWNER, "title": "Unit tour" + PAYLOAD, "description": "About" + PAYLOAD, "tags": ["tour" + PAYLOAD]}
    body = "\n".join(
        [
            "# Unit tour",
            "",
            "Name: {{ facility.name }}",
            "First contact: {{ facility.contacts[0].how }}",
            "This page: {{ page.title }} {{ page.meta.description }}",
            '{{ page_link("role/index.md", facility.contacts[0].how) }}',
            "{{ level_title(levels[0].id) }} {{ levels[0].summary }}",
            "",
        ]
    )
    (folder / "docs" / "unit-tour.md").write_text(f"---\n{yaml.safe_dump(front, sort_keys=False, width=4096)}---\n{body}", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return hostile_facility(tmp_path_factory.mktemp("hostile-routes"))


@pytest.fixture(scope="module")
def build(folder) -> Build:
    return Build.load(ROOT, ROOT / "docs", folder=folder)


def prepare(build: Build, body: str, meta: dict | None = None) -> str:
    return build.prepare("your-facility/unit-tour.md", body, {**FRONT, **(meta or {})}, (meta or {}).get("title"), line_offset=5).markdown


def test_page_variables_print_as_escaped_text(build):
    markdown = prepare(build, "Name: {{ facility.name }}\nHow: {{ facility.contacts[0].how }}\n")
    assert "<script>" not in markdown and "<img" not in markdown and "](javascript:" not in markdown
    assert inline("<script>window.__xss=1</script>") in markdown
    assert "{{ 7*7 }}" not in markdown and "49" not in markdown  # data is never run as Jinja


def test_front_matter_printed_by_a_page_is_escaped(build):
    meta = {"title": "Tour" + PAYLOAD, "description": "About" + PAYLOAD}
    markdown = prepare(build, "{{ page.title }} / {{ page.meta.description }}\n", meta)
    assert "<script>" not in markdown and inline("<img src=x") in markdown


def test_macro_arguments_are_escaped_or_refused(build):
    markdown = prepare(build, '{{ page_link("role/index.md", "<img src=x onerror=alert(1)>") }}\n')
    assert "<img" not in markdown and inline("<img src=x onerror=alert(1)>") in markdown
    with pytest.raises(BuildProblem) as refused:
        prepare(build, 'Intro\n{{ term("<script>alert(1)</script>") }}\n')
    [problem] = refused.value.lines
    assert re.match(r"^\S+/docs/unit-tour\.md:7: unknown glossary term '<script>alert\(1\)</script>'; ", problem), problem


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("{{ facility.contacts }}", "cannot print this value"),
        ("{{ facility }}", "cannot print this value"),
        ("{{ levels }}", "cannot print this value"),
        ("{{ page.meta }}", "cannot print this value"),
        ("{{ self }}", "cannot print this value"),
        ("{{ level_title }}", "cannot print this value"),
        ("{{ nothing_here }}", "is undefined"),
    ],
)
def test_values_without_a_plain_text_form_stop_the_build_at_their_line(build, folder, line, says):
    with pytest.raises(BuildProblem) as refused:
        prepare(build, f"# Tour\n\nFine.\n{line}\n")
    [problem] = refused.value.lines
    label = (folder / "docs" / "unit-tour.md").as_posix()
    assert problem.startswith(f"{label}:9: ") and says in problem, problem
    assert not any(marker in problem for marker in ("Traceback", "0x"))


class _Live(HTMLParser):
    """What a browser would run: script elements and event-handler or javascript: attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag == "script"
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on") or (name in ("href", "src") and value.startswith("javascript:")):
                self.found.append(f"<{tag} {name}={value[:60]!r}>")

    def handle_data(self, data: str) -> None:
        if self._in_script and "__xss" in data:
            self.found.append(f"<script>{data[:60]}")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


def assert_nothing_runs(site: Path) -> None:
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        where = page.relative_to(site).as_posix()
        live = _Live()
        live.feed(text)
        assert not live.found, (where, live.found)
        assert not any(marker in text for marker in REPRS), where


@pytest.mark.slow
def test_one_strict_mkdocs_build_of_the_hostile_facility_leaves_no_script_and_no_repr(folder, tmp_path):
    site = tmp_path / "site"
    result = build_site(site, env={"BHT_FACILITY": str(folder)})
    assert result.returncode == 0, result.stdout + result.stderr
    tour = (site / "your-facility" / "unit-tour" / "index.html").read_text(encoding="utf-8")
    assert html.escape("<script>window.__xss=1</script>", quote=False) in tour
    assert "by Lead &lt;b onmouseover=" in tour  # the review line
    assert_nothing_runs(site)
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "<script>window.__xss" not in index


@pytest.mark.slow
def test_one_zensical_build_of_the_hostile_facility_leaves_no_script_and_no_repr(folder, tmp_path):
    site = tmp_path / "site"
    command = [sys.executable, "-m", "macros.zensical_site", "build", "--site-dir", str(site), "--stage", str(tmp_path / "stage")]
    env = {**os.environ, "BHT_FACILITY": str(folder)}
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    tour = (site / "your-facility" / "unit-tour" / "index.html").read_text(encoding="utf-8")
    assert "Unit tour &lt;script&gt;window.__xss=1&lt;/script&gt;" in tour
    assert_nothing_runs(site)
    assert "<script>window.__xss" not in (site / "search.json").read_text(encoding="utf-8")
