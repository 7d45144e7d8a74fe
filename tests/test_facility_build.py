"""The example facility builds strictly, and the built site shows the facility's values."""

from __future__ import annotations

import html
import re

import pytest
import yaml
from conftest import ROOT, build_site, built_edition
from facility_helpers import EXAMPLE, facility_folder
from page_render import load_build, prepare

from handbook.load.edition import load_edition
from handbook.model.records import Responsibility
from macros.pages import BuildProblem

# Every test here but one reads a whole facility site built by MkDocs.
slow = pytest.mark.slow


@pytest.fixture(scope="module")
def example_site():
    """The example facility, built once per test run (shared with the engine conformance tests)."""
    return built_edition("maple-grove")


def read(site, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def text_of(page: str) -> str:
    """The article's visible text (tags dropped, entities decoded)."""
    body = page[page.find("<article") : page.find("</article>")]
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


@slow
def test_profile_values_reach_the_site(example_site):
    home = read(example_site, "")
    assert re.search(r"<title>([^<]* - )?Maple Grove Youth Residential</title>", home)
    assert '<img src="assets/facility/logo.svg" alt="logo">' in home
    assert (example_site / "assets" / "facility" / "logo.svg").read_bytes() == (EXAMPLE / "logo.svg").read_bytes()
    assert "--md-primary-fg-color: #2e5d34" in home and "--md-accent-fg-color: #b8860b" in home
    assert '<link rel="canonical" href="https://handbook.maple-grove.example/">' in home
    assert 'href="https://github.com/maple-grove-example/bht-handbook"' in home
    assert 'data-md-component="source"' not in home  # a plain link: no forge API call from readers' browsers
    assert "State: Oregon (OR)" in " ".join(text_of(read(example_site, "your-facility")).split())
    assert "No medication tasks" in text_of(read(example_site, "safety/medication"))


@slow
def test_facility_pages_appear_under_your_facility(example_site):
    home = read(example_site, "")
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', home, re.S).group(0)
    assert "Your facility" in nav and 'href="your-facility/"' in nav
    assert nav.index("Your facility") < nav.index("Start here")  # right after Home
    page = text_of(read(example_site, "your-facility"))
    assert "Working at Maple Grove" in page
    assert "New staff start as MHT I" in " ".join(page.split())


@slow
def test_renamed_levels_in_every_table_header(example_site):
    found = set()
    for path in example_site.rglob("*.html"):
        for header in re.findall(r'<th scope="col">(.*?)</th>', path.read_text(encoding="utf-8")):
            found.add(html.unescape(re.sub(r"<[^>]+>", "", header)))  # tooltips wrap abbreviations
    assert {"MHT I", "MHT II", "MHT III"} <= found
    assert not {"BHT I", "BHT II", "Lead BHT"} & found
    matrix = read(example_site, "skills/skill-matrix")
    headers = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r'<th scope="col">(.*?)</th>', matrix)]
    assert headers[:4] == ["Skill", "MHT I", "MHT II", "MHT III"]


@slow
def test_added_role_and_skill_show_and_removed_responsibility_does_not(example_site, built_site):
    standard, book = load_edition(ROOT).book, load_edition(ROOT, EXAMPLE).book
    assert "Family contact" in text_of(read(example_site, "skills/skill-matrix"))
    assert "Youth and Family Advocate" in text_of(read(example_site, "career/paths"))
    gone = set(standard.by_id(Responsibility)) - set(book.by_id(Responsibility))
    removed = [standard.by_id(Responsibility)[i].title for i in gone]
    assert removed, "the example removes a responsibility"
    for title in removed:
        escaped = html.escape(title)
        in_standard = any(escaped in p.read_text(encoding="utf-8") for p in built_site.rglob("*.html"))
        assert in_standard, f"{title!r} not shown in the standard edition"
        shown = [p for p in example_site.rglob("*.html") if escaped in p.read_text(encoding="utf-8")]
        assert [p.relative_to(example_site).as_posix() for p in shown] == ["reference/edition-differences/index.html"]


