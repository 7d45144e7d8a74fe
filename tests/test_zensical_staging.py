"""The Zensical adapter's staging (macros/zensical_site.py), without running Zensical."""

from __future__ import annotations

import re

from macros.zensical_site import Staging, glossary_stamp, markup_neutral


def staged_pages(stage):
    return {p.relative_to(stage).as_posix(): p.read_text(encoding="utf-8") for p in sorted((stage / "docs").rglob("*.md"))}


def stamp(text: str) -> str:
    found = re.search(r"^bht_glossary: (\w+)$", text, re.M)
    assert found, text[:300]
    return found.group(1)


def test_a_glossary_edit_restamps_the_pages_it_can_change_so_zensical_converts_them_again(project_copy, monkeypatch):
    """Zensical keeps converted pages by their source; the glossary extension links terms
    during conversion. Without the stamp, a new term stayed unlinked on other pages; with
    one stamp for the whole glossary, every edit rebuilt every page in the preview."""
    monkeypatch.setenv("BHT_FACILITY", "none")
    stage = project_copy / "build" / "zensical"
    staging = Staging(project_copy, stage)
    staging.run()
    first = staged_pages(stage)
    staging.run()
    assert staged_pages(stage) == first  # nothing changed: nothing is written again
    glossary = project_copy / "data" / "glossary.yml"
    original = glossary.read_text(encoding="utf-8")
    glossary.write_text(original + "\n  - id: flashlight\n    term: Flashlight\n    definition: A light for rounds.\n", encoding="utf-8")
    staging.run()
    second = staged_pages(stage)
    assert second.keys() == first.keys()
    restamped = {page for page in first if stamp(second[page]) != stamp(first[page])}
    mention = {page for page in first if "flashlight" in second[page].casefold()}  # the glossary and its examples too
    assert "docs/role/night-shift.md" in mention and restamped == mention, (sorted(mention), sorted(restamped))
    assert len(restamped) < len(first) / 4

    # A changed expansion of an abbreviation (its tooltip is on every page) restamps every page.
    assert "expansion: Behavioral Health Technician\n" in original
    glossary.write_text(
        original.replace("expansion: Behavioral Health Technician\n", "expansion: Behavioral Health Tech\n", 1), encoding="utf-8"
    )
    staging.run()
    third = staged_pages(stage)
    assert [page for page in first if stamp(third[page]) == stamp(second[page])] == []


def test_the_stamp_covers_every_name_the_extension_can_match():
    entries = [("mar", ["MAR"]), ("plan", ["Treatment plan"]), ("crisis", ["Crisis"])]
    glossary = {"entries": entries, "titles": {"MAR": "Medication administration record"}}
    base = glossary_stamp(glossary, "Nothing here.")
    assert glossary_stamp(glossary, "Nothing here, again.") == base  # no name occurs: the same stamp
    for text in ("Check the MAR.", "treatment plans", "TREATMENT PLAN", "a Crisis line", "<td>Q &amp; MAR</td>"):
        assert glossary_stamp(glossary, text) != base, text
    changed = {"entries": [*entries, ("q15", ["q15"])], "titles": glossary["titles"]}
    assert glossary_stamp(changed, "Check the MAR.") == glossary_stamp(glossary, "Check the MAR.")
    assert glossary_stamp(changed, "Checks every q15.") != glossary_stamp(glossary, "Checks every q15.")


def test_markup_neutral_text_is_safe_escaped_or_not():
    assert markup_neutral("St. Mary's & Oaks") == "St. Mary's & Oaks"
    assert markup_neutral('<img src=x onerror="a()">') == "&lt;img src=x onerror=&quot;a()&quot;&gt;"
