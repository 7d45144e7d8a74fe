"""Pages that depend on the facility's scope of practice read correctly under every profile.

The default edition (observe and report, technicians take part in holds, DAP notes)
is checked on the session build. Two other profiles, so that every value of
medication_role, restraint and note_format is exercised at least once with edition both
"standard" and "facility", are rendered through ``macros.pages.Build`` with a temporary
facility folder (no site build); one of them is also built by MkDocs from a scratch copy
of the project, with the same checks, to prove the route.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, build_site
from page_render import RenderedEdition, load_build, text_of, to_html

SAFETY_PAGES = (
    "safety/environment-and-observation",
    "safety/de-escalation",
    "safety/suicide-risk",
    "safety/restraint-and-seclusion",
    "safety/medication",
    "safety/reporting",
)
PLACEHOLDER_WARNING = "Standard edition: placeholder values"
DIFFERENCES = "reference/edition-differences.md"


def article_text(site: Path, page: str) -> str:
    """The page's main text with tags removed and whitespace folded."""
    source = (site / page / "index.html").read_text(encoding="utf-8")
    match = re.search(r"<article[^>]*>(.*)</article>", source, re.S)
    assert match, f"{page}: no <article> element"
    # Inline tags (tooltips, links) sit inside words and phrases: drop them without a space.
    inline_free = re.sub(r"</?(?:abbr|a|span|strong|em|code|b|i|small)\b[^>]*>", "", match.group(1))
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", inline_free)).split())


def site_text(site: Path) -> str:
    return "\n".join(article_text(site, str(p.parent.relative_to(site))) for p in site.rglob("index.html"))


def default_profile() -> dict:
    return yaml.safe_load((ROOT / "data" / "facility.yml").read_text(encoding="utf-8"))


def scoped_texts(condition: str) -> list[str]:
    """Texts of every onboarding item and responsibility tied to one scope condition."""
    found = []
    responsibilities = yaml.safe_load((ROOT / "data" / "responsibilities.yml").read_text(encoding="utf-8"))
    found += [r["text"] for r in responsibilities["responsibilities"] if r.get("scope") == condition]
    onboarding = yaml.safe_load((ROOT / "data" / "onboarding.yml").read_text(encoding="utf-8"))
    for phase in onboarding["phases"]:
        for kind in ("tasks", "competencies"):
            found += [item["text"] for item in phase.get(kind, ()) if item.get("scope") == condition]
    return [" ".join(text.split()) for text in found]


def observation_names(ids) -> list[str]:
    data = yaml.safe_load((ROOT / "data" / "settings.yml").read_text(encoding="utf-8"))
    names = {level["id"]: level["name"] for level in data["observation_levels"]}
    return [names[i] for i in ids]


# --- The default (standard) edition ---------------------------------------------


def test_default_edition_marks_safety_values_as_placeholders(built_site):
    for page in SAFETY_PAGES:
        assert PLACEHOLDER_WARNING in article_text(built_site, page), page


def test_default_edition_scope_pages(built_site):
    profile = default_profile()
    scope = profile["scope"]
    # These expectations describe the shipped defaults; if the defaults change, update them here.
    assert scope["medication_role"] == "observe-report" and scope["note_format"] == "DAP"
    assert scope["restraint"] == {"used": True, "bht_participates": True}

    medication = article_text(built_site, "safety/medication")
    assert "Your medication role: Observe and report." in medication
    assert "technicians observe and report" in medication
    assert "What you do instead" not in medication and "under nursing supervision, where state rules allow" not in medication

    restraint = article_text(built_site, "safety/restraint-and-seclusion")
    assert "trained technicians may take part in physical holds" in restraint
    assert "are not used at" not in restraint

    notes = article_text(built_site, "practice/documentation")
    assert "Fictional example: DAP note" in notes and "Data:" in notes
    assert "SOAP note" not in notes and "BIRP note" not in notes

    observation = article_text(built_site, "safety/environment-and-observation")
    for name in observation_names(scope["observation_levels"]):
        assert name in observation


