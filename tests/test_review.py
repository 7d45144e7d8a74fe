"""Review governance: valid metadata on every page, due dates, overdue pages first."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date

import pytest
from conftest import ROOT, build_site, standard_edition

from handbook.derive import review
from handbook.render.review import page_facts, review_status, status_text

OWNERS = (
    "Clinical education lead",
    "Nurse educator",
    "Compliance officer",
    "Handbook maintainer",
    "Program director",
    "Quality and safety lead",
)
TODAY = date(2027, 3, 1)
GOOD = "---\ntitle: Boundaries\nowner: Clinical education lead\nlast_reviewed: 2026-01-31\nreview_every: 12\n---\n\n# Boundaries\n"


def problems(text: str, today: date = TODAY) -> list[str]:
    result = review.check_page("ethics/boundaries.md", text, today, OWNERS)
    assert isinstance(result, list), result
    return result


def test_a_valid_page_gives_its_review_record():
    page = review.check_page("ethics/boundaries.md", GOOD, TODAY, OWNERS)
    assert page == review.PageReview("ethics/boundaries.md", "Boundaries", "Clinical education lead", date(2026, 1, 31), 12)
    assert page.due == date(2027, 1, 31)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("owner: Clinical education lead\n", ""), "docs/ethics/boundaries.md:1: owner: missing required field 'owner'"),
        (
            ("owner: Clinical education lead", "owner: Jane Smith"),
            "docs/ethics/boundaries.md:3: owner: owner must be one of the page owner roles in the facility profile (never a person)",
        ),
        (("owner: Clinical education lead", "owner: Clinical educaton lead"), "did you mean 'Clinical education lead'?"),
        (
            ("owner: Clinical education lead", "owner: Jane Smith"),
            "a facility adds that role to page_owners or names its own owner for it in page_owner_map",
        ),
        (("2026-01-31", "2026-13-01"), "docs/ethics/boundaries.md:4: last_reviewed: cannot read this value: month must be in 1..12"),
        (("2026-01-31", '"2026-1-5"'), "docs/ethics/boundaries.md:4: last_reviewed: Input should be a valid date"),
        (("2026-01-31", "last spring"), "docs/ethics/boundaries.md:4: last_reviewed:"),
        (("2026-01-31", "2027-06-01"), "docs/ethics/boundaries.md:4: last_reviewed: 2027-06-01 is in the future (today is 2027-03-01)"),
        (("review_every: 12", "review_every: 0"), "docs/ethics/boundaries.md:5: review_every: Input should be greater than or equal to 1"),
        (("review_every: 12", "review_every: 48"), "docs/ethics/boundaries.md:5: review_every: Input should be less than or equal to 36"),
        (("review_every: 12", 'review_every: "12"'), "docs/ethics/boundaries.md:5: review_every: Input should be a valid integer"),
        (("review_every: 12", "review_every: [12"), "docs/ethics/boundaries.md:5: (yaml): YAML syntax error"),
    ],
)
def test_bad_metadata_names_page_line_and_field(change, expected):
    found = problems(GOOD.replace(*change))
    assert any(line.startswith(expected) or expected in line for line in found), found


def test_a_page_without_front_matter_gets_one_problem_per_field():
    found = problems("# Boundaries\n\nText.\n")
    assert [line.split(": ")[0:2] for line in found] == [["docs/ethics/boundaries.md:1", f] for f in review.REVIEW_FIELDS]
    assert "pages start with front matter" in found[0]


def test_unclosed_front_matter_is_reported():
    assert problems("---\nowner: Lead BHT\n\n# Page\n") == [
        "docs/ethics/boundaries.md:1: (front matter): front matter starts with --- but never ends; close it with a line of ---"
    ]


def test_tomorrow_is_tolerated_for_reviewers_a_time_zone_ahead():
    text = GOOD.replace("2026-01-31", "2027-03-02")
    assert isinstance(review.check_page("x.md", text, TODAY, OWNERS), review.PageReview)


@pytest.mark.parametrize(
    ("start", "months", "due"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2027, 12, 15), 1, date(2028, 1, 15)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2026, 5, 1), 36, date(2029, 5, 1)),
    ],
)
def test_due_dates_add_calendar_months(start, months, due):
    assert review.add_months(start, months) == due


def _page(path: str, reviewed: date, every: int = 12) -> review.PageReview:
    return review.PageReview(path, path, "Lead BHT", reviewed, every)


def test_overdue_pages_come_first_longest_overdue_first():
    pages = [
        _page("a.md", date(2026, 6, 1)),  # due 2027-06-01: current
        _page("b.md", date(2026, 2, 1)),  # due 2027-02-01: overdue 28 days
        _page("c.md", date(2025, 1, 1)),  # due 2026-01-01: overdue 424 days
        _page("d.md", date(2026, 3, 20)),  # due 2027-03-20: due soon
    ]
    assert [p.src_path for p in review.ordered(pages, TODAY)] == ["c.md", "b.md", "d.md", "a.md"]
    assert [p.status(TODAY) for p in pages] == ["current", "overdue", "overdue", "due-soon"]
    assert status_text(pages[1], TODAY) == "Overdue by 28 days"
    assert status_text(pages[3], TODAY) == "Due in 19 days"


def test_status_table_links_each_page_and_marks_overdue_ones():
    pages = [_page("a.md", date(2026, 6, 1)), _page("b.md", date(2026, 2, 1))]
    html = review_status(pages, TODAY, href=lambda src: f"../{src[:-3]}/")
    rows = re.findall(r"<tr>(.*?)</tr>", html)[1:]
    assert 'href="../b/"' in rows[0] and '<strong><span class="bht-review-overdue">Overdue by 28 days' in rows[0]
    assert 'href="../a/"' in rows[1] and "Up to date" in rows[1]
    assert "2 pages, 1 overdue" in html
    only = review_status(pages, TODAY, href=lambda src: src, overdue_only=True)
    assert "b.md" in only and "a.md" not in only


def test_page_facts_spell_out_dates():
    facts = page_facts(_page("a.md", date(2026, 2, 1)), TODAY)
    assert facts["last_reviewed_text"] == "February 1, 2026" and facts["due_text"] == "February 1, 2027"
    assert facts["overdue"] is True


def test_every_shipped_page_has_valid_review_metadata():
    assert review.collect(standard_edition().pages, date.today(), OWNERS)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "handbook", "review", *args], cwd=ROOT, capture_output=True, text=True, timeout=60)


@pytest.mark.slow  # four command runs
def test_review_command_lists_overdue_pages_and_fails_only_when_strict(tmp_path):
    docs = tmp_path / "docs"
    (docs / "safety").mkdir(parents=True)
    (docs / "index.md").write_text(GOOD.replace("2026-01-31", "2027-02-20"), encoding="utf-8")
    (docs / "safety" / "old.md").write_text(GOOD, encoding="utf-8")
    relaxed = _cli("--docs", str(docs), "--today", "2027-03-01")
    assert relaxed.returncode == 0
    assert "docs/safety/old.md: overdue by 29 days (due 2027-01-31; owner: Clinical education lead)" in relaxed.stdout
    assert "index.md" not in relaxed.stdout.split("\n2 pages")[0]
    strict = _cli("--docs", str(docs), "--today", "2027-03-01", "--strict")
    assert strict.returncode == 1
    (docs / "safety" / "old.md").write_text(GOOD.replace("2026-01-31", "2026-12-01"), encoding="utf-8")  # reviewed
    assert _cli("--docs", str(docs), "--today", "2027-03-01", "--strict").returncode == 0
    (docs / "bad.md").write_text("# No metadata\n", encoding="utf-8")
    broken = _cli("--docs", str(docs), "--today", "2027-03-01")
    assert broken.returncode == 1 and "docs/bad.md:1: owner: missing required field 'owner'" in broken.stderr


@pytest.mark.slow
def test_a_page_without_valid_metadata_fails_the_build(project_copy, tmp_path):
    page = project_copy / "docs" / "ethics" / "boundaries.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"last_reviewed: .*", "last_reviewed: 2026-02-30", text, count=1), encoding="utf-8")
    result = build_site(tmp_path / "out", project=project_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/ethics/boundaries.md:3: last_reviewed: cannot read this value: day is out of range for month" in output, output
    assert "Traceback" not in output
    assert not (tmp_path / "out" / "index.html").exists()


@pytest.mark.slow
def test_overdue_pages_show_first_and_say_so_on_the_page(project_copy, tmp_path):
    (project_copy / "docs" / "ethics" / "boundaries.md").write_text(
        (project_copy / "docs" / "ethics" / "boundaries.md").read_text(encoding="utf-8").replace("review_every: 12", "review_every: 1"),
        encoding="utf-8",
    )
    reviewed = review.check_page("ethics/boundaries.md", (project_copy / "docs/ethics/boundaries.md").read_text(), date(2100, 1, 1), OWNERS)
    later = review.add_months(reviewed.last_reviewed, 2).isoformat()  # boundaries is overdue; 12-month pages are not
    result = build_site(tmp_path / "out", project=project_copy, env={"BHT_TODAY": later})
    assert result.returncode == 0, result.stdout + result.stderr
    status = (tmp_path / "out" / "contribute" / "review-status" / "index.html").read_text(encoding="utf-8")
    first_row = re.findall(r"<tbody><tr>(.*?)</tr>", status)[0]
    assert "ethics/boundaries/" in first_row and "Overdue by" in first_row
    boundaries = (tmp_path / "out" / "ethics" / "boundaries" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"next review due <time[^>]*>[^<]+</time> <strong>\(overdue\)</strong>", boundaries)


@pytest.mark.slow
def test_a_facility_page_without_review_metadata_fails_the_build_naming_its_own_file(project_copy, tmp_path):
    page = project_copy / "examples" / "maple-grove" / "docs" / "index.md"
    page.write_text(re.sub(r"^owner: .*\n", "", page.read_text(encoding="utf-8"), count=1, flags=re.M), encoding="utf-8")
    result = build_site(tmp_path / "out", project=project_copy, env={"BHT_FACILITY": "examples/maple-grove"})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "examples/maple-grove/docs/index.md:1: owner: missing required field 'owner'" in output
    assert "Traceback" not in output


def test_a_facility_page_with_an_unknown_owner_is_not_told_about_upstream_pages():
    bad = GOOD.replace("owner: Clinical education lead", "owner: Jane Smith")
    found = review.check_page("unit.md", bad, TODAY, OWNERS, label="facility/docs/unit.md")
    assert found and all("page_owner_map" not in line for line in found), found
