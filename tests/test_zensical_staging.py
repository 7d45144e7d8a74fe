"""The Zensical adapter's staging (macros/zensical_site.py), without running Zensical."""

from __future__ import annotations

import re

from macros.zensical_site import Staging, markup_neutral


def staged_pages(stage):
    return {p.relative_to(stage).as_posix(): p.read_text(encoding="utf-8") for p in sorted((stage / "docs").rglob("*.md"))}


def stamp(text: str) -> str:
    found = re.search(r"^bht_glossary: (\w+)$", text, re.M)
    assert found, text[:300]
    return found.group(1)


def test_a_glossary_edit_restamps_every_page_so_zensical_converts_them_again(project_copy, monkeypatch):
    """Zensical keeps converted pages by their source; the glossary extension links terms
    during conversion. Without the stamp, a new term stayed unlinked on other pages."""
    monkeypatch.setenv("BHT_FACILITY", "none")
    stage = project_copy / "build" / "zensical"
    staging = Staging(project_copy, stage)
    staging.run()
    first = staged_pages(stage)
    staging.run()
    assert staged_pages(stage) == first  # nothing changed: nothing is written again
    glossary = project_copy / "data" / "glossary.yml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8") + "\n  - id: flashlight\n    term: flashlight\n    definition: A light for rounds.\n",
        encoding="utf-8",
    )
    staging.run()
    second = staged_pages(stage)
    assert second.keys() == first.keys()
    assert all(stamp(second[page]) != stamp(first[page]) for page in first)


def test_markup_neutral_text_is_safe_escaped_or_not():
    assert markup_neutral("St. Mary's & Oaks") == "St. Mary's & Oaks"
    assert markup_neutral('<img src=x onerror="a()">') == "&lt;img src=x onerror=&quot;a()&quot;&gt;"