def test_restraint_items_show_in_the_default_edition(built_site):
    # Guards the "not used" test below from passing because the items never render anywhere.
    everything = site_text(built_site)
    shown = [text for text in scoped_texts("restraint") if text in everything]
    assert shown, "no restraint-scoped responsibility or checklist item is rendered in the default edition"


# --- Two other profiles, rendered through Build (fast) and one of them built by MkDocs ---


class Site:
    """Reads a built site: a page's article text, its HTML, and every page's text."""

    def __init__(self, site: Path):
        self.site = site

    def text(self, page: str) -> str:
        return article_text(self.site, page)

    def html(self, page: str) -> str:
        return (self.site / page / "index.html").read_text(encoding="utf-8")

    def everything(self) -> str:
        return site_text(self.site)


class Rendered(RenderedEdition):
    """Reads the same from pages rendered through ``macros.pages.Build``, without a build.

    The standard edition here is data/ as shipped (the build below replaces
    data/facility.yml too), so the edition-differences page rightly lists the standard
    edition's hold duties as "Not shown here": it is left out of ``everything``."""

    def html(self, page: str) -> str:
        return to_html(self.prepared(f"{page}.md"))

    def everything(self) -> str:
        return "\n".join(text_of(self.prepared(p.uri).markdown) for p in self.build.edition.pages if p.uri != DIFFERENCES)


def write_facility(tmp_path: Path, profile: dict) -> Path:
    folder = tmp_path / "scope-test-facility"  # also wins over any facility/ folder in the repo
    folder.mkdir()
    (folder / "profile.yml").write_text(yaml.safe_dump(profile, sort_keys=False), encoding="utf-8")
    return folder


def rendered_with(tmp_path: Path, profile: dict) -> Rendered:
    return Rendered(load_build(folder=write_facility(tmp_path, profile)))


def built_with(project: Path, tmp_path: Path, profile: dict) -> Site:
    """Build the project copy strictly with ``profile`` as the facility profile."""
    (project / "data" / "facility.yml").write_text(yaml.safe_dump(profile, sort_keys=False), encoding="utf-8")
    folder = write_facility(project, profile)
    dest = tmp_path / "site"
    result = build_site(dest, project=project, env={"BHT_FACILITY": str(folder)})
    assert result.returncode == 0, result.stdout + result.stderr
    return Site(dest)


def test_rendered_pages_read_like_the_built_ones(built_site):
    """The control for the Build-based tests below: the standard edition's pages, rendered
    without a build, carry the same scope text and scoped items as the built site."""
    rendered = Rendered(load_build())
    for page in SAFETY_PAGES:
        assert PLACEHOLDER_WARNING in rendered.text(page), page
    assert "Your medication role: Observe and report." in rendered.text("safety/medication")
    assert "trained technicians may take part in physical holds" in rendered.text("safety/restraint-and-seclusion")
    everything = rendered.everything()
    shown = [text for text in scoped_texts("restraint") if text in everything]
    assert shown and shown == [text for text in scoped_texts("restraint") if text in site_text(built_site)]


# A facility that gives technicians no medication role and never uses holds.


def no_medication_profile() -> dict:
    profile = default_profile()
    profile.update(edition="facility", name="Test Valley Behavioral Health", short_name="Test Valley")
    profile["level_titles"] = {"bht-1": "Tech One", "bht-2": "Tech Two"}
    profile["pay_bands"] = [{"level": "bht-1", "hourly_min": 18.5, "hourly_max": 22}]
    profile["scope"].update(
        medication_role="none",
        restraint={"used": False, "bht_participates": False},
        note_format="SOAP",
        observation_levels=["routine", "line-of-sight"],
        suicide_screening_tool="asq",
        refreshers={profile["scope"]["deescalation_program"]: 6},
        mandated_reporting=[
            {"role": "Charge nurse on duty", "how": "Tell them at once, in person."},
            {"role": "State abuse hotline", "how": "Call the number posted at the nurses' station."},
        ],
    )
    return profile


