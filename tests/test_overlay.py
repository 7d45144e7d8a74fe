"""Facility overlays and profile: records change by id, and every mistake is reported at its own line."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import ROOT
from facility_helpers import EXAMPLE, edit_profile, facility_folder, line_of

from handbook.load.edition import FacilityFolder, facility_dir, load_edition
from handbook.load.loader import HandbookDataError, load_handbook
from handbook.load.yamlnodes import read_document
from handbook.model.records import AdjacentRole, Responsibility, Skill


def problems(folder) -> list[str]:
    with pytest.raises(HandbookDataError) as caught:
        load_edition(ROOT, folder)
    for problem in caught.value.problems:
        assert re.match(r"^\S+:\d+: \S+: \S", problem), f"not file:line: field: message: {problem}"
    return caught.value.problems


def test_the_example_facility_adds_replaces_and_removes_records():
    standard, book = load_edition(ROOT).book, load_edition(ROOT, EXAMPLE).book
    assert "supply-inventory" in standard.by_id(Responsibility)
    assert "supply-inventory" not in book.by_id(Responsibility)
    assert "mg-youth-family-advocate" in book.by_id(AdjacentRole)
    assert "mg-family-contact" in book.by_id(Skill) and book.expected("mg-family-contact", "lead-bht") == 3
    assert "BIRP" in book.by_id(Responsibility)["shift-notes"].text
    assert [t.id for t in book.phases[0].tasks][-1] == "mg-school-walk"
    # Records nobody touched are the very same records as in the standard edition.
    untouched = set(standard.by_id(Skill)) & set(book.by_id(Skill))
    assert untouched and all(standard.by_id(Skill)[i] == book.by_id(Skill)[i] for i in untouched)


def test_a_comment_only_overlay_changes_nothing(tmp_path):
    folder = facility_folder(tmp_path, {"notes.yml": "# Nothing here yet.\n"}, keep_overlays=False)
    assert load_edition(ROOT, folder).book.responsibilities == load_edition(ROOT).book.responsibilities


def test_removing_an_unknown_id_names_the_overlay_line_and_a_close_match(tmp_path):
    folder = facility_folder(tmp_path, {"x.yml": "responsibilities:\n  remove:\n    - shift-note\n"}, keep_overlays=False)
    assert problems(folder) == [
        f"{folder}/overlays/x.yml:3: responsibilities.remove[0]: "
        "no responsibility with id 'shift-note' to remove; did you mean 'shift-notes'?"
    ]


def test_replacing_an_unknown_id_is_an_error(tmp_path):
    text = (
        "skills:\n  replace:\n    - id: no-such-skill\n      name: X\n      kind: hard\n      summary: X.\n"
        "      levels: {1: a, 2: b, 3: c, 4: d}\n"
    )
    folder = facility_folder(tmp_path, {"x.yml": text}, keep_overlays=False)
    [problem] = problems(folder)
    assert problem.startswith(f"{folder}/overlays/x.yml:3: skills.replace[0].id: no skill with id 'no-such-skill' to replace")


def test_adding_an_id_that_exists_points_at_both_places(tmp_path):
    standard = load_edition(ROOT).book
    first = standard.responsibilities[0]
    text = (
        f"responsibilities:\n  add:\n    - id: {first.id}\n      category: primary\n      domain: {first.domain}\n"
        "      title: Again\n      text: Again.\n"
    )
    folder = facility_folder(tmp_path, {"x.yml": text}, keep_overlays=False)
    [problem] = problems(folder)
    data_line = line_of(ROOT / "data" / "responsibilities.yml", f"id: {first.id}")
    expected = f"{folder}/overlays/x.yml:3: responsibilities.add[0].id: a responsibility with id '{first.id}' already exists"
    assert problem.startswith(expected)
    assert f"(data/responsibilities.yml:{data_line})" in problem


def test_removing_twice_says_where_it_was_removed(tmp_path):
    folder = facility_folder(tmp_path, {"zz.yml": "responsibilities:\n  remove: [supply-inventory]\n"})
    [problem] = problems(folder)
    first = line_of(EXAMPLE / "overlays" / "work.yml", "remove: [supply-inventory]")
    assert problem.startswith(f"{folder}/overlays/zz.yml:2: responsibilities.remove[0]: no responsibility with id 'supply-inventory'")
    assert f"already removed at {folder}/overlays/work.yml:{first}" in problem


def test_a_task_for_an_unknown_phase_is_an_error(tmp_path):
    folder = facility_folder(tmp_path, {"x.yml": "tasks:\n  add:\n    - {phase: day-400, id: mg-x, text: Do it.}\n"}, keep_overlays=False)
    [problem] = problems(folder)
    assert problem.startswith(f"{folder}/overlays/x.yml:3: tasks.add[0].phase: unknown phase id 'day-400'")


def test_a_typo_in_an_overlay_record_is_reported_at_the_overlay_line(tmp_path):
    text = "terms:\n  add:\n    - id: mg-birp\n      term: BIRP note\n      defintion: A note format.\n"
    folder = facility_folder(tmp_path, {"x.yml": text}, keep_overlays=False)
    found = problems(folder)
    assert f"{folder}/overlays/x.yml:5: terms.add[0].defintion: unknown field 'defintion'; did you mean 'definition'?" in found
    assert f"{folder}/overlays/x.yml:3: terms.add[0].definition: missing required field 'definition'" in found


def test_an_unknown_collection_or_operation_is_an_error(tmp_path):
    folder = facility_folder(tmp_path, {"x.yml": "skils:\n  add: []\nskills:\n  delete: [empathy]\n"}, keep_overlays=False)
    found = problems(folder)
    assert any(p.startswith(f"{folder}/overlays/x.yml:1: skils: unknown field 'skils'; did you mean 'skills'?") for p in found)
    assert any(p.startswith(f"{folder}/overlays/x.yml:4: skills.delete: unknown field 'delete'") for p in found)


def test_a_cross_reference_in_an_added_record_is_checked_at_the_overlay_line(tmp_path):
    domain = load_edition(ROOT).book.domains[0].id
    text = (
        f"responsibilities:\n  add:\n    - id: mg-new\n      category: primary\n      domain: {domain}\n"
        "      title: New\n      text: New duty.\n      skills: [no-such-skill]\n"
    )
    folder = facility_folder(tmp_path, {"x.yml": text}, keep_overlays=False)
    [problem] = problems(folder)
    assert problem.startswith(f"{folder}/overlays/x.yml:8: responsibilities.add[0].skills[0]: unknown skill id 'no-such-skill'")


def test_using_a_removed_record_names_the_removal(tmp_path):
    skill = load_edition(ROOT).book.skills[0].id
    folder = facility_folder(tmp_path, {"x.yml": f"skills:\n  remove: [{skill}]\n"}, keep_overlays=False)
    found = problems(folder)
    matrix_line = line_of(ROOT / "data" / "matrix.yml", f"skill: {skill}")
    hint = f"'{skill}' was removed at {folder}/overlays/x.yml:2"
    assert any(p.startswith(f"data/matrix.yml:{matrix_line}: ") and hint in p for p in found), found


def test_removing_a_level_everything_uses_says_first_that_a_map_fixes_it_all(tmp_path):
    """Without the summary, removing one standard level buries its fix under dozens of lines."""
    book = load_edition(ROOT).book
    level = book.ordered_levels[-1]
    replacement = (
        f"levels:\n  remove: [{level.id}]\n  add:\n    - id: zz-top\n      title: Top\n"
        f"      rank: {level.rank}\n      summary: The top level.\n"
    )
    folder = facility_folder(tmp_path, {"x.yml": replacement}, keep_overlays=False)
    found = problems(folder)
    uses = sum(bool(re.search(rf": unknown [^:]*?id '{level.id}'", p)) for p in found)
    assert uses >= 3
    assert found[0] == (
        f"{folder}/overlays/x.yml:2: levels.remove: '{level.id}' is removed but still used in {uses} places below; "
        f"a `map:` entry in that overlay, such as map: {{{level.id}: [your-id]}}, points them all at your own ids"
    )
    mapped = replacement + f"  map:\n    {level.id}: [zz-top]\n"
    (folder / "overlays" / "x.yml").write_text(mapped, encoding="utf-8")
    assert "zz-top" in {lv.id for lv in load_edition(ROOT, folder).book.levels}


def test_mapping_two_levels_to_one_names_the_path_that_now_goes_nowhere(tmp_path):
    book = load_edition(ROOT).book
    low, high = book.ordered_levels[0], book.ordered_levels[1]
    path = next(p for p in book.paths if (p.from_role, p.to_role) == (low.id, high.id))
    overlay = (
        f"levels:\n  remove: [{low.id}, {high.id}]\n  add:\n    - id: zz-tech\n      title: Tech\n"
        f"      rank: {low.rank}\n      summary: Both first levels in one.\n"
        f"  map:\n    {low.id}: [zz-tech]\n    {high.id}: [zz-tech]\n"
    )
    folder = facility_folder(tmp_path, {"x.yml": overlay}, keep_overlays=False)
    found = [p for p in problems(folder) if "to itself" in p]
    assert len(found) == 1 and found[0].endswith(
        f"a path cannot lead from 'zz-tech' to itself; the overlay's map puts '{low.id}' and '{high.id}' "
        f"on the same level, so remove this path in an overlay (paths: remove: [{path.id}])"
    ), found


def test_base_records_keep_their_own_lines_after_an_earlier_one_is_removed(tmp_path):
    """Removing record 0 shifts the others; an error in the last one still names its real line."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    path = tmp_path / "data" / "responsibilities.yml"
    text = path.read_text(encoding="utf-8")
    document = read_document(text)
    last = len(document.value["responsibilities"]) - 1
    line = document.lines[("responsibilities", last, "domain")]
    lines = text.splitlines()
    lines[line - 1] = re.sub(r"domain: [a-z0-9-]+", "domain: no-such-domain", lines[line - 1])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    first = document.value["responsibilities"][0]["id"]
    overlay = tmp_path / "remove.yml"
    overlay.write_text(f"responsibilities:\n  remove: [{first}]\n", encoding="utf-8")
    with pytest.raises(HandbookDataError) as caught:
        load_handbook(tmp_path / "data", overlays=[overlay], root=tmp_path)
    expected = f"data/responsibilities.yml:{line}: responsibilities[{last}].domain: unknown domain id 'no-such-domain'"
    assert caught.value.problems[0].startswith(expected)


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        (
            "medication_role: none",
            "medication_role: prescribe",
            "scope.medication_role",
            "Input should be 'none', 'observe-report', 'assist' or 'administer' (found 'prescribe')",
        ),
        (
            'primary: "#2e5d34"',
            "primary: green",
            "colors.primary",
            "expected a color written as # and six hex digits, like #00695c (found 'green')",
        ),
        ("state: OR", "state: ZZ", "state", "'ZZ' is not a US state or territory code"),
        ("note_format: BIRP", "note_format: narrative", "scope.note_format", "Input should be 'DAP', 'SOAP' or 'BIRP' (found 'narrative')"),
        ("accreditor: carf", "accreditor: jcaho", "accreditor", "Input should be 'joint-commission', 'carf' or 'none' (found 'jcaho')"),
        (
            "restraint: {used: false}",
            "restraint: {used: false, bht_participates: true}",
            "scope.restraint.bht_participates",
            "technicians cannot take part in holds a facility never uses",
        ),
        (
            "observation_levels: [routine, q15, line-of-sight, one-to-one]",
            "observation_levels: [q15, q5]",
            "scope.observation_levels[1]",
            "id 'q5'; known ids:",
        ),
        ("  bht-1: MHT I", "  bht-9: MHT I", "level_titles.bht-9", "unknown level id 'bht-9'"),
        ("logo: logo.svg", "logo: missing.svg", "logo", "logo file 'missing.svg' not found next to the profile"),
        ("logo: logo.svg", "logo: ../../secret.svg", "logo", "the logo must be inside the profile's folder"),
    ],
)
def test_a_broken_profile_names_file_line_and_field(tmp_path, old, new, field, message):
    folder = facility_folder(tmp_path)
    edit_profile(folder, old, new)
    line = line_of(folder / "profile.yml", new.strip())
    found = problems(folder)
    assert any(p.startswith(f"{folder}/profile.yml:{line}: {field}: ") and message in p for p in found), found


