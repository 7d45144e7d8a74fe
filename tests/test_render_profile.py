"""Renderers escape every data string and follow the facility profile.

Escaping is checked on what a reader gets: each renderer's output goes through
Python-Markdown with the site's extensions, and the resulting HTML must have the
same element structure as with harmless data, show the hostile text literally,
and contain no live element from the data.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

import markdown
import pytest
from conftest import build_site
from datapatch import apply
from tinybook import RENDERS, build, tiny_data

from handbook.render import career as render_career
from handbook.render import onboarding as render_onboarding
from handbook.render import roles as render_roles
from handbook.render import skills as render_skills

# Markup for HTML, Markdown, Jinja and the pymdown extensions, in one string.
HOSTILE = "<script>alert(\"x\")</script> & 'q' | a | {{ 7*7 }} {% if 1 %}y{% endif %} *b* _i_ [l](u) ==m== #h"
# Free-text fields (Text in the model); ids, urls and fixed choices are validated, not escaped.
TEXT_KEYS = {
    "title",
    "name",
    "summary",
    "text",
    "definition",
    "quote",
    "goal",
    "shifts",
    "led_by",
    "bht_part",
    "issuer",
    "short",
    "publisher",
    "effective",
    "note",
    "notes",
    "occupation",
    "outlook_period",
    "term",
    "expansion",
    "licensure",
    "focus",
    "role",
    "how",
}
TEXT_LISTS = {"duties", "aliases", "education"}
# The extensions in mkdocs.yml that change how Markdown and raw HTML are read.
EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tasklist",
]


def poison(value: object, key: str = "") -> object:
    """Append the hostile string to every free-text value in the tiny handbook's data."""
    if isinstance(value, dict):
        if key == "levels" and all(isinstance(k, int) for k in value):  # a skill's level descriptors
            return {k: f"{v} {HOSTILE}" for k, v in value.items()}
        return {k: poison(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [f"{v} {HOSTILE}" if key in TEXT_LISTS else poison(v) for v in value]
    if isinstance(value, str) and key in TEXT_KEYS:
        return f"{value} {HOSTILE}"
    return value


class Page(HTMLParser):
    """Element structure (tags and attribute names) and visible text of an HTML fragment."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.structure: list[str] = []
        self.text = ""
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.structure.append(f"<{tag} {' '.join(sorted(name for name, _ in attrs))}>")

    def handle_endtag(self, tag):
        self.structure.append(f"</{tag}>")

    def handle_data(self, data):
        self.text += data


def rendered(output: str) -> Page:
    # A fresh converter each time: abbreviations and footnotes would leak between calls.
    return Page(markdown.markdown(output, extensions=EXTENSIONS))


BOOK = build()
HOSTILE_BOOK = build(poison(tiny_data()))


@pytest.mark.parametrize("name", RENDERS)
def test_hostile_text_is_shown_literally_and_changes_no_structure(name):
    plain, hostile = rendered(RENDERS[name](BOOK)), rendered(RENDERS[name](HOSTILE_BOOK))
    assert hostile.structure == plain.structure
    assert not any(tag.startswith("<script") for tag in hostile.structure)
    if name != "abbreviations":  # definitions only: nothing visible of their own
        assert HOSTILE in hostile.text
    assert not re.search(r"&#?\w+;", hostile.text), "an entity shows as text: escaped twice"
    assert "49" not in hostile.text.replace(HOSTILE, "")


def test_a_pipe_in_a_cell_stays_inside_that_cell():
    data = tiny_data()
    data["settings"][0]["summary"] = "a | b | c"
    output = render_roles.settings_table(build(data))
    html = markdown.markdown(output, extensions=EXTENSIONS)
    assert "<td>a | b | c</td>" in html
    assert html.count("<td>") == markdown.markdown(render_roles.settings_table(BOOK), extensions=EXTENSIONS).count("<td>")


def test_multi_line_text_stays_in_one_cell():
    data = tiny_data()
    data["settings"][0]["summary"] = "First line.\n\nSecond paragraph.\n| x | y |\n|---|---|"
    output = render_roles.settings_table(build(data))
    assert "\n" not in output.rstrip("\n")
    assert "<td>First line. Second paragraph. | x | y | |---|---|</td>" in output


# --- The facility profile ------------------------------------------------------


def profile(**scope) -> dict:
    data = tiny_data()
    data["facility"]["scope"].update(scope)
    return data


def restraint_outputs(book) -> str:
    return (
        render_roles.responsibilities_table(book)
        + render_roles.interventions_table(book)
        + render_onboarding.onboarding_checklist(book)
        + render_roles.level_comparison(book, "t1", "t2")
    )


@pytest.mark.parametrize("restraint", [{"used": False}, {"used": True, "bht_participates": False}], ids=["not-used", "no-bht-part"])
def test_restraint_content_disappears_when_technicians_take_no_part(restraint):
    assert "Help with holds." in restraint_outputs(BOOK) and "Assists a hold." in restraint_outputs(BOOK)
    book = build(profile(restraint=restraint))
    output = restraint_outputs(book)
    for text in ("Help with holds.", "Holds", "Last resort.", "Assists a hold.", "uses holds"):
        assert text not in output
    assert render_onboarding.onboarding_plan(book).endswith("<td>With a preceptor beside you</td><td>1</td></tr></tbody></table></div>\n")


def medication_outputs(book) -> str:
    return (
        render_roles.responsibilities_table(book)
        + render_skills.skill_list(book)
        + render_skills.skill_matrix(book)
        + render_roles.level_comparison(book, "t1", "t2")
        + render_onboarding.onboarding_checklist(book)
    )


@pytest.mark.parametrize("role", ["none", "observe-report"])
def test_medication_assist_content_disappears_unless_the_facility_allows_it(role):
    before = medication_outputs(BOOK)
    after = medication_outputs(build(profile(medication_role=role)))
    for text in ("Help with meds.", "About meds.", "Meds at 1.", "See the med room.", "{#skill-meds}", ">Meds<"):
        assert text in before and text not in after, text


def test_a_medication_observe_item_shows_for_observe_report_but_not_none():
    data = profile(medication_role="observe-report")
    data["responsibilities"].append(
        {
            "id": "r-watch",
            "category": "secondary",
            "domain": "records",
            "title": "Watch meds",
            "text": "Report side effects.",
            "scope": "medication-observe",
        }
    )
    assert "Report side effects." in render_roles.responsibilities_table(build(data))
    data["facility"]["scope"]["medication_role"] = "none"
    assert "Report side effects." not in render_roles.responsibilities_table(build(data))


def test_level_titles_rename_levels_in_every_table():
    data = tiny_data()
    data["facility"]["level_titles"] = {"t1": "MHT I", "t2": "MHT II"}
    book = build(data)
    shows_levels = {
        "career_paths_table",
        "career_paths_table_lateral",
        "certifications_table",
        "career_diagram",
        "responsibilities_table",
        "responsibilities_table_filtered",
        "level_comparison",
        "skill_list",
        "skill_matrix",
    }
    for name, render in RENDERS.items():
        default, renamed = render(BOOK), render(book)
        assert "Tech I" not in renamed, name
        if name in shows_levels:
            assert "Tech I" in default and "MHT I" in renamed, name
    assert render_career.certifications_table(book).count(">MHT I<") == 1


@pytest.mark.slow  # a site build
def test_hostile_data_is_literal_on_the_built_site(project_copy, tmp_path):
    """End to end: no later stage (Markdown, the macros plugin) reads data strings as markup."""
    data = project_copy / "data"
    apply({"file": "responsibilities.yml", "set": "responsibilities.0.text", "value": json.dumps(HOSTILE)}, data)
    result = build_site(tmp_path / "site", project=project_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    escaped = html.escape(HOSTILE, quote=True)
    pages = [path for path in (tmp_path / "site").rglob("*.html") if escaped in path.read_text(encoding="utf-8")]
    assert pages, "the patched responsibility appears on no page"
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert "<script>alert" not in text
        assert f"<td>{escaped}" in text
