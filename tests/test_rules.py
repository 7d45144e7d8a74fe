"""Each cross-reference rule, on the tiny handbook: exact (collection, location, message)."""

from __future__ import annotations

from datetime import date

import pytest
from tinybook import build, tiny_data

from handbook.load import rules
from handbook.load.layout import SiteLayout
from handbook.model import collections
from handbook.model.handbook import Handbook

TODAY = date(2026, 12, 1)


def problems(rule, change) -> list[tuple]:
    data = tiny_data()
    change(data)
    return list(rule(build(data)))


def test_the_tiny_handbook_has_no_problems():
    assert rules.check(build(), TODAY) == []


def test_check_runs_every_rule_in_the_module():
    defined = [
        value
        for name, value in vars(rules).items()
        if callable(value) and getattr(value, "__module__", "") == rules.__name__ and not name.startswith("_")
    ]
    # page_links needs the page list; future_dates needs today; references is the generic walk
    # they need the site's layout or today's date, so the loader runs them itself
    assert set(defined) - {rules.check, rules.page_links, rules.page_changes, rules.future_dates} == set(rules.RULES)


def test_the_collection_table_holds_every_field_of_the_handbook():
    assert {c.name for c in collections.table() if not c.parent} == set(Handbook.model_fields) - {"facility", "id_maps"}


@pytest.mark.parametrize("spec", [c for c in collections.table() if c.key == "id" and not c.parent], ids=lambda c: c.name)
def test_every_collection_with_ids_is_checked_for_duplicates(spec):
    data, name = tiny_data(), spec.name
    assert data[name], f"the tiny handbook needs a record in {name}"
    data[name].append({**data[name][0], **{child: [] for child in spec.children}})
    last = len(data[name]) - 1
    found = [(c, loc) for c, loc, _ in rules.duplicate_ids(build(data))]
    assert found == [(name, (0, "id")), (name, (last, "id"))]


def test_check_collects_problems_from_every_rule_at_once():
    def change(d):
        d["skills"].append(dict(d["skills"][0]))
        d["voices"][0]["setting"] = "mars"
        d["facility"]["settings"] = ["moon"]

    found = rules.check(build(_changed(change)), TODAY)
    assert [(c, loc) for c, loc, _ in found] == [
        ("skills", (0, "id")),
        ("skills", (4, "id")),
        ("facility", ("settings", 0)),
        ("voices", (0, "setting")),
    ]


def _changed(change) -> dict:
    data = tiny_data()
    change(data)
    return data


# --- duplicate ids ---------------------------------------------------------------


def test_duplicate_ids_are_reported_at_every_copy():
    def change(d):
        d["domains"].append({"id": "safety", "name": "Again", "summary": "Twice."})

    assert problems(rules.duplicate_ids, change) == [
        ("domains", (0, "id"), "duplicate id 'safety' (used 2 times)"),
        ("domains", (2, "id"), "duplicate id 'safety' (used 2 times)"),
    ]


def test_two_levels_cannot_share_a_rank():
    def change(d):
        d["levels"][1]["rank"] = d["levels"][0]["rank"]

    found = problems(rules.level_ranks, change)
    assert found == [
        (
            "levels",
            (1, "rank"),
            f"rank {tiny_data()['levels'][0]['rank']} is already used by level {tiny_data()['levels'][0]['id']!r}; ranks must differ",
        )
    ]


def test_task_and_competency_ids_are_unique_across_phases():
    def change(d):
        d["phases"][1]["tasks"] = [{"id": "tour", "text": "Again."}]
        d["phases"][1]["competencies"][0]["id"] = "codes"

    assert problems(rules.duplicate_ids, change) == [
        ("phases", (1, "tasks", 0, "id"), "duplicate id 'tour'; already used in phase 'day-1'"),
        ("phases", (1, "competencies", 0, "id"), "duplicate id 'codes'; already used in phase 'day-1'"),
    ]


# --- references ------------------------------------------------------------------