def test_profile_and_overlay_problems_are_reported_together(tmp_path):
    folder = facility_folder(tmp_path, {"x.yml": "responsibilities:\n  remove: [no-such-thing]\n  replace: 3\n"})
    edit_profile(folder, "medication_role: none", "medication_role: sometimes")
    found = problems(folder)
    assert any(p.startswith(f"{folder}/profile.yml:") and "scope.medication_role" in p for p in found)
    assert any(p.startswith(f"{folder}/overlays/x.yml:3: responsibilities.replace: ") for p in found)


def test_facility_folder_is_chosen_by_env_or_by_presence(tmp_path, monkeypatch):
    monkeypatch.delenv("BHT_FACILITY", raising=False)
    assert facility_dir(tmp_path) is None
    (tmp_path / "facility").mkdir()
    assert facility_dir(tmp_path) is None  # an empty folder is not a facility
    (tmp_path / "facility" / "profile.yml").write_text("x: 1\n")
    assert facility_dir(tmp_path) == tmp_path / "facility"
    monkeypatch.setenv("BHT_FACILITY", "none")
    assert facility_dir(tmp_path) is None
    monkeypatch.setenv("BHT_FACILITY", "examples/maple-grove")
    assert facility_dir(tmp_path) == tmp_path / "examples" / "maple-grove"


