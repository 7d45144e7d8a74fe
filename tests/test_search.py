"""Search understands the role: floor words land on the page that explains them.

Ranks are checked with tests/material_search.py, a Python replay of Material's
lunr.js search over the built search_index.json.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, build_site
from material_search import MaterialSearch, transform_query

from handbook.derive.search_terms import page_keywords, term_keywords
from handbook.load.loader import load_handbook

EXPECTED = [
    ("MHT", "role/"),
    ("psych tech", "role/"),
    ("mental health technician", "role/"),
    ("CPI", "safety/de-escalation/"),
    ("de-escalation", "safety/de-escalation/"),
    ("q15", "safety/environment-and-observation/"),
    ("1:1", "safety/environment-and-observation/"),
    ("MAR", "safety/medication/"),
    ("PRN", "safety/medication/"),
    ("C-SSRS", "safety/suicide-risk/"),
    ("HIPAA", "ethics/privacy/"),
]


@pytest.fixture(scope="module")
def search(built_site) -> MaterialSearch:
    return MaterialSearch(built_site / "search" / "search_index.json")


@pytest.mark.parametrize(("query", "page"), EXPECTED)
def test_floor_words_land_in_the_top_three(search, query, page):
    results = search.search(query)
    assert page in results[:3], f"{query!r}: top results {results[:5]}"


def test_keywords_reach_the_index_as_visible_tags(built_site):
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    medication = next(d for d in docs if d["location"] == "safety/medication/")
    assert {"MAR", "PRN"} <= set(medication["tags"])
    html = (built_site / "safety" / "medication" / "index.html").read_text(encoding="utf-8")
    assert "data-search-" not in html and 'class="md-tags"' not in html  # no hidden text on the page itself


def test_without_the_glossary_keywords_the_search_misses(built_site, tmp_path):
    """The tags are what make the difference: strip them and a floor word is lost."""
    data = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in data["docs"]:
        doc.pop("tags", None)
    stripped = tmp_path / "search_index.json"
    stripped.write_text(json.dumps(data), encoding="utf-8")
    plain = MaterialSearch(stripped)
    assert any(page not in plain.search(query)[:3] for query, page in EXPECTED)


def test_query_transform_matches_material():
    separator = __import__("re").compile(r"[\s\-]+")
    assert transform_query("psych tech", separator) == "psych* tech*"
    assert transform_query("de-escalation", separator) == "de-escalation* de-escalation*"
    assert transform_query('"q15 checks"', separator) == "+q15 +checks"  # quoted phrases: required terms, no wildcard
    assert transform_query("1:1", separator) == "1 1*"  # the colon (a field in lunr) becomes a space


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


def test_a_see_page_that_does_not_exist_fails_the_build_with_its_line(project_copy, tmp_path):
    glossary = project_copy / "data" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    assert "see: [safety/medication.md]" in text
    glossary.write_text(text.replace("see: [safety/medication.md]", "see: [safety/medications.md]", 1), encoding="utf-8")
    line = next(i for i, row in enumerate(glossary.read_text().splitlines(), 1) if "medications.md" in row)
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
