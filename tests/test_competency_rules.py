"""Competency data that agrees with itself: safety before solo work, gates from the matrix,
facts stated once, and practice drills that follow the profile."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import ROOT, copy_project, standard_edition
from tinybook import build, tiny_data

from handbook.derive.export import DATASETS, to_csv
from handbook.load import rules
from handbook.load.loader import HandbookDataError, load_handbook
from handbook.model.records import CareerPath, Fact, Skill

SAFETY_SKILLS = ("observation-reporting", "documentation", "crisis-deescalation", "suicide-risk", "restraint-protocols")


def test_the_rule_fails_on_the_matrix_as_it_was_and_passes_on_the_fixed_data(tmp_path):
    """Before this change the entry level expected 'does with support' (2) in five safety skills,
    yet worked shifts alone after onboarding: the rule names each of them at its own line."""
    data = copy_project(tmp_path / "project") / "data"
    matrix = data / "matrix.yml"
    text = matrix.read_text(encoding="utf-8")
    for skill in SAFETY_SKILLS:
        text, count = re.subn(rf"(\{{skill: {skill}, expected: \{{bht-1: )3", r"\g<1>2", text)
        assert count == 1, skill
    matrix.write_text(text, encoding="utf-8")
    with pytest.raises(HandbookDataError) as refused:
        load_handbook(data)
    lines = text.splitlines()
    expected = []
    for skill in SAFETY_SKILLS:
        line = next(n for n, row in enumerate(lines, start=1) if f"{{skill: {skill}," in row)
        row = next(i for i, entry in enumerate(yaml.safe_load(text)["matrix"]) if entry["skill"] == skill)
        expected.append(f"data/matrix.yml:{line}: matrix[{row}].expected.bht-1: ")
    assert [p[: p.index(": ", p.index("expected.bht-1")) + 2] for p in refused.value.problems] == expected
    assert all("works a shift alone, so it needs at least 3 (does on own); found 2" in p for p in refused.value.problems)
    assert standard_edition().book  # the fixed data loads


def test_a_level_that_never_works_alone_may_expect_less():
    data = tiny_data()
    data["skills"][0]["safety_critical"] = True
    data["matrix"][0]["expected"] = {"t1": 2, "t2": 3}
    found = list(rules.safety_before_solo_work(build(data)))
    assert [(c, loc) for c, loc, _ in found] == [("matrix", (0, "expected", "t1"))]
    next(level for level in data["levels"] if level["id"] == "t1")["works_alone"] = False
    assert list(rules.safety_before_solo_work(build(data))) == []


def test_a_safety_skill_must_be_signed_off_before_the_first_phase_worked_alone():
    data = tiny_data()
    skill = next(s for s in data["skills"] if s["id"] == "observe")
    skill["safety_critical"] = True
    for row in data["matrix"]:
        if row["skill"] == "observe":
            row["expected"] = {key: max(value, 3) for key, value in row["expected"].items()}
    assert list(rules.safety_before_solo_work(build(data))) == []  # signed off in week-1, solo after the plan
    data["phases"][1]["works_alone"] = True  # now week-1 is worked alone: day-1 must sign it off
    found = list(rules.safety_before_solo_work(build(data)))
    position = data["skills"].index(skill)
    assert found == [
        (
            "skills",
            (position, "safety_critical"),
            f"{skill['name']!r} is safety-critical, but no competency signs it off before phase 'week-1', the first one worked "
            "alone; add one to data/onboarding.yml",
        )
    ]


def test_holds_count_only_where_technicians_take_part():
    data = tiny_data()
    meds = next(s for s in data["skills"] if s["id"] == "meds")
    meds.update(safety_critical=True, scope="restraint")
    data["facility"]["scope"]["restraint"] = {"used": True, "bht_participates": False}
    assert list(rules.safety_before_solo_work(build(data))) == []


def test_gates_between_levels_come_from_the_matrix_and_are_never_typed():
    book = standard_edition().book
    path = next(p for p in book.paths if p.from_role == book.ordered_levels[0].id and p.to_role == book.ordered_levels[1].id)
    assert path.requirements.skill_gates == ()
    gates = {g.skill: g.level for g in book.skill_gates(path)}
    lower, higher = book.ordered_levels[0].id, book.ordered_levels[1].id
    expected = {
        r.skill: r.expected[higher]
        for r in book.matrix
        if r.expected[higher] > r.expected[lower] and book.applies(book.by_id(Skill)[r.skill].scope)
    }
    assert gates == expected and gates
    outside = next(p for p in book.paths if p.to_role not in {lv.id for lv in book.levels} and p.requirements.skill_gates)
    assert book.skill_gates(outside) == outside.requirements.skill_gates


def test_a_typed_gate_between_levels_is_an_error():
    data = tiny_data()
    step = next(p for p in data["paths"] if p["from"] == "t1" and p["to"] == "t2")
    step["requirements"]["skill_gates"] = [{"skill": "write", "level": 3}]
    found = list(rules.career_paths(build(data)))
    assert [(c, loc) for c, loc, _ in found] == [("paths", (data["paths"].index(step), "requirements", "skill_gates"))]


def test_the_exported_paths_carry_the_derived_gates():
    book = standard_edition().book
    paths = next(d for d in DATASETS if d.name == "paths")
    step = next(p for p in book.paths if p.from_role == book.ordered_levels[0].id and p.to_role == book.ordered_levels[1].id)
    row = next(r for r in paths.rows(book) if r["id"] == step.id)
    assert row["skill_gates"] == [f"{g.skill}>={g.level}" for g in book.skill_gates(step)]
    assert isinstance(book.by_id(CareerPath)[step.id], CareerPath)


def test_each_fact_is_stated_once_and_shown_everywhere_the_same():
    book = standard_edition().book
    for fact in book.facts:
        pages = [p for p in (ROOT / "docs").rglob("*.md") if f'fact("{fact.id}")' in p.read_text(encoding="utf-8")]
        data = [p for p in (ROOT / "data").glob("*.yml") if f"{{fact:{fact.id}}}" in p.read_text(encoding="utf-8")]
        assert len(pages) + len(data) >= 2, f"{fact.id} is used in only one place: it need not be a fact"
    resolved = book.by_id(Fact)["who-sets-observation"].text
    one_to_one = next(level for level in book.observation_levels if level.id == "one-to-one")
    assert resolved in one_to_one.summary and "{fact:" not in one_to_one.summary


def test_drills_follow_the_profile_and_export_as_a_dataset():
    book = standard_edition().book
    drills = next(d for d in DATASETS if d.name == "drills")
    rows = drills.rows(book)
    assert len(rows) >= 20 and {r["id"] for r in rows} <= {s.id for s in book.scenarios}
    assert all(book.applies(s.scope) for s in book.scenarios if s.id in {r["id"] for r in rows})
    assert to_csv(drills, book).decode().splitlines()[0] == ",".join(name for name, _ in drills.columns)