def test_responsibility_references_must_exist():
    def change(d):
        d["responsibilities"][0].update(domain="kitchen", skills=["write", "cook"], levels=["t9"])

    assert problems(rules.references, change) == [
        ("responsibilities", (0, "domain"), "unknown domain id 'kitchen'; known ids: records, safety"),
        ("responsibilities", (0, "skills", 1), "unknown skill id 'cook'; known ids: calm, meds, observe, write"),
        ("responsibilities", (0, "levels", 0), "unknown level id 't9'; known ids: t1, t2"),
    ]


def test_certification_and_labor_references_must_exist():
    def change(d):
        d["certifications"][0].update(levels={"t1": "required", "t9": "preferred"}, source="nowhere")
        d["labor"][1]["source"] = "elsewhere"

    assert problems(rules.references, change) == [
        ("certifications", (0, "levels", "t9"), "unknown level id 't9'; known ids: t1, t2"),
        ("certifications", (0, "source"), "unknown source id 'nowhere'; known ids: src-a, src-b"),
        ("labor", (1, "source"), "unknown source id 'elsewhere'; known ids: src-a, src-b"),
    ]


def test_practice_references_and_consent():
    def change(d):
        d["interventions"][0]["skills"] = ["juggle"]
        d["voices"][0]["setting"] = "mars"
        d["voices"][1]["consent_on_file"] = False

    assert problems(rules.references, change) == [
        ("interventions", (0, "skills", 0), "unknown skill id 'juggle'; known ids: calm, meds, observe, write"),
        ("voices", (0, "setting"), "unknown work setting id 'mars'; known ids: inpatient, school"),
    ]
    assert problems(rules.practice, change) == [
        ("voices", (1, "fictional"), "a real account needs consent_on_file: true; otherwise mark it fictional"),
    ]


def test_facility_references_must_exist():
    def change(d):
        f = d["facility"]
        f.update(
            settings=["inpatient", "moon"], level_titles={"t9": "MHT IX"}, pay_bands=[{"level": "t7", "hourly_min": 18, "hourly_max": 20}]
        )
        f["scope"].update(
            observation_levels=["q15", "q5"],
            deescalation_program="karate",
            suicide_screening_tool="guess",
            refreshers={"cpr": 12, "yoga": 6},
        )

    assert problems(rules.references, change) == [
        ("facility", ("settings", 1), "unknown work setting id 'moon'; known ids: inpatient, school"),
        ("facility", ("level_titles", "t9"), "unknown level id 't9'; known ids: t1, t2"),
        ("facility", ("scope", "observation_levels", 1), "unknown observation level id 'q5'; known ids: one-to-one, q15, routine"),
        ("facility", ("scope", "deescalation_program"), "unknown certification id 'karate'; known ids: cpr, deesc, degree"),
        ("facility", ("scope", "suicide_screening_tool"), "unknown glossary term id 'guess'; known ids: bht, c-ssrs, milieu"),
        ("facility", ("scope", "refreshers", "yoga"), "unknown certification id 'yoga'; known ids: cpr, deesc, degree"),
        ("facility", ("pay_bands", 0, "level"), "unknown level id 't7'; known ids: t1, t2"),
    ]


# --- scale, skills and matrix ----------------------------------------------------


def test_scale_needs_each_level_once_and_skills_need_four_descriptors():
    def change(d):
        d["scale"][4]["level"] = 3
        del d["skills"][1]["levels"][2]

    assert problems(rules.scale_and_skills, change) == [
        ("scale", (), "the proficiency scale needs levels 0, 1, 2, 3 and 4 once each; found [0, 1, 2, 3, 3]"),
        ("skills", (1, "levels"), "needs a descriptor for levels 1 to 4; missing [2]"),
    ]


