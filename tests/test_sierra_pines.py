"""The second example edition, built by MkDocs: each thing a facility could not do before.

Sierra Pines has its own ladder (four levels, its own ids), technicians who give
medication, a self-hosted GitLab on a branch named master, hidden nav sections, a
replaced page and a PNG logo. The build is the one test_conformance shares.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from conftest import ROOT, built_edition

from handbook.load.edition import load_edition

pytestmark = pytest.mark.slow  # every test reads the edition's built site

EDITION = ROOT / "examples" / "sierra-pines"
REPO = "https://git.sierra-pines.example/education/bht-handbook"


@pytest.fixture(scope="module")
def site() -> Path:
    return built_edition("sierra-pines")


@pytest.fixture(scope="module")
def book():
    return load_edition(ROOT, EDITION).book


def text_of(page: Path) -> str:
    """The words a reader sees in the article (tags dropped, entities decoded)."""
    body = page.read_text(encoding="utf-8")
    article = re.search(r"<article\b.*?</article>", body, re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", article.group(0) if article else body))


def test_the_ladder_has_the_editions_four_levels_in_rank_order(site, book):
    titles = [book.level_title(level.id) for level in book.ordered_levels]
    assert titles == [
        "Psychiatric Technician Trainee",
        "Psychiatric Technician I",
        "Psychiatric Technician II",
        "Lead Psychiatric Technician",
    ]
    text = text_of(site / "career" / "level-requirements" / "index.html")
    steps = [f"{low} to {high}: what changes" for low, high in zip(titles, titles[1:], strict=False)]
    positions = [text.find(step) for step in steps]
    assert -1 not in positions and positions == sorted(positions), steps


def test_no_page_shows_a_standard_level_title_or_id(site):
    """The standard ladder's titles and ids appear only where the edition compares itself with it."""
    standard = load_edition(ROOT).book
    names = [standard.level_title(lv.id) for lv in standard.levels] + [lv.id for lv in standard.levels]
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])")
    found = {}
    for page in site.rglob("*.html"):
        if page.parent.name == "edition-differences":
            continue
        hits = pattern.findall(text_of(page))
        if hits:
            found[page.relative_to(site).as_posix()] = sorted(set(hits))
    assert not found


def test_technicians_who_give_medication_read_their_own_rules(site):
    text = " ".join(text_of(site / "safety" / "medication" / "index.html").split())
    assert "Your medication role: Give medication within a state license or certification" in text
    assert "set by your license, by California law and by facility policy" in text
    assert "prescribe, start, stop or change a dose or an order, even if asked" in text
    assert "Every dose, every time." in text


def test_edit_links_follow_gitlab_on_master(site):
    page = (site / "safety" / "medication" / "index.html").read_text(encoding="utf-8")
    assert f'href="{REPO}/-/edit/master/docs/safety/medication.md"' in page
    assert f'href="{REPO}/-/issues/new?' in page
    assert "github.com" not in page
    voices = (site / "voices" / "index.html").read_text(encoding="utf-8")
    assert f'href="{REPO}/-/edit/master/examples/sierra-pines/docs/voices.md"' in voices


def test_hidden_sections_are_gone_from_the_site_the_nav_and_the_search_index(site):
    assert not (site / "contribute").exists() and not (site / "facilities").exists()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Contribute" not in home and "For facilities" not in home
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"location":"contribute/' not in index.replace(" ", "")
    assert '"location":"facilities/' not in index.replace(" ", "")


def test_the_replaced_page_keeps_its_address_and_shows_the_facilitys_own(site):
    text = text_of(site / "voices" / "index.html")
    assert "Voices from Sierra Pines" in text
    assert "Marisol, Psychiatric Technician I, nights (a fictional person)" in " ".join(text.split())
    assert not (site / "your-facility" / "voices").exists()  # shown once, at the upstream address


def test_the_differences_page_lists_the_hidden_and_replaced_pages(site):
    text = " ".join(text_of(site / "reference" / "edition-differences" / "index.html").split())
    assert "contribute/index.md Hidden examples/sierra-pines/profile.yml:" in text
    assert "voices/index.md Replaced examples/sierra-pines/docs/voices.md is shown instead" in text


def test_the_png_logo_is_copied_and_shown(site):
    logo = site / "assets" / "facility" / "logo.png"
    assert logo.read_bytes() == (EDITION / "logo.png").read_bytes()
    assert '<img src="assets/facility/logo.png"' in (site / "index.html").read_text(encoding="utf-8")
