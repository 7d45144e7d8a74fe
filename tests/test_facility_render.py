"""Generated tables follow the facility profile: scope of practice, level titles, differences."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import ROOT
from facility_helpers import EXAMPLE, SCOPED_TEXTS, edit_profile, facility_folder, scoped_overlay

from handbook.derive import differences
from handbook.derive.differences import EditionDiff, ProfileChange, RecordChange, compare
from handbook.load.edition import load_edition
from handbook.model import collections
from handbook.render import career as render_career
from handbook.render import onboarding as render_onboarding
from handbook.render import roles as render_roles
from handbook.render import skills as render_skills
from handbook.render.edition import edition_differences
from handbook.render.markup import cell

STANDARD_TITLES = ("BHT I", "BHT II", "Lead BHT")
FACILITY_TITLES = ("MHT I", "MHT II", "MHT III")


def everything(book) -> str:
    """Every generated table that could show a scoped record."""
    return "".join(
        (
            render_roles.responsibilities_table(book),
            render_roles.interventions_table(book),
            render_skills.skill_matrix(book),
            render_skills.skill_list(book),
            render_roles.level_comparison(book, "bht-1", "lead-bht"),
            render_onboarding.onboarding_checklist(book),
        )
    )


@pytest.fixture(scope="module")
def scoped(tmp_path_factory):
    """The same scoped records under a permissive profile and under the example's."""
    standard = load_edition(ROOT).book
    overlay = scoped_overlay(standard.domains[0].id, standard.phases[0].id)
    permissive = facility_folder(tmp_path_factory.mktemp("permissive"), {"zz-scoped.yml": overlay})
    edit_profile(permissive, "medication_role: none", "medication_role: assist")
    edit_profile(permissive, "restraint: {used: false}", "restraint: {used: true, bht_participates: true}")
    strict = facility_folder(tmp_path_factory.mktemp("strict"), {"zz-scoped.yml": overlay})
    return load_edition(ROOT, permissive).book, load_edition(ROOT, strict).book


def test_scoped_records_show_only_where_the_facility_allows_them(scoped):
    permissive, example = scoped
    shown, hidden = everything(permissive), everything(example)
    for text in SCOPED_TEXTS:
        assert cell(text) in shown, f"{text!r} missing where the facility allows it"
        assert cell(text) not in hidden, f"{text!r} shown though the facility does not allow it"


def test_no_hold_training_and_no_medication_tasks_in_the_example_checklists(scoped):
    _, example = scoped
    assert not example.facility.scope.restraint.used and example.facility.scope.medication_role == "none"
    sheets = render_onboarding.onboarding_checklist(example) + render_onboarding.onboarding_plan(example)
    assert "(test record)" not in sheets
    for phase in example.phases:
        for item in (*phase.tasks, *phase.competencies):
            if item.scope in ("restraint", "medication-observe", "medication-assist"):
                assert cell(item.text) not in sheets, item.id
    assert "Walk the route to the on-site school" in sheets  # the facility's own task is there


def test_observe_report_shows_observation_duties_but_not_assisting(tmp_path):
    standard = load_edition(ROOT).book
    folder = facility_folder(tmp_path, {"zz-scoped.yml": scoped_overlay(standard.domains[0].id, standard.phases[0].id)})
    edit_profile(folder, "medication_role: none", "medication_role: observe-report")
    tables = everything(load_edition(ROOT, folder).book)
    assert "Watch for medicine side effects (test record)" in tables
    assert "Helps the nurse during a medicine pass (test record)." not in tables


def headers(html: str) -> list[str]:
    return re.findall(r'<th scope="col">([^<]*)</th>', html)


def test_renamed_levels_appear_in_every_generated_table():
    book = load_edition(ROOT, EXAMPLE).book
    outputs = {
        "skill matrix": render_skills.skill_matrix(book),
        "certifications": render_career.certifications_table(book),
        "level comparison": render_roles.level_comparison(book, "bht-1", "bht-2"),
    }
    for name, html in outputs.items():
        found = headers(html)
        assert any(title in found for title in FACILITY_TITLES), (name, found)
        assert not set(STANDARD_TITLES) & set(found), (name, found)
    assert headers(outputs["skill matrix"])[1:] == list(FACILITY_TITLES)
    paths = render_career.career_paths_table(book) + render_career.career_diagram(book)
    assert "MHT I" in paths and "MHT II" in paths and "Youth and Family Advocate" in paths
    assert not re.search(r">(BHT I|BHT II|Lead BHT)<", paths)
    assert "responsibilities for MHT II</caption>" in render_roles.responsibilities_table(book, role="bht-2")
    assert "MHT I: " in render_skills.skill_list(book)


def test_the_standard_edition_has_no_differences():
    standard = load_edition(ROOT).book
    diff = compare(standard, standard)
    assert diff.empty and diff.is_standard
    assert "no differences" in edition_differences(diff)