def check_no_medication_no_restraint_soap(site) -> None:
    for page in SAFETY_PAGES:
        assert PLACEHOLDER_WARNING not in site.text(page), page

    restraint = site.text("safety/restraint-and-seclusion")
    assert "Restraint and seclusion are not used at Test Valley." in restraint
    assert "Instead, staff keep people safe by" in restraint
    assert "take part in physical holds" not in restraint and "do not take part in holds" not in restraint
    deescalation = site.text("safety/de-escalation")
    assert "Restraint and seclusion are not used at Test Valley." in deescalation
    assert "You renew this training every 6 months" in deescalation

    everything = site.everything()
    leaked = [text for text in scoped_texts("restraint") if text in everything]
    assert not leaked, f"hold training or duties still shown although restraint is not used: {leaked}"

    medication = site.text("safety/medication")
    assert "Your medication role: No medication tasks." in medication
    assert "What you do instead." in medication and "Tell the nurse right away" in medication
    assert "be present when the nurse gives medicine" not in medication
    assert "Each time you assist" not in medication

    notes = site.text("practice/documentation")
    assert "Fictional example: SOAP note" in notes
    assert "Subjective:" in notes and "Objective:" in notes
    assert "DAP note" not in notes and "BIRP note" not in notes and "Data:" not in notes

    suicide = site.text("safety/suicide-risk")
    assert "staff screen with the ASQ" in suicide
    assert re.search(r'href="[^"]*reference/glossary(/|\.md)#term-asq"', site.html("safety/suicide-risk"))

    observation = site.text("safety/environment-and-observation")
    for name in observation_names(["routine", "line-of-sight"]):
        assert name in observation
    for name in observation_names(["q15", "one-to-one"]):
        assert name not in observation

    reporting_html = site.html("safety/reporting")
    contacts = re.search(r"<li><strong>Charge nurse on duty:</strong>.*?</ul>", reporting_html, re.S)
    assert contacts and "State abuse hotline" in contacts.group(0), "both contacts belong to one list"
    assert "<p>" not in contacts.group(0), "the contact list must be a tight list, not paragraphs"

    levels = site.text("career/level-requirements")
    assert "Tech One to Tech Two: what changes" in levels
    assert "BHT I to" not in levels
    pay = site.text("career/pay-and-outlook")
    assert "Tech One: $18.50 to $22.00 per hour" in pay


def test_no_medication_no_restraint_soap_profile(tmp_path):
    check_no_medication_no_restraint_soap(rendered_with(tmp_path, no_medication_profile()))


@pytest.mark.slow
def test_no_medication_no_restraint_soap_profile_through_a_strict_mkdocs_build(project_copy, tmp_path):
    """The one build of this file: the same checks on the site MkDocs builds for the profile."""
    check_no_medication_no_restraint_soap(built_with(project_copy, tmp_path, no_medication_profile()))


# A standard-edition profile where technicians assist with medication but not holds.


def test_assist_medication_staff_only_holds_birp_profile(tmp_path):
    profile = default_profile()
    assert profile["edition"] == "standard"
    profile["scope"].update(
        medication_role="assist",
        restraint={"used": True, "bht_participates": False},
        note_format="BIRP",
    )
    site = rendered_with(tmp_path, profile)

    for page in SAFETY_PAGES:
        assert PLACEHOLDER_WARNING in site.text(page), page

    medication = site.text("safety/medication")
    assert "Your medication role: Assist under nursing supervision." in medication
    assert "under nursing supervision, where state rules allow" in medication
    assert "What you do instead" not in medication

    restraint = site.text("safety/restraint-and-seclusion")
    assert "technicians do not take part in holds" in restraint
    assert "trained technicians may take part" not in restraint and "are not used at" not in restraint
    everything = site.everything()
    assert not [text for text in scoped_texts("restraint") if text in everything]

    notes = site.text("practice/documentation")
    assert "Fictional example: BIRP note" in notes
    assert "Intervention:" in notes and "Response:" in notes
    assert "DAP note" not in notes and "SOAP note" not in notes


@pytest.mark.parametrize("page", SAFETY_PAGES)
def test_safety_pages_are_reviewed_every_six_months(page):
    text = (ROOT / "docs" / f"{page}.md").read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---")[1])
    assert front["review_every"] == 6 and front["owner"] and front["last_reviewed"]