@pytest.mark.parametrize(
    "row, expected",
    [
        ({"skill": "dance", "expected": {"t1": 1, "t2": 2}}, []),  # the unknown id itself: rules.references
        (
            {"skill": "calm", "expected": {"t1": 2, "t2": 2}},
            [
                ((2, "skill"), "skill 'calm' appears 2 times; give it one row"),
                ((4, "skill"), "skill 'calm' appears 2 times; give it one row"),
            ],
        ),
        ({"skill": "extra", "expected": {"t1": 1, "t2": 2, "t3": 3}}, []),  # t3 itself: rules.references
        ({"skill": "extra", "expected": {"t2": 2}}, [((4, "expected"), "no expected proficiency for level(s) t1")]),
        (
            {"skill": "extra", "expected": {"t1": 3, "t2": 2}},
            [
                (
                    (4, "expected"),
                    "a higher level expects less than a lower one ({'t1': 3, 't2': 2}); expectations must not drop as levels rise",
                )
            ],
        ),
    ],
    ids=["unknown-skill", "two-rows", "unknown-level", "missing-level", "drops"],
)
def test_matrix_rows(row, expected):
    def change(d):
        d["skills"].append({**d["skills"][2], "id": "extra"})
        d["matrix"].append(row)

    extra_without_row = row["skill"] != "extra"
    found = problems(rules.matrix, change)
    wanted = [("matrix", loc, message) for loc, message in expected]
    if extra_without_row:
        wanted.append(("skills", (4, "id"), "skill 'extra' has no row in data/matrix.yml"))
    assert found == wanted


def test_matrix_order_follows_rank_not_list_order():
    """The tiny book lists t2 before t1; 'expectations must not drop' compares by rank."""
    assert problems(rules.matrix, lambda d: None) == []


# --- career paths ----------------------------------------------------------------


def path(from_role: str, to_role: str, kind: str, **requirements) -> dict:
    return {"id": "p-test", "from": from_role, "to": to_role, "kind": kind, "summary": "Test.", "requirements": requirements}


@pytest.mark.parametrize(
    "new, expected",
    [
        (path("t1", "t1", "advancement"), [((4, "to"), "a path cannot lead from 't1' to itself")]),
        (
            path("t2", "t1", "advancement"),
            [((4, "to"), "advancement must lead to a higher level: 't1' (rank 1) is not above 't2' (rank 2)")],
        ),
        (path("t1", "t2", "entry"), [((4, "kind"), "an entry path must lead from an outside role into a technician level")]),
        (path("aide", "nurse", "entry"), [((4, "kind"), "an entry path must lead from an outside role into a technician level")]),
        (path("aide", "t2", "lateral"), [((4, "from"), "a lateral path must start from a technician level, not 'aide'")]),
        (path("nurse", "aide", "advancement"), [((4, "from"), "an advancement path must start from a technician level, not 'nurse'")]),
        (path("ghost", "t1", "entry"), []),  # unknown ids are rules.references' to report
        (path("aide", "ghost", "entry"), []),
        (path("t2", "nurse", "advancement"), []),
        (path("t2", "aide", "lateral"), []),
    ],
    ids=[
        "self-loop",
        "downward",
        "entry-from-level",
        "entry-into-non-level",
        "lateral-from-non-level",
        "advancement-from-non-level",
        "unknown-from",
        "unknown-to",
        "up-to-another-role",
        "across",
    ],
)
def test_career_paths(new, expected):
    found = problems(rules.career_paths, lambda d: d["paths"].append(new))
    assert found == [("paths", loc, message) for loc, message in expected]


def test_advancement_between_levels_of_equal_rank_is_refused():
    def change(d):
        d["levels"].append({"id": "t1b", "title": "Tech I-B", "rank": 1, "summary": "Same rank."})
        d["paths"].append(path("t1", "t1b", "advancement"))
        for row in d["matrix"]:
            row["expected"]["t1b"] = row["expected"]["t1"]

    assert problems(rules.career_paths, change) == [
        ("paths", (4, "to"), "advancement must lead to a higher level: 't1b' (rank 1) is not above 't1' (rank 1)"),
    ]


# --- onboarding and glossary -----------------------------------------------------


def test_onboarding_phases():
    def change(d):
        d["phases"][1].update(day_start=9, day_end=8)
        d["phases"].append(
            {
                "id": "late",
                "title": "Late",
                "day_start": 5,
                "day_end": 6,
                "before_patient_contact": True,
                "goal": "Out of order.",
                "competencies": [{"id": "c-late", "text": "X.", "methods": ["verbal"], "skills": ["sing"]}],
            }
        )

    assert problems(rules.onboarding, change) == [
        ("phases", (1, "day_end"), "day_end 8 is before day_start 9"),
        ("phases", (2, "day_start"), "phases must be in time order: day 5 starts before the previous phase ends (day 8)"),
        ("phases", (2, "before_patient_contact"), "a phase before patient contact cannot follow one with patient contact"),
    ]