def test_facility_folder_lists_overlays_in_name_order_and_pages_index_first(tmp_path):
    folder = facility_folder(tmp_path, {"a.yaml": "# a\n", "zz.yml": "# z\n"})
    (folder / "overlays" / "README.md").write_text("not an overlay")
    (folder / "docs" / "aaa.md").write_text("# A\n")
    layout = FacilityFolder(folder)
    assert [p.name for p in layout.overlays] == ["a.yaml", "people.yml", "work.yml", "zz.yml"]
    assert [layout.page_uri(p) for p in layout.pages] == ["your-facility/index.md", "your-facility/aaa.md"]


def test_every_pattern_in_the_models_has_plain_words():
    from handbook.load.locate import PATTERN_WORDS
    from handbook.load.overlay import overlay_model
    from handbook.model.handbook import Handbook

    def patterns(node):
        if isinstance(node, dict):
            yield from ([node["pattern"]] if isinstance(node.get("pattern"), str) else [])
            for value in node.values():
                yield from patterns(value)
        elif isinstance(node, list):
            for value in node:
                yield from patterns(value)

    used = {p for model in (Handbook, overlay_model()) for p in patterns(model.model_json_schema())}
    assert used == set(PATTERN_WORDS)


def test_role_scale_and_checklist_items_can_be_replaced_or_removed(tmp_path):
    standard = load_edition(ROOT).book
    task = next(t for p in standard.phases for t in p.tasks)
    competency = next(c for p in standard.phases for c in p.competencies)
    text = f"""\
role:
  replace:
    title: Mental Health Technician
    short: MHT
    definition: A staff member who supports young people in treatment every day.
scale:
  replace:
    - {{level: 4, name: Teaches others, summary: Shows newer staff how.}}
tasks:
  remove: [{task.id}]
competencies:
  replace:
    - id: {competency.id}
      text: Shows the skill to a Maple Grove validator.
      methods: [observation]
"""
    book = load_edition(ROOT, facility_folder(tmp_path, {"zz.yml": text})).book
    assert book.role.title == "Mental Health Technician"
    assert {e.level: e.name for e in book.scale}[4] == "Teaches others"
    assert task.id not in {t.id for p in book.phases for t in p.tasks}
    phase_of = {c.id: p.id for p in book.phases for c in p.competencies}
    assert phase_of[competency.id] == next(p.id for p in standard.phases if competency in p.competencies)  # stays in its phase
    replaced = next(c for p in book.phases for c in p.competencies if c.id == competency.id)
    assert replaced.text == "Shows the skill to a Maple Grove validator."


def test_an_error_in_a_replaced_checklist_item_points_at_the_overlay(tmp_path):
    competency = next(c for p in load_edition(ROOT).book.phases for c in p.competencies)
    text = (
        f"competencies:\n  replace:\n    - id: {competency.id}\n      text: Does it.\n      methods: [observation]\n      skills: [nope]\n"
    )
    [problem] = problems(facility_folder(tmp_path, {"zz.yml": text}))
    assert problem.startswith(f"{tmp_path}/facility/overlays/zz.yml:6: competencies.replace[0].skills[0]: unknown skill id 'nope'")
