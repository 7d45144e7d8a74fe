"""A tiny, complete handbook built in code, for renderer and rule tests (never from data/).

``tiny_data()`` returns fresh plain data; change it, then ``build(data)``. The levels
are listed out of rank order on purpose, and the responsibilities out of domain order.
"""

from __future__ import annotations

import copy
from datetime import date

from handbook.model.handbook import Handbook
from handbook.render import career as render_career
from handbook.render import onboarding as render_onboarding
from handbook.render import reference as render_reference
from handbook.render import roles as render_roles
from handbook.render import scenarios as render_scenarios
from handbook.render import skills as render_skills

LEVELS = [
    {"id": "t2", "title": "Tech II", "rank": 2, "summary": "Works alone."},
    {"id": "t1", "title": "Tech I", "rank": 1, "summary": "New."},
]


def _skill(skill_id: str, name: str, kind: str, scope: str | None = None) -> dict:
    levels = {n: f"{name} at {n}." for n in range(1, 5)}
    return {"id": skill_id, "name": name, "kind": kind, "summary": f"About {name.lower()}.", "levels": levels, "scope": scope}


_DATA = {
    "role": {"title": "Behavioral Health Technician", "short": "BHT", "definition": "Supports people.", "aliases": ["MHT", "Psych tech"]},
    "sources": [
        {
            "id": "src-a",
            "publisher": "Pub A",
            "title": "Title A",
            "url": "https://example.org/a",
            "retrieved": date(2025, 1, 2),
            "effective": "May 2024",
        },
        {
            "id": "src-b",
            "publisher": "Pub B",
            "title": "Title B",
            "url": "https://example.org/b",
            "retrieved": date(2025, 3, 4),
            "note": "A note.",
        },
    ],
    "labor": [
        {
            "id": "fig-a",
            "soc": "29-2053",
            "occupation": "Psych techs",
            "median_annual": 42200,
            "median_hourly": 20.29,
            "outlook_percent": 3.5,
            "outlook_period": "2024-34",
            "year": 2024,
            "source": "src-a",
        },
        {
            "id": "fig-b",
            "soc": "31-1133",
            "occupation": "Psych aides",
            "median_annual": 38000,
            "median_hourly": 18.5,
            "year": 2023,
            "source": "src-b",
        },
    ],
    "levels": LEVELS,
    "adjacent_roles": [
        {
            "id": "nurse",
            "title": "Nurse",
            "summary": "Leads care.",
            "education": "Nursing degree",
            "licensure": "State license",
            "focus": "Medical care",
        },
        {"id": "aide", "title": "Aide", "summary": "Helps."},
    ],
    "domains": [
        {"id": "safety", "name": "Safety", "summary": "Keep safe."},
        {"id": "records", "name": "Records", "summary": "Write it down."},
    ],
    "responsibilities": [
        {
            "id": "r-notes",
            "category": "primary",
            "domain": "records",
            "title": "Notes",
            "text": "Write notes.",
            "skills": ["write"],
            "levels": ["t2"],
        },
        {
            "id": "r-rounds",
            "category": "primary",
            "domain": "safety",
            "title": "Rounds",
            "text": "Do rounds.",
            "skills": ["observe", "calm"],
        },
        {
            "id": "r-hold",
            "category": "secondary",
            "domain": "safety",
            "title": "Holds",
            "text": "Help with holds.",
            "levels": ["t1", "t2"],
            "scope": "restraint",
        },
        {
            "id": "r-meds",
            "category": "secondary",
            "domain": "records",
            "title": "Meds",
            "text": "Help with meds.",
            "scope": "medication-assist",
        },
    ],
    "scale": [
        {"level": 0, "name": "None", "summary": "Not yet."},
        {"level": 1, "name": "Aware", "summary": "Knows it."},
        {"level": 2, "name": "Helped", "summary": "With help."},
        {"level": 3, "name": "Alone", "summary": "On own."},
        {"level": 4, "name": "Teaches", "summary": "Coaches."},
    ],
    "skills": [
        _skill("observe", "Observe", "hard"),
        _skill("write", "Write", "hard"),
        _skill("calm", "Calm", "soft"),
        _skill("meds", "Meds", "hard", "medication-assist"),
    ],
    "matrix": [
        {"skill": "observe", "expected": {"t1": 2, "t2": 3}},
        {"skill": "write", "expected": {"t1": 1, "t2": 3}},
        {"skill": "calm", "expected": {"t1": 2, "t2": 2}},
        {"skill": "meds", "expected": {"t1": 0, "t2": 1}},
    ],
    "paths": [
        {
            "id": "aide-t1",
            "from": "aide",
            "to": "t1",
            "kind": "entry",
            "summary": "Care carries over.",
            "requirements": {"education": ["Diploma"], "certifications": ["cpr"]},
        },
        {
            "id": "t1-t2",
            "from": "t1",
            "to": "t2",
            "kind": "advancement",
            "summary": "Steady work.",
            "requirements": {"experience_months": 12, "notes": "Ask."},
        },
        {
            "id": "t2-nurse",
            "from": "t2",
            "to": "nurse",
            "kind": "advancement",
            "summary": "School.",
            "requirements": {"experience_months": 18},
        },
        {"id": "t1-aide", "from": "t1", "to": "aide", "kind": "lateral", "summary": "Other work."},
    ],
    "certifications": [
        {
            "id": "cpr",
            "name": "CPR",
            "kind": "certification",
            "issuer": "Heart group",
            "summary": "Life support.",
            "validity_months": 24,
            "renewal_rule": "issuer",
            "levels": {"t1": "required", "t2": "required"},
            "source": "src-a",
        },
        {
            "id": "deesc",
            "name": "De-escalation",
            "short": "DE",
            "kind": "training",
            "issuer": "Trainer",
            "summary": "Calm talk.",
            "validity_months": 12,
            "renewal_rule": "facility",
            "varies_by_state": True,
            "levels": {"t1": "required"},
        },
        {
            "id": "degree",
            "name": "Degree",
            "kind": "education",
            "issuer": "College",
            "summary": "School.",
            "renewal_rule": "none",
            "levels": {"t2": "preferred"},
        },
    ],
    "settings": [
        {"id": "inpatient", "name": "Inpatient", "summary": "Hospital unit.", "shifts": "Day and night.", "duties": ["Rounds", "Groups"]},
        {"id": "school", "name": "School", "summary": "Classrooms.", "shifts": "School days."},
    ],
    "interventions": [
        {"id": "praise", "name": "Praise", "summary": "Reward it.", "led_by": "Team", "bht_part": "Give praise.", "skills": ["observe"]},
        {"id": "hold", "name": "Hold", "summary": "Last resort.", "led_by": "Nurse", "bht_part": "Assist.", "scope": "restraint"},
    ],
    "observation_levels": [
        {"id": "routine", "name": "Routine", "summary": "Usual checks."},
        {"id": "q15", "name": "Every 15 minutes", "summary": "Seen every 15 minutes."},
        {"id": "one-to-one", "name": "One-to-one", "summary": "Always with staff."},
    ],
    "terms": [
        {"id": "bht", "term": "BHT", "expansion": "Behavioral Health Technician", "definition": "The role.", "aliases": ["MHT"]},
        {"id": "c-ssrs", "term": "C-SSRS", "expansion": "Columbia scale", "definition": "A screen."},
        {"id": "milieu", "term": "milieu", "definition": "The unit's daily life."},
    ],
    "voices": [
        {"id": "v1", "name": "Sam Example", "role": "Night shift", "setting": "inpatient", "quote": "Rounds matter.", "fictional": True},
        {
            "id": "v2",
            "name": "Alex Sample",
            "role": "School program",
            "setting": "school",
            "quote": "Count it.",
            "fictional": False,
            "consent_on_file": True,
        },
    ],
    "phases": [
        {
            "id": "day-1",
            "title": "Day 1",
            "day_start": 1,
            "day_end": 1,
            "before_patient_contact": True,
            "goal": "Stay safe.",
            "tasks": [{"id": "tour", "text": "Find exits."}, {"id": "med-room", "text": "See the med room.", "scope": "medication-assist"}],
            "competencies": [{"id": "codes", "text": "States codes.", "methods": ["verbal", "written-test"]}],
        },
        {
            "id": "week-1",
            "title": "Week 1",
            "day_start": 2,
            "day_end": 7,
            "goal": "Shadow.",
            "competencies": [
                {"id": "rounds", "text": "Does rounds.", "methods": ["observation"], "skills": ["observe"]},
                {"id": "holds", "text": "Assists a hold.", "methods": ["simulation"], "scope": "restraint"},
            ],
        },
    ],
    "scenarios": [
        {
            "id": "missed-check",
            "title": "A check is missed",
            "situation": "Sam (a fictional person) is not in his room.",
            "do": ["Tell the nurse."],
            "avoid": ["Do not wait."],
            "tell": ["The nurse, at once."],
            "skills": ["observe"],
            "pages": ["safety/environment.md"],
        },
        {
            "id": "hold",
            "title": "A hold",
            "situation": "A fight starts.",
            "do": ["Call for help."],
            "avoid": ["Do not hold alone."],
            "tell": ["The nurse."],
            "skills": ["calm"],
            "pages": ["safety/holds.md"],
            "scope": "restraint",
        },
    ],
    "facts": [{"id": "who-sets", "text": "A licensed provider sets the observation level, as policy says."}],
    "facility": {
        "edition": "standard",
        "name": "Test Handbook",
        "short_name": "Test",
        "colors": {"primary": "#00695c", "accent": "#00796b"},
        "page_owners": ["Clinical education lead", "Nurse educator"],
        "scope": {
            "medication_role": "assist",
            "restraint": {"used": True, "bht_participates": True},
            "observation_levels": ["q15", "one-to-one"],
            "deescalation_program": "deesc",
            "suicide_screening_tool": "c-ssrs",
            "note_format": "DAP",
            "refreshers": {"cpr": 12},
            "mandated_reporting": [{"role": "Charge nurse", "how": "Tell them."}],
        },
    },
}