def test_differences_list_every_change_of_the_example():
    diff = compare(load_edition(ROOT).book, load_edition(ROOT, EXAMPLE).book)
    changes = {(c.collection, c.key, c.change) for c in diff.records}
    assert changes == {
        ("adjacent_roles", "mg-youth-family-advocate", "added"),
        ("responsibilities", "shift-notes", "replaced"),
        ("responsibilities", "supply-inventory", "removed"),
        ("skills", "mg-family-contact", "added"),
        ("matrix", "mg-family-contact", "added"),
        ("paths", "mg-mht-2-to-family-advocate", "added"),
        ("tasks", "mg-school-walk", "added"),
        ("voices", "mg-cottage-evenings", "added"),
    }
    assert "text" in next(c for c in diff.records if c.key == "shift-notes").fields
    profile = {c.label: (c.standard, c.current) for c in diff.profile}
    assert profile["Medication role"] == (("Observe and report",), ("No medication tasks",))
    assert profile["Uses restraint or seclusion"][1] == ("No",)
    assert profile["State"] == (("Not set",), ("Oregon (OR)",))
    assert profile["Level title (bht-1)"] == (("BHT I",), ("MHT I",))
    assert profile["Note format"] == (("DAP",), ("BIRP",))
    html = edition_differences(diff)
    for text in ("Supply checks", "Removed", "Family contact", "Youth and Family Advocate", "MHT III", "No medication tasks"):
        assert text in html


def test_differences_list_what_the_scope_of_practice_hides(scoped):
    permissive, example = scoped
    diff = compare(permissive, example)  # same records, different scope
    assert not diff.records
    assert all(not c.shown for c in diff.scope)
    assert set(SCOPED_TEXTS) <= {c.label for c in diff.scope}
    reasons = {c.label: c.reason for c in diff.scope}
    assert reasons["Join the hold team (test record)"] == "Restraint and seclusion are not used"
    assert reasons["Watch for medicine side effects (test record)"] == "Medication role: No medication tasks"
    shown = compare(example, permissive)
    assert all(c.shown for c in shown.scope)
    assert {c.label for c in shown.scope} == {c.label for c in diff.scope}


def test_the_differences_renderer_escapes_everything():
    diff = EditionDiff(
        name="<b>Evil</b>",
        standard_name="S",
        is_standard=False,
        records=(RecordChange("skills", "x", "<script>alert(1)</script>", "added"),),
        profile=(ProfileChange("Handbook name", ("S",), ("<img src=x onerror=alert(1)>",)),),
        scope=(),
    )
    html = edition_differences(diff)
    assert "<script>" not in html and "<img" not in html and "<b>Evil" not in html
    assert "&lt;script&gt;" in html


def test_every_record_the_diff_compares_has_a_readable_label():
    """The differences page names records by title, name or what they are about, never by a bare id."""
    book = load_edition(ROOT).book
    for spec in collections.table():
        found = differences.records(book, spec.name)
        assert found, spec.name
        for key, record in found.items():
            text = differences.label(book, spec.name, record)
            readable = text != key or getattr(record, "term", None) == key  # a term such as "988" is its own name
            assert isinstance(text, str) and text.strip() and readable, (spec.name, key, text)


def test_differences_of_an_edition_with_its_own_ladder_list_the_maps_and_owners():
    sierra = ROOT / "examples" / "sierra-pines"
    current = load_edition(ROOT, sierra).book
    diff = compare(load_edition(ROOT).book, current)
    mapped = {(m.collection, m.key): m.mapped_to for m in diff.mapped}
    assert mapped[("levels", "bht-1")] == ("Psychiatric Technician Trainee", "Psychiatric Technician I")
    assert mapped[("levels", "lead-bht")] == ("Lead Psychiatric Technician",)
    profile = {c.label: (c.standard, c.current) for c in diff.profile}
    owners = profile["Roles that may own a page"][1]
    assert owners == current.facility.page_owners and all("(" not in owner for owner in owners)
    owner_map = profile["Upstream page owners, as this edition names them"]
    assert owner_map[0] == ("Not set",)
    assert owner_map[1] == tuple(f"{a} → {b}" for a, b in current.facility.page_owner_map.items())
    html = edition_differences(diff)
    assert "Standard records this edition replaces with its own" in html
    assert "maps 3 standard records to its own" in html
    assert "<code>bht-2</code>" in html and "Psychiatric Technician II" in html


def test_a_scoped_record_replaced_by_one_without_a_condition_is_listed_not_a_crash(tmp_path):
    """Regression: the reason for a record with no scope condition crashed the differences page."""
    standard = load_edition(ROOT).book
    record = next(r for r in standard.responsibilities if r.scope == "medication-assist")
    replacement = record.model_dump(exclude_none=True, by_alias=True)
    replacement.pop("scope")
    overlay = yaml.safe_dump({"responsibilities": {"replace": [replacement]}}, sort_keys=False)
    folder = facility_folder(tmp_path, {"zz-unscoped.yml": overlay})
    edition = load_edition(ROOT, folder).book
    diff = compare(standard, edition)
    change = next(c for c in diff.scope if c.key == record.id)
    assert change.shown and change.reason == "This edition's record has no scope condition"
    assert "This edition&#x27;s record has no scope condition" in edition_differences(diff)
