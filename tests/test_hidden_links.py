"""A page that links to a page the edition hides stops the build, naming both (Build.prepare)."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT

from macros.pages import Build, BuildProblem

SIERRA = ROOT / "examples" / "sierra-pines"
FRONT = "---\nowner: Clinical education lead\nlast_reviewed: 2026-11-30\nreview_every: 12\n---\n"


@pytest.fixture(scope="module")
def build() -> Build:
    return Build.load(ROOT, ROOT / "docs", folder=SIERRA)


def prepare(build: Build, uri: str, body: str):
    return build.prepare(uri, body, {}, None, line_offset=FRONT.count("\n"))


def test_an_upstream_page_linking_to_a_hidden_page_names_the_source_line_and_the_profile_entry(build):
    body = "# Role\n\n{{ ladder() }}\n\nSee [how to fork](../facilities/customize.md#start-from-the-example).\n"
    with pytest.raises(BuildProblem) as caught:
        prepare(build, "role/index.md", body)
    [problem] = caught.value.lines
    line = FRONT.count("\n") + 5  # the ladder expands to many lines; the source line is what counts
    assert problem.startswith(
        f"docs/role/index.md:{line}: links to docs/facilities/customize.md, which this edition hides (examples/sierra-pines/profile.yml:"
    ), problem
    assert "pages.hide_sections[1]); hide or replace docs/role/index.md too, or stop hiding the page" in problem
    assert 'page_link("facilities/customize.md", "...")' in problem


def test_a_facility_page_is_told_to_change_its_link(build):
    body = "# Medication pass\n\nRead [Contribute](../contribute/index.md).\n"
    with pytest.raises(BuildProblem) as caught:
        prepare(build, "your-facility/medication-pass.md", body)
    [problem] = caught.value.lines
    assert problem.startswith("examples/sierra-pines/docs/medication-pass.md:8: links to docs/contribute/index.md")
    assert problem.endswith(
        'change the link ({{ page_link("contribute/index.md", "...") }} prints plain text when that page is hidden), '
        "or stop hiding the page"
    )


def test_a_link_inside_a_false_condition_or_a_page_that_renders_nothing_is_still_checked_right(build):
    guarded = "# Role\n\n{% if false %}[fork](../facilities/customize.md){% endif %}\n"
    assert "customize.md" not in prepare(build, "role/index.md", guarded).markdown
    plain = "# Role\n\nSee [fork](../facilities/customize.md).\n"
    with pytest.raises(BuildProblem):
        build.prepare("role/index.md", plain, {"render_macros": False}, None, line_offset=5)


def test_page_link_to_a_hidden_page_prints_its_text(build):
    body = '# Role\n\n{{ page_link("facilities/customize.md", "the customizing guide") }}\n'
    markdown = prepare(build, "role/index.md", body).markdown
    assert "the customizing guide" in markdown and "customize.md" not in markdown


def test_without_hidden_pages_the_same_links_are_fine(tmp_path):
    folder = tmp_path / "sierra"
    shutil.copytree(SIERRA, folder)
    profile = folder / "profile.yml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace("hide_sections: [Contribute, For facilities]", "hide_sections: []"), encoding="utf-8")
    build = Build.load(ROOT, ROOT / "docs", folder=folder)
    body = "# Role\n\nSee [how to fork](../facilities/customize.md).\n"
    assert "customize.md" in prepare(build, "role/index.md", body).markdown
