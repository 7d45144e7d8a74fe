"""First mentions link to the glossary; generated tables get abbreviation tooltips."""

from __future__ import annotations

import json
import posixpath
import re

import markdown
import pytest
from conftest import ROOT

from handbook.derive.glossary_terms import TermMatcher, abbreviate_html, linkable, space_table_cells
from handbook.load.loader import load_handbook
from handbook.model.records import Term
from handbook.render.reference import abbreviation_titles, abbreviations
from macros.glossary_ext import GlossaryExtension

TERMS = [
    Term(id="mar", term="MAR", expansion="Medication administration record", definition="The record."),
    Term(id="treatment-plan", term="Treatment plan", definition="The plan.", aliases=("Care plan", "Plan")),
    Term(id="q15", term="q15 checks", definition="Checks.", aliases=("Q15",)),
    Term(id="988", term="988", definition="Crisis line."),
]
TITLES = {"MAR": "Medication administration record", "988": "Crisis line", "Q15": "Checks"}


def render(text: str, page: str | None = "safety/medication.md") -> str:
    """As macros/pages.py hands a page over: every page but the glossary names the glossary's path."""
    ext = GlossaryExtension(TermMatcher(linkable(TERMS)), TITLES)
    md = markdown.Markdown(extensions=["abbr", "admonition", "attr_list", "toc", "md_in_html", ext])
    glossary = "reference/glossary.md"
    reference = f"\n[bht-glossary]: {posixpath.relpath(glossary, posixpath.dirname(page))}\n" if page and page != glossary else ""
    return md.convert(text + "\n\n*[MAR]: Medication administration record\n" + reference)


def links(html: str) -> list[str]:
    return re.findall(r'<a class="bht-term" href="([^"]+)">', html) or re.findall(r'<a href="([^"]+)" class="bht-term">', html)


def test_first_prose_mention_links_and_the_second_does_not():
    html = render("# MAR basics\n\nCheck the MAR at the start. The MAR lists each dose.")
    assert links(html) == ["../reference/glossary.md#term-mar"]
    assert "<h1" in html and "href" not in html.split("</h1>")[0].split("<h1")[1].replace('class="headerlink"', "")
    assert re.search(r'<a[^>]*bht-term[^>]*><abbr title="Medication administration record">MAR</abbr></a> at the start', html)


@pytest.mark.parametrize(
    "text",
    [
        "See [the MAR](https://example.org).",
        "Type `MAR` in the box.",
        "<p>The MAR is raw HTML.</p>",
        '!!! note "MAR"\n    Nothing here names it.',
        "## MAR",
        "The MARS bar and a marina are not terms.",
    ],
)
def test_never_inside_links_code_raw_html_titles_or_other_words(text):
    assert links(render(text)) == []


def test_names_match_by_their_own_rules():
    html = render("Write the care plans. Then the q15 round. Call 988. A plan is not enough.")
    assert links(html) == ["../reference/glossary.md#term-treatment-plan", "../reference/glossary.md#term-988"]
    # "q15" alone is neither the term ("q15 checks") nor its alias ("Q15", exact case); "Plan" is a single plain word


def test_a_term_the_page_links_by_hand_is_left_alone():
    html = render("Read the [MAR entry](../reference/glossary.md#term-mar). The MAR matters.")
    assert links(html) == []


def test_glossary_page_and_unknown_pages_get_no_links():
    assert links(render("The MAR.", page="reference/glossary.md")) == []
    assert links(render("The MAR.", page=None)) == []
    assert links(render("The MAR.", page="index.md")) == ["reference/glossary.md#term-mar"]


def test_abbreviations_in_raw_html_text_only():
    fragment = '<td title="MAR">MAR &#988; 988</td><td><code>MAR</code> <a href="/MAR">MAR</a></td>'
    assert abbreviate_html(fragment, TITLES) == (
        '<td title="MAR"><abbr title="Medication administration record">MAR</abbr> &#988; <abbr title="Crisis line">988</abbr></td>'
        '<td><code>MAR</code> <a href="/MAR"><abbr title="Medication administration record">MAR</abbr></a></td>'
    )


def test_generated_tables_get_tooltips_and_searchable_cells():
    table = '<div class="bht-scroll" role="region"><table><caption>X</caption><tbody><tr><th>MAR</th><td>b</td></tr></tbody></table></div>'
    html = render(f"Intro.\n\n{table}\n")
    assert '<th><abbr title="Medication administration record">MAR</abbr></th> <td>b</td>' in html
    assert space_table_cells("<tr><td>a</td><td>b</td></tr><tr>") == "<tr><td>a</td> <td>b</td></tr>\n<tr>"


def test_table_tooltips_and_appended_definitions_come_from_one_list():
    book = load_handbook(ROOT / "data")
    titles = abbreviation_titles(book)
    assert titles["MAR"] == "Medication administration record" and titles["CPI"] == "Crisis Prevention Institute"
    assert abbreviations(book).split("\n\n") == [f"*[{name}]: {title}" for name, title in titles.items()]


def test_built_pages_link_terms_and_tables_have_tooltips(built_site):
    cert = (built_site / "career" / "education-and-certifications" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<td>[^<]*\(<abbr title="Crisis Prevention Institute">CPI</abbr>\)</td>', cert)
    pages = [p for p in built_site.rglob("index.html") if "reference/glossary" not in p.as_posix()]
    linked = [p for p in pages if 'class="bht-term"' in p.read_text(encoding="utf-8")]
    assert linked, "no page links a glossary term"
    for page in linked:
        text = page.read_text(encoding="utf-8")
        hrefs = re.findall(r'<a class="bht-term" href="([^"]+)"', text)
        assert all(re.fullmatch(r"(\.\./)*reference/glossary/#term-[\w-]+", h) for h in hrefs), hrefs
        ids = [h.rsplit("#term-", 1)[1] for h in hrefs]
        assert len(ids) == len(set(ids)), f"{page}: a term is linked twice"
        for heading in re.findall(r"<h[1-6][^>]*>.*?</h[1-6]>", text, re.S):
            assert "bht-term" not in heading
    glossary = (built_site / "reference" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert 'class="bht-term"' not in glossary
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    cert_text = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("career/education-and-certifications/"))
    assert "(CPI)Crisis" not in cert_text and "(CPI) Crisis" in cert_text
