"""Hostile and careless input: each gives one `file:line:` message, no traceback, no page.

The cases of the hostile-input issue: a page saved as Latin-1 (docs and facility pages),
a huge well-formed data file, an alias bomb (the only case that may blame aliases),
dates in the future given as facts, and a strict build with a broken link or anchor,
run as a plain `mkdocs build --strict`. Each asserts the exact file and line.
"""

from __future__ import annotations

import re
import time
from datetime import date, timedelta

import pytest
from conftest import build_site, copy_project

from handbook.derive import review
from handbook.load.edition import FacilityFolder, PageFile, load_edition
from handbook.load.loader import HandbookDataError, load_handbook
from handbook.load.reader import MAX_FILE_BYTES, FileProblem, read_text

LATIN1_PAGE = "---\nowner: Clinical education lead\nlast_reviewed: 2026-11-22\nreview_every: 12\n---\n\n# Caf\xe9\n\nBonjour.\n"


def output(result) -> str:
    return result.stdout + result.stderr


def no_pages(folder) -> bool:
    return not folder.exists() or not list(folder.rglob("*.html"))


# --- One reader for every file ------------------------------------------------------


def test_the_reader_names_the_line_of_a_byte_that_is_not_utf8(tmp_path):
    page = tmp_path / "page.md"
    page.write_bytes(LATIN1_PAGE.encode("latin-1"))
    with pytest.raises(FileProblem) as refused:
        read_text(page, "docs/page.md")
    assert str(refused.value) == "docs/page.md:7: (file): not UTF-8 text (invalid continuation byte at byte 88); save the file as UTF-8"


def test_the_reader_refuses_a_file_over_the_limit_before_reading_it(tmp_path):
    big = tmp_path / "glossary.yml"
    with big.open("wb") as out:
        out.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is written, nothing is read
    with pytest.raises(FileProblem) as refused:
        read_text(big, "data/glossary.yml")
    assert str(refused.value) == (
        "data/glossary.yml:1: (file): the file is too large (8.0 MB; the limit is 8.0 MB per file). "
        "Split it into smaller files, or check that it is the file you meant"
    )


def test_a_byte_order_mark_is_not_part_of_the_text(tmp_path):
    page = tmp_path / "page.md"
    page.write_bytes(b"\xef\xbb\xbf# Title\n")
    assert read_text(page, "page.md") == "# Title\n"


def test_a_latin1_page_is_a_review_problem_at_its_line(tmp_path):
    page = tmp_path / "safety.md"
    page.write_bytes(LATIN1_PAGE.encode("latin-1"))
    with pytest.raises(review.ReviewError) as refused:
        review.collect([PageFile("safety.md", page, "docs/safety.md")], date(2026, 12, 1), ["Clinical education lead"])
    assert refused.value.problems == [
        "docs/safety.md:7: (file): not UTF-8 text (invalid continuation byte at byte 88); save the file as UTF-8"
    ]


@pytest.mark.slow
def test_a_latin1_page_stops_the_build_with_one_line_and_no_page(project_copy, tmp_path):
    (project_copy / "docs" / "ethics" / "latin.md").write_bytes(LATIN1_PAGE.encode("latin-1"))
    facility = project_copy / "examples" / "maple-grove"
    (facility / "docs" / "latin.md").write_bytes(LATIN1_PAGE.encode("latin-1"))
    result = build_site(tmp_path / "out", project=project_copy, env={"BHT_FACILITY": str(facility)})
    assert result.returncode != 0
    text = output(result)
    assert "docs/ethics/latin.md:7: (file): not UTF-8 text" in text
    assert "examples/maple-grove/docs/latin.md:7: (file): not UTF-8 text" in text
    assert "Traceback" not in text and "UnicodeDecodeError" not in text
    assert no_pages(tmp_path / "out")


