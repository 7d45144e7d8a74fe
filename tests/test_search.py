"""Search understands the role: glossary keywords reach the search index as page tags.

Ranking itself (a floor word brings its page into the top three, and would not without
the tags) is checked with the site's real search in Chromium: tests/browser/test_search_ranking.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, build_site
from page_render import load_build

from handbook.derive.search_terms import page_keywords, term_keywords
from handbook.load.loader import load_handbook
from macros.pages import BuildProblem


def test_keywords_reach_the_index_as_visible_tags(built_site):
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    medication = next(d for d in docs if d["location"] == "safety/medication/")
    assert {"MAR", "PRN"} <= set(medication["tags"])
    html = (built_site / "safety" / "medication" / "index.html").read_text(encoding="utf-8")
    assert "data-search-" not in html and 'class="md-tags"' not in html  # no hidden text on the page itself


def test_page_keywords_come_from_the_glossary():
    book = load_handbook(ROOT / "data")
    keywords = page_keywords(book)
    assert {"MHT", "Psych tech", "BHT"} <= set(keywords["role/index.md"])
    assert "MAR" in keywords["safety/medication.md"]
    for term in book.terms:
        for page in term.see:
            assert set(term_keywords(term)) <= set(keywords[page])
    pages = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    load_handbook(ROOT / "data", pages=pages)  # raises HandbookDataError if a see page is missing


def point_a_see_page_nowhere(project) -> int:
    """Make the first `see: [safety/medication.md]` name a page that does not exist; return its line."""
    glossary = project / "data" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    assert "see: [safety/medication.md]" in text
    glossary.write_text(text.replace("see: [safety/medication.md]", "see: [safety/medications.md]", 1), encoding="utf-8")
    return next(i for i, row in enumerate(glossary.read_text().splitlines(), 1) if "medications.md" in row)


def test_a_see_page_that_does_not_exist_stops_the_build_before_any_page(project_copy):
    line = point_a_see_page_nowhere(project_copy)
    with pytest.raises(BuildProblem) as refused:
        load_build(project_copy)
    assert any(
        p.startswith(f"data/glossary.yml:{line}: terms[") and "docs/safety/medications.md does not exist" in p for p in refused.value.lines
    ), refused.value.lines


@pytest.mark.slow
def test_a_see_page_that_does_not_exist_fails_the_build_with_its_line(project_copy, tmp_path):
    line = point_a_see_page_nowhere(project_copy)
    result = build_site(tmp_path / "out", project=project_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"data/glossary.yml:{line}: terms[" in output and "docs/safety/medications.md does not exist" in output
    assert "Traceback" not in output
    assert not Path(tmp_path / "out" / "index.html").exists()


def test_the_glossary_shows_where_each_term_is_explained(built_site):
    glossary = (built_site / "reference" / "glossary" / "index.html").read_text(encoding="utf-8")
    entry = glossary.split('<dt id="term-mar">', 1)[1].split("</dd>", 1)[0]
    assert '<small class="bht-see">More: <a href="../../safety/medication/">' in entry
