"""The career map: HTML lists drawn as a ladder, exact output for a small handbook."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from handbook.load.loader import load_handbook
from handbook.model.handbook import Handbook
from handbook.render.career import career_diagram


@pytest.fixture(scope="module")
def small_book() -> Handbook:
    book = load_handbook(ROOT / "data")
    data = book.model_dump(by_alias=True)
    data["paths"] = [
        {"id": "cna-in", "from": "cna", "to": "bht-1", "kind": "entry", "summary": "x"},
        {"id": "up-1", "from": "bht-1", "to": "bht-2", "kind": "advancement", "summary": "x", "requirements": {"experience_months": 18}},
        {"id": "up-2", "from": "bht-2", "to": "lead-bht", "kind": "advancement", "summary": "x", "requirements": {"experience_months": 24}},
        {"id": "out", "from": "bht-2", "to": "rn", "kind": "advancement", "summary": "x"},
        {"id": "side", "from": "bht-1", "to": "crisis-specialist", "kind": "lateral", "summary": "x"},
    ]
    data["adjacent_roles"] = [
        {"id": "cna", "title": "Nursing <assistant> & aide", "summary": "x"},
        {"id": "rn", "title": "Registered Nurse", "summary": "x"},
        {"id": "crisis-specialist", "title": "Crisis specialist", "summary": "x"},
    ]
    data["facility"]["level_titles"] = {"bht-1": "MHT I"}
    return Handbook.model_validate(data)


EXPECTED = (
    '<figure class="bht-career" aria-labelledby="bht-career-caption">'
    '<figcaption id="bht-career-caption"><strong>Career map.</strong> Read it from top to bottom: the jobs people often '
    "come from, the technician levels from first to highest, and the roles each level can lead to. "
    "The table of career paths gives what each move needs.</figcaption>"
    '<div class="bht-career-group bht-career-entry"><p class="bht-career-label">Come from</p>'
    "<ul><li>Nursing &lt;assistant&gt; &amp; aide</li></ul></div>"
    '<ol class="bht-career-ladder">'
    '<li class="bht-career-level"><div class="bht-career-rung"><span class="bht-career-title">MHT I</span>'
    '<span class="bht-career-note">Start here</span></div><div class="bht-career-exits">'
    '<div class="bht-career-group bht-career-across"><p class="bht-career-label">Move across to</p>'
    "<ul><li>Crisis specialist</li></ul></div></div></li>"
    '<li class="bht-career-level"><div class="bht-career-rung"><span class="bht-career-title">BHT II</span>'
    '<span class="bht-career-note">From MHT I, after about 18 months</span></div><div class="bht-career-exits">'
    '<div class="bht-career-group bht-career-up"><p class="bht-career-label">Move up to</p>'
    "<ul><li>Registered Nurse</li></ul></div></div></li>"
    '<li class="bht-career-level"><div class="bht-career-rung"><span class="bht-career-title">Lead BHT</span>'
    '<span class="bht-career-note">From BHT II, after about 2 years</span></div></li>'
    "</ol></figure>\n"
)


def test_exact_output(small_book):
    assert career_diagram(small_book) == EXPECTED


def test_no_script_no_outside_file_and_scheme_colours(built_site):
    html = (built_site / "career" / "paths" / "index.html").read_text(encoding="utf-8")
    figure = re.search(r'<figure class="bht-career".*?</figure>', html, re.S).group(0)
    assert "<script" not in figure and "src=" not in figure and "style=" not in figure
    assert 'aria-labelledby="bht-career-caption"' in figure and "Career map." in figure
    css = (built_site / "assets" / "stylesheets" / "handbook.css").read_text(encoding="utf-8")
    career_css = css[css.index("/* Career map") :]
    career_css = career_css[: career_css.index("/* ", 10)] if "/* " in career_css[10:] else career_css
    colours = re.findall(r"(?:color|border[\w-]*):\s*([^;]+);", career_css)
    assert colours and all("#" not in c and "rgb" not in c for c in colours), "career map colours must come from scheme variables"