def test_a_huge_data_file_is_refused_at_once_with_its_size(tmp_path):
    data = copy_project(tmp_path / "project") / "data"
    glossary = data / "glossary.yml"
    entry = "  - {id: t%d, term: Term %d, definition: A plain definition of the term.}\n"
    with glossary.open("w", encoding="utf-8") as out:
        out.write("terms:\n")
        for n in range(130_000):  # about 9 MB of well-formed YAML
            out.write(entry % (n, n))
    started = time.monotonic()
    with pytest.raises(HandbookDataError) as refused:
        load_handbook(data)
    assert time.monotonic() - started < 5  # refused before parsing, not after
    problems = [p for p in refused.value.problems if p.startswith("data/glossary.yml")]
    assert len(problems) == 1
    assert re.match(r"data/glossary.yml:1: \(file\): the file is too large \(\d+\.\d MB; the limit is 8.0 MB per file\)", problems[0])
    assert "alias" not in problems[0]


def test_many_values_without_aliases_do_not_blame_aliases(monkeypatch):
    from handbook.load import yamlnodes

    monkeypatch.setattr(yamlnodes, "MAX_VALUES", 500)  # the same check on a smaller file
    text = "values:\n" + "".join(f"  - {n}\n" for n in range(501))
    with pytest.raises(yamlnodes.YamlProblem) as refused:
        yamlnodes.read_document(text)
    assert "alias" not in refused.value.message and "more than 500 values" in refused.value.message
    yamlnodes.read_document("values:\n" + "".join(f"  - {n}\n" for n in range(400)))  # under the limit: read


# --- Dates that are facts ----------------------------------------------------------------


def test_a_source_retrieved_in_the_future_is_an_error_at_its_line(tmp_path):
    data = copy_project(tmp_path / "project") / "data"
    sources = data / "sources.yml"
    text = sources.read_text(encoding="utf-8")
    first = text.index("retrieved: ")
    line = text.count("\n", 0, first) + 1
    tomorrow_and_one = (date.today() + timedelta(days=2)).isoformat()
    sources.write_text(text[:first] + f"retrieved: {tomorrow_and_one}" + text[first + len("retrieved: 2026-11-22") :], encoding="utf-8")
    with pytest.raises(HandbookDataError) as refused:
        load_handbook(data)
    assert refused.value.problems == [
        f"data/sources.yml:{line}: sources[0].retrieved: {tomorrow_and_one} is in the future "
        f"(today is {date.today()}); give the day you checked it"
    ]


def test_a_day_of_clock_slack_is_allowed(tmp_path):
    data = copy_project(tmp_path / "project") / "data"
    sources = data / "sources.yml"
    text = sources.read_text(encoding="utf-8")
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    sources.write_text(text.replace("retrieved: 2026-11-22", f"retrieved: {tomorrow}", 1), encoding="utf-8")
    assert load_handbook(data).sources


# --- A failed strict build leaves no page ---------------------------------------------------


BROKEN_LINKS = {  # each kind of broken link, and what the build says about it
    "[gone](no-such-page.md)": "no-such-page.md",  # MkDocs' own check
    "[gone](safety/medication.md#no-such-anchor)": "no-such-anchor",  # MkDocs' anchor check
    '<a href="no-such-folder/">gone</a>': "no-such-folder/",  # ours, on the built HTML
}


@pytest.mark.slow
def test_a_plain_strict_build_with_broken_links_writes_no_page_and_names_each(project_copy, tmp_path):
    page = project_copy / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "".join(f"\n\nSee {link}.\n" for link in BROKEN_LINKS), encoding="utf-8")
    out = tmp_path / "out"
    result = build_site(out, project=project_copy)
    assert result.returncode == 1
    assert "Aborted" in output(result)
    assert [says for says in BROKEN_LINKS.values() if says not in output(result)] == [], output(result)
    assert no_pages(out), sorted(p.name for p in out.rglob("*.html"))[:5]
    assert not (tmp_path / "out.partial").exists()


def test_a_facility_folder_page_and_profile_read_through_the_same_reader(tmp_path):
    folder = tmp_path / "facility"
    copy_project(tmp_path / "copy")
    (folder / "docs").mkdir(parents=True)
    (folder / "profile.yml").write_bytes("name: Caf\xe9\n".encode("latin-1"))
    with pytest.raises(HandbookDataError) as refused:
        load_edition(tmp_path / "copy", folder)
    assert any(
        p.endswith("profile.yml:1: (file): not UTF-8 text (invalid continuation byte at byte 9); save the file as UTF-8")
        for p in refused.value.problems
    ), refused.value.problems
    assert FacilityFolder(folder).pages == []