def tiny_data() -> dict:
    return copy.deepcopy(_DATA)


def build(data: dict | None = None) -> Handbook:
    return Handbook.model_validate(tiny_data() if data is None else data)


# One call of every renderer (some twice, with filters), for any handbook.
RENDERS = {
    "career_paths_table": lambda book: render_career.career_paths_table(book),
    "career_paths_table_lateral": lambda book: render_career.career_paths_table(book, "lateral"),
    "certifications_table": lambda book: render_career.certifications_table(book),
    "labor_table": lambda book: render_career.labor_table(book, "../reference/sources/"),
    "career_diagram": lambda book: render_career.career_diagram(book),
    "onboarding_plan": lambda book: render_onboarding.onboarding_plan(book),
    "onboarding_checklist": lambda book: render_onboarding.onboarding_checklist(book, "day-1"),
    "glossary": lambda book: render_reference.glossary(book),
    "sources_list": lambda book: render_reference.sources_list(book),
    "cite": lambda book: render_reference.cite(book, "src-a", "../reference/sources.md"),
    "voices": lambda book: render_reference.voices(book),
    "abbreviations": lambda book: render_reference.abbreviations(book),
    "role_aliases": lambda book: render_reference.role_aliases(book),
    "responsibilities_table": lambda book: render_roles.responsibilities_table(book),
    "responsibilities_table_filtered": lambda book: render_roles.responsibilities_table(book, "primary", "safety", "t1"),
    "ladder": lambda b: render_roles.ladder(b),
    "domains_table": lambda b: render_roles.domains_table(b),
    "scenario_drills": lambda b: render_scenarios.scenario_drills(b, lambda p: f"../{p[:-3]}/", lambda p: p[:-3].title()),
    "level_comparison": lambda book: render_roles.level_comparison(book, "t1", "t2"),
    "roles_table": lambda book: render_roles.roles_table(book),
    "settings_table": lambda book: render_roles.settings_table(book),
    "interventions_table": lambda book: render_roles.interventions_table(book),
    "observation_levels_table": lambda book: render_roles.observation_levels_table(book),
    "proficiency_scale": lambda book: render_skills.proficiency_scale(book),
    "skill_list": lambda book: render_skills.skill_list(book, "soft"),
    "skill_matrix": lambda book: render_skills.skill_matrix(book, "hard"),
}