def test_the_first_phase_covers_safety_before_patient_contact():
    found = problems(rules.onboarding, lambda d: d["phases"][0].update(before_patient_contact=False))
    assert found == [("phases", (0, "before_patient_contact"), "the first phase must cover safety before any patient contact")]


def test_a_term_or_alias_belongs_to_one_glossary_entry():
    def change(d):
        d["terms"][0]["aliases"] = ["MHT", "bht"]  # its own term in another case: fine
        d["terms"][1]["aliases"] = ["mht"]
        d["terms"].append({"id": "milieu-2", "term": "Milieu", "definition": "Again."})

    assert problems(rules.glossary, change) == [
        ("terms", (1, "aliases", 0), "'mht' is already defined by term 'bht'"),
        ("terms", (3, "term"), "'Milieu' is already defined by term 'milieu'"),
    ]


def test_glossary_see_pages_must_be_pages_the_site_has():
    def change(d):
        d["terms"][0]["see"] = ["safety/medication.md", "safety/nope.md"]

    pages = SiteLayout.from_uris(frozenset({"safety/medication.md", "safety/environment.md"}))
    found = problems(lambda book: rules.page_links(book, pages), change)
    assert found == [
        ("terms", (0, "see", 1), "docs/safety/nope.md does not exist"),
        ("scenarios", (1, "pages", 0), "docs/safety/holds.md does not exist"),
    ]


@pytest.mark.parametrize(
    "new, expected",
    [
        (path("ghost", "t1", "entry"), [((4, "from"), "unknown role id 'ghost'; known ids: aide, nurse, t1, t2")]),
        (path("aide", "ghost", "entry"), [((4, "to"), "unknown role id 'ghost'; known ids: aide, nurse, t1, t2")]),
        (
            path("t1", "t2", "advancement", certifications=["cpr", "pilot"], skill_gates=[{"skill": "fly", "level": 2}]),
            [
                ((4, "requirements", "certifications", 1), "unknown certification id 'pilot'; known ids: cpr, deesc, degree"),
                ((4, "requirements", "skill_gates", 0, "skill"), "unknown skill id 'fly'; known ids: calm, meds, observe, write"),
            ],
        ),
    ],
    ids=["unknown-from", "unknown-to", "unknown-requirements"],
)
def test_career_path_references_must_exist(new, expected):
    found = problems(rules.references, lambda d: d["paths"].append(new))
    assert found == [("paths", loc, message) for loc, message in expected]


def test_matrix_and_onboarding_references_must_exist():
    def change(d):
        d["matrix"][0]["expected"]["t3"] = 3
        d["matrix"][1]["skill"] = "dance"
        d["phases"][0]["competencies"][0]["skills"] = ["sing"]

    assert problems(rules.references, change) == [
        ("matrix", (0, "expected", "t3"), "unknown level id 't3'; known ids: t1, t2"),
        ("matrix", (1, "skill"), "unknown skill id 'dance'; known ids: calm, meds, observe, write"),
        ("phases", (0, "competencies", 0, "skills", 0), "unknown skill id 'sing'; known ids: calm, meds, observe, write"),
    ]


def test_dates_that_are_facts_cannot_lie_in_the_future():
    def change(d):
        d["sources"][0]["retrieved"] = "2026-12-03"  # two days ahead: past the one day of slack
        d["sources"][1]["retrieved"] = "2026-12-02"  # tomorrow: a reviewer a time zone ahead
        d["sources"][1]["effective"] = "Rule in force from 2027-01-01"
        d["labor"][0]["year"] = 2027

    found = list(rules.future_dates(build(_changed(change)), TODAY))
    assert found == [
        ("sources", (0, "retrieved"), "2026-12-03 is in the future (today is 2026-12-01); give the day you checked it"),
        ("sources", (1, "effective"), "2027-01-01 is in the future (today is 2026-12-01); effective names the period the facts describe"),
        ("labor", (0, "year"), "2027 is in the future (today is 2026-12-01); give the year the figures describe"),
    ]
