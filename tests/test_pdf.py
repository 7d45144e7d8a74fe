"""The whole handbook as one PDF: cover, contents with page numbers, every page, sign-off sheets."""

from __future__ import annotations

import html
import re
import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from build_pdf import nav_pages  # noqa: E402

from handbook.load.loader import load_handbook  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def reader(handbook_pdf):
    from pypdf import PdfReader

    return PdfReader(str(handbook_pdf))


@pytest.fixture(scope="module")
def page_texts(handbook_pdf_texts) -> dict[int, str]:
    """0-based page index -> text, for the pages the tests read (see handbook_pdf_texts)."""
    return handbook_pdf_texts


@pytest.fixture(scope="module")
def chapter_starts(reader) -> dict[str, int]:
    """Each chapter's key (p1, p2, ...) -> the 0-based page it starts on, from the PDF's links."""
    return {name.lstrip("/"): reader.get_destination_page_number(d) for name, d in reader.named_destinations.items()}


def contents_text(page_texts: dict[int, str]) -> str:
    return " ".join(page_texts[n] for n in (1, 2, 3))


def test_cover_names_the_facility_and_the_edition_date(page_texts):
    facility = load_handbook(ROOT / "data").facility
    assert facility.name in page_texts[0]
    assert "Edition of March 1, 2026" in page_texts[0]


def test_every_page_title_is_in_the_contents_and_starts_its_chapter(page_texts, chapter_starts, offline_site):
    """The contents list every page; each chapter's first PDF page shows its label and its heading."""
    pages = nav_pages(ROOT / "mkdocs.yml")
    assert len(pages) > 30
    contents = contents_text(page_texts)
    for page in pages:
        assert flat(page.title) in contents, f"{page.title!r} missing from the contents"
        first = page_texts[chapter_starts[page.key]]
        assert flat(page.title).upper() in first.upper(), f"{page.title!r}: chapter label missing from its first page"
        source = (offline_site / page.html_path).read_text(encoding="utf-8")
        heading = flat(html.unescape(re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", source, re.S).group(1))))
        assert heading.replace("¶", "").strip() in first, f"{page.html_path}: heading {heading!r} missing from its first page"


def test_contents_page_numbers_point_at_each_chapter(reader, page_texts, chapter_starts):
    pages = nav_pages(ROOT / "mkdocs.yml")
    contents = contents_text(page_texts)
    for page in pages[1:]:
        number = chapter_starts[page.key] + 1
        assert re.search(re.escape(flat(page.title)) + rf"\s+{number}\b", contents), f"{page.title}: page {number} not in contents"
        assert page_texts[number - 1], f"{page.title} starts on an empty page"
    assert reader.outline, "the PDF has no bookmarks"


def test_each_onboarding_phase_starts_its_own_sheet(page_texts):
    book = load_handbook(ROOT / "data")
    seen = []
    for phase in book.phases:
        heading = f"{phase.title} checklist"
        # A sheet starts a page with its heading, then the phase's days ("Day 1.", "Days 2–7.");
        # a page that merely starts with a link to the sheet ("Day 1 checklist, done before...") is not one.
        start = re.compile(rf"{re.escape(heading)} Days? {phase.day_start}\b")
        hits = [i for i, text in sorted(page_texts.items()) if start.match(text)]
        assert hits, f"no sheet for {heading}"
        seen.append(hits[0])
        sheet = page_texts[hits[0]]
        assert "Validator initials" in sheet and "Employee signature" in sheet
        others = [f"{p.title} checklist" for p in book.phases if p.id != phase.id]
        assert not any(o in sheet for o in others), f"{heading} shares a sheet"
    assert len(set(seen)) == len(book.phases)


def test_size_and_page_count(handbook_pdf, reader):
    size = handbook_pdf.stat().st_size
    print(f"PDF: {len(reader.pages)} pages, {size / 1024:.0f} KB")
    assert size < 20 * 1024 * 1024