@slow
def test_no_medication_or_hold_duty_appears(example_site):
    """Every scoped record the example's profile rules out is absent from every page
    (but the differences page, which names it as "Not shown here")."""
    book = load_edition(ROOT, EXAMPLE).book
    ruled_out = [item.title for item in book.responsibilities if not book.applies(item.scope)]
    ruled_out += [item.text for phase in book.phases for item in (*phase.tasks, *phase.competencies) if not book.applies(item.scope)]
    ruled_out += [item.name for item in (*book.skills, *book.interventions) if not book.applies(item.scope)]
    differences = example_site / "reference" / "edition-differences" / "index.html"
    pages = [p.read_text(encoding="utf-8") for p in example_site.rglob("*.html") if p != differences]
    for text in ruled_out:
        assert not any(html.escape(text) in page for page in pages), text
    checklists = text_of(read(example_site, "start-here/checklists"))
    assert "Walk the route to the on-site school" in checklists


@slow
def test_the_differences_page_lists_the_example_changes(example_site):
    page = " ".join(text_of(read(example_site, "reference/edition-differences")).split())
    for text in (
        "Supply checks supply-inventory Removed",
        "Family contact mg-family-contact Added",
        "Youth and Family Advocate mg-youth-family-advocate Added",
        "shift-notes Replaced",
        "Medication role Observe and report No medication tasks",
        "State Not set Oregon (OR)",
        "Level title (bht-1) BHT I MHT I",
    ):
        assert text in page, text


def test_the_standard_edition_says_it_has_no_differences(built_site):
    page = text_of(read(built_site, "reference/edition-differences"))
    assert "It has no differences to list." in page
    assert "Your facility" not in read(built_site, "")
    assert not (built_site / "assets" / "facility").exists()


@slow
def test_a_broken_overlay_stops_the_build_with_its_line(tmp_path):
    folder = facility_folder(tmp_path, {"zz.yml": "skills:\n  remove: [no-such-skill]\n"})
    result = build_site(tmp_path / "out", env={"BHT_FACILITY": str(folder)})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"{folder}/overlays/zz.yml:2: skills.remove[0]: no skill with id 'no-such-skill' to remove" in output
    assert "Traceback" not in output
    assert not (tmp_path / "out" / "index.html").exists()


def test_a_broken_facility_page_names_its_own_file(tmp_path):
    folder = facility_folder(tmp_path)
    front = "---\nowner: Program director\nlast_reviewed: 2026-11-01\nreview_every: 12\n---\n"
    (folder / "docs" / "broken.md").write_text(front + "# Broken\n\nText.\n\n{{ level_title('bht-9') }}\n", encoding="utf-8")
    with pytest.raises(BuildProblem) as refused:
        prepare(load_build(folder=folder), "your-facility/broken.md")
    assert refused.value.lines == [f"{folder}/docs/broken.md:10: unknown level 'bht-9'; valid ids: bht-1, bht-2, lead-bht"]


@slow
def test_every_facility_edition_in_the_repository_builds_under_its_own_name(example_site, tmp_path):
    """The example always; in a facility's fork, also the fork's own facility/ folder."""
    sites = {EXAMPLE: example_site}
    own = ROOT / "facility"
    if own.is_dir():
        result = build_site(tmp_path / "own", env={"BHT_FACILITY": "facility"})
        assert result.returncode == 0, result.stdout + result.stderr
        sites[own] = tmp_path / "own"
    for folder, site in sites.items():
        name = yaml.safe_load((folder / "profile.yml").read_text(encoding="utf-8"))["name"]
        assert f" - {html.escape(name)}</title>" in (site / "index.html").read_text(encoding="utf-8"), folder


@slow
def test_edit_and_suggest_links_on_a_facility_page_name_its_own_file(example_site):
    page = read(example_site, "your-facility")
    repo = "https://github.com/maple-grove-example/bht-handbook"
    assert f'href="{repo}/edit/main/examples/maple-grove/docs/index.md"' in page
    assert "docs/your-facility/" not in page  # no such file exists in any repository
    handbook_page = read(example_site, "safety/medication")
    assert f'href="{repo}/edit/main/docs/safety/medication.md"' in handbook_page
