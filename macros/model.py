"""Typed model of the handbook's data.

Every record is frozen and forbids unknown fields, so a typo in a YAML key is an
error rather than a silently ignored value. This module knows nothing about YAML,
files or MkDocs: the loader feeds it plain Python data, and the renderers read it.
Cross-reference rules (ids that must exist, paths that must make sense) live in
``rules.py`` because they need the whole handbook at once.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from macros.base import (
    Months,
    Proficiency,
    Record,
    ScopeCondition,
    Slug,
    Text,
    Url,
    ValidationMethod,
)
from macros.facility import Facility

# --- Sources and labor figures ------------------------------------------------


class Source(Record):
    id: Slug = Field(description="Id that pages cite, e.g. `bls-oews-29-2053`.")
    publisher: Text = Field(description="Who publishes it, e.g. U.S. Bureau of Labor Statistics.")
    title: Text = Field(description="The document's title as the publisher writes it.")
    url: Url = Field(description="The https address of the document.")
    retrieved: date = Field(description="When someone last checked the source, YYYY-MM-DD.")
    effective: Text | None = Field(None, description="The period or edition the figures describe.")
    note: Text | None = Field(None, description="Anything a reader should know about using this source.")


class LaborFigure(Record):
    id: Slug = Field(description="Id for this figure, e.g. `bht-national-2024`.")
    soc: Annotated[str, StringConstraints(pattern=r"^\d{2}-\d{4}$")] = Field(
        description="Standard Occupational Classification code, e.g. 29-2053."
    )
    occupation: Text = Field(description="The occupation's name as the source writes it.")
    median_annual: Annotated[int, Field(ge=1000, le=1_000_000, strict=True)] = Field(
        description="Median yearly pay in US dollars, a whole number."
    )
    median_hourly: Annotated[float, Field(gt=0, le=500)] = Field(description="Median hourly pay in US dollars.")
    employment: Annotated[int, Field(ge=0, strict=True)] | None = Field(None, description="How many people hold this job nationally.")
    outlook_percent: float | None = Field(None, description="Projected change in jobs, in percent (negative means fewer jobs).")
    outlook_period: Text | None = Field(None, description="The years the outlook covers, e.g. 2023-2033.")
    year: Annotated[int, Field(ge=2000, le=2100, strict=True)] = Field(description="The year the pay figures describe.")
    source: Slug = Field(description="Id of the source in data/sources.yml.")


# --- Roles --------------------------------------------------------------------


class RoleIdentity(Record):
    title: Text = Field(description="The role's full name, e.g. Behavioral Health Technician.")
    short: Text = Field(description="The short form, e.g. BHT.")
    definition: Text = Field(description="One or two plain sentences on what the role is.")
    aliases: tuple[Text, ...] = Field((), description="Other names for the same role, e.g. mental health technician.")


class Level(Record):
    id: Slug = Field(description="Level id: bht-1, bht-2 or lead-bht.")
    title: Text = Field(description="The level's default title; a facility may rename it in level_titles.")
    rank: Annotated[int, Field(ge=1, le=20, strict=True)] = Field(
        description="Order of the level: 1 is the entry level, higher is more senior."
    )
    summary: Text = Field(description="What a person at this level does, in a sentence or two.")
    supervision: Text | None = Field(None, description="Who supervises this level and how closely.")


class AdjacentRole(Record):
    id: Slug = Field(description="Id of a role that works alongside technicians, e.g. `rn` or `cna`.")
    title: Text = Field(description="The role's name, e.g. Registered Nurse.")
    summary: Text = Field(description="What this role does, in a sentence or two.")
    aliases: tuple[Text, ...] = Field((), description="Other names for the same role.")
    education: Text | None = Field(None, description="Typical education for the role.")
    licensure: Text | None = Field(None, description="License or certification the role needs, if any.")
    focus: Text | None = Field(None, description="What the role focuses on, compared with a technician.")


# --- Responsibilities and skills ---------------------------------------------


class Domain(Record):
    id: Slug = Field(description="Domain id that responsibilities point to, e.g. `safety`.")
    name: Text = Field(description="The domain's heading, e.g. Safety and observation.")
    summary: Text = Field(description="One line on what the domain covers.")


class Responsibility(Record):
    id: Slug = Field(description="Stable id for this duty.")
    category: Literal["primary", "secondary"] = Field(description="primary (core duties) or secondary (supporting duties).")
    domain: Slug = Field(description="Id of a domain in data/responsibilities.yml.")
    title: Text = Field(description="Short name of the duty.")
    text: Text = Field(description="The duty in one or two plain sentences.")
    skills: tuple[Slug, ...] = Field((), description="Ids of skills in data/skills.yml that this duty uses.")
    levels: tuple[Slug, ...] = Field((), description="Levels that do this; empty means every level.")
    scope: ScopeCondition | None = Field(None, description="Shown only where the facility profile allows it; see ScopeCondition.")


class ScaleLevel(Record):
    level: Proficiency
    name: Text = Field(description="The level's name, e.g. Does with support.")
    summary: Text = Field(description="What a person at this proficiency can do.")


class Skill(Record):
    id: Slug = Field(description="Skill id, e.g. `vital-signs`.")
    name: Text = Field(description="The skill's name as readers see it.")
    kind: Literal["hard", "soft"] = Field(description="hard (a technical skill) or soft (a people skill).")
    summary: Text = Field(description="One line on what the skill is.")
    levels: dict[Annotated[int, Field(ge=1, le=4)], Text] = Field(
        description="What the skill looks like at levels 1 to 4 (level 0 is the shared 'not yet oriented')."
    )
    scope: ScopeCondition | None = Field(None, description="Shown only where the facility profile allows it; see ScopeCondition.")


class MatrixRow(Record):
    skill: Slug = Field(description="Id of a skill in data/skills.yml.")
    expected: dict[Slug, Proficiency] = Field(description="Expected proficiency per level id.")


# --- Career -------------------------------------------------------------------


class SkillGate(Record):
    skill: Slug = Field(description="Id of a skill in data/skills.yml.")
    level: Proficiency = Field(description="The proficiency (0-4) needed before moving on.")


class Requirements(Record):
    education: tuple[Text, ...] = Field((), description="Education needed, one item per entry.")
    certifications: tuple[Slug, ...] = Field((), description="Ids of certifications in data/certifications.yml.")
    experience_months: Annotated[int, Field(ge=0, le=600, strict=True)] | None = Field(None, description="Months of experience needed.")
    skill_gates: tuple[SkillGate, ...] = Field((), description="Skills that must reach a proficiency first.")
    notes: Text | None = Field(None, description="Anything else about the move, e.g. that it varies by facility.")


class CareerPath(Record):
    id: Slug = Field(description="Id for this path, e.g. `bht-1-to-bht-2`.")
    from_role: Slug = Field(alias="from", description="Id of the level or role the path starts from.")
    to_role: Slug = Field(alias="to", description="Id of the level or role the path leads to.")
    kind: Literal["entry", "advancement", "lateral"] = Field(
        description="entry (into the role), advancement (up a level) or lateral (to a nearby role)."
    )
    summary: Text = Field(description="One or two sentences on the move.")
    requirements: Requirements = Field(Requirements(), description="What the move needs: education, certifications, experience, skills.")


class Certification(Record):
    id: Slug = Field(description="Certification id, e.g. `cpr-first-aid`.")
    name: Text = Field(description="Full name, e.g. CPR and First Aid.")
    short: Text | None = Field(None, description="Short form, e.g. CPI.")
    kind: Literal["education", "certification", "training", "credential"] = Field(
        description="education, certification, training or credential."
    )
    issuer: Text = Field(description="Who issues it; say that it varies if it does.")
    summary: Text = Field(description="What it covers, in a sentence or two.")
    validity_months: Months | None = Field(None, description="How long it stays valid; empty if it does not expire.")
    renewal_rule: Literal["law", "issuer", "facility", "none"] = Field(
        description="Who sets the renewal interval: a law, the issuing body, or the facility."
    )
    varies_by_state: bool = Field(False, description="True when the requirement or the credential differs from state to state.")
    levels: dict[Slug, Literal["required", "preferred"]] = Field(
        {}, description="Required or preferred, by level id; leave a level out if neither."
    )
    source: Slug | None = Field(None, description="Id of a source in data/sources.yml that backs this record.")


# --- Practice -----------------------------------------------------------------


class WorkSetting(Record):
    id: Slug = Field(description="Setting id, e.g. `inpatient`.")
    name: Text = Field(description="The setting's name, e.g. Inpatient psychiatric unit.")
    summary: Text = Field(description="What the setting is like, in a sentence or two.")
    shifts: Text = Field(description="Typical shift pattern in this setting.")
    duties: tuple[Text, ...] = Field((), description="Typical technician duties here, one per entry.")


class Intervention(Record):
    id: Slug = Field(description="Intervention id, e.g. `positive-reinforcement`.")
    name: Text = Field(description="The intervention's name.")
    summary: Text = Field(description="What it is, in a sentence or two.")
    led_by: Text = Field(description="Which role plans or leads it, e.g. Behavior analyst.")
    bht_part: Text = Field(description="What the technician does in it.")
    skills: tuple[Slug, ...] = Field((), description="Ids of skills in data/skills.yml it uses.")
    scope: ScopeCondition | None = Field(None, description="Shown only where the facility profile allows it; see ScopeCondition.")


class ObservationLevel(Record):
    id: Slug = Field(description="Observation level id, e.g. `q15`.")
    name: Text = Field(description="The level's name, e.g. Every 15 minutes.")
    summary: Text = Field(description="What the technician does at this level.")


DocPage = Annotated[str, StringConstraints(pattern=r"^([a-z0-9-]+/)*[a-z0-9-]+\.md$")]


class Term(Record):
    id: Slug = Field(description="Lower-case slug of the term, e.g. `c-ssrs`; pages link to it.")
    term: Text = Field(description="The term as written, e.g. C-SSRS.")
    expansion: Text | None = Field(None, description="What an abbreviation stands for.")
    definition: Text = Field(description="A plain-language definition.")
    aliases: tuple[Text, ...] = Field((), description="Other ways of writing the term.")
    see: tuple[DocPage, ...] = Field(
        (), description="Pages under docs/ that explain the term in depth; search sends the term and its aliases there first."
    )


class Voice(Record):
    id: Slug = Field(description="Id of this account.")
    name: Text = Field(description="A first name, obviously fictional in shipped examples.")
    role: Text = Field(description="The speaker's role, e.g. BHT II, nights.")
    setting: Slug = Field(description="Id of a setting in data/settings.yml.")
    quote: Text = Field(description="The account in the speaker's words. No patient information, ever.")
    fictional: bool = Field(description="Shipped examples must be fictional; a real account needs consent_on_file.")
    consent_on_file: bool = Field(False, description="True only when a real person's written consent is on file.")


# --- Onboarding ---------------------------------------------------------------


class Task(Record):
    id: Slug = Field(description="Task id, unique within the phase.")
    text: Text = Field(description="What to do, starting with a verb.")
    scope: ScopeCondition | None = Field(None, description="Shown only where the facility profile allows it; see ScopeCondition.")


class Competency(Record):
    id: Slug = Field(description="Competency id, unique within the phase.")
    text: Text = Field(description="What the new hire shows they can do, starting with a verb.")
    methods: tuple[ValidationMethod, ...] = Field(
        min_length=1, description="How a preceptor checks it, e.g. observation or return-demonstration."
    )
    skills: tuple[Slug, ...] = Field((), description="Ids of skills in data/skills.yml it proves.")
    scope: ScopeCondition | None = Field(None, description="Shown only where the facility profile allows it; see ScopeCondition.")


class Phase(Record):
    id: Slug = Field(description="Phase id: day-1, week-1, day-30, day-60 or day-90.")
    title: Text = Field(description="The phase's heading, e.g. Week 1.")
    day_start: Annotated[int, Field(ge=1, le=365, strict=True)] = Field(
        description="First day of the phase, counting the first day of work as 1."
    )
    day_end: Annotated[int, Field(ge=1, le=365, strict=True)] = Field(description="Last day of the phase.")
    before_patient_contact: bool = Field(False, description="True when the phase happens before any patient contact.")
    goal: Text = Field(description="What the new hire should reach by the end of the phase.")
    tasks: tuple[Task, ...] = Field((), description="Things to do in this phase.")
    competencies: tuple[Competency, ...] = Field((), description="Skills a preceptor signs off in this phase.")


# --- The whole handbook -------------------------------------------------------


class Handbook(Record):
    """Every collection, after loading and checking. Renderers take this."""

    role: RoleIdentity = Field(description="The role itself: title, short form, definition, other names.")
    sources: tuple[Source, ...] = Field(description="Every source that pages cite.")
    labor: tuple[LaborFigure, ...] = Field((), description="National pay and job outlook figures.")
    levels: tuple[Level, ...] = Field(description="The technician levels, entry level first.")
    adjacent_roles: tuple[AdjacentRole, ...] = Field((), description="Roles that work alongside technicians.")
    domains: tuple[Domain, ...] = Field(description="Groups that responsibilities belong to.")
    responsibilities: tuple[Responsibility, ...] = Field(description="What technicians do, primary and secondary.")
    scale: tuple[ScaleLevel, ...] = Field(description="The 0-4 proficiency scale, one entry per level.")
    skills: tuple[Skill, ...] = Field(description="Hard and soft skills with what each level looks like.")
    matrix: tuple[MatrixRow, ...] = Field(description="Expected proficiency for each skill at each level.")
    paths: tuple[CareerPath, ...] = Field((), description="Career moves into, up from and across from the role.")
    certifications: tuple[Certification, ...] = Field((), description="Education, certifications, training and credentials.")
    settings: tuple[WorkSetting, ...] = Field((), description="Places technicians work.")
    interventions: tuple[Intervention, ...] = Field((), description="Behavioral interventions and the technician's part.")
    observation_levels: tuple[ObservationLevel, ...] = Field((), description="Patient observation levels a facility may use.")
    terms: tuple[Term, ...] = Field((), description="Glossary terms.")
    voices: tuple[Voice, ...] = Field((), description="First-hand accounts: fictional, or real with consent on file.")
    phases: tuple[Phase, ...] = Field((), description="The onboarding phases of the first 90 days.")
    facility: Facility

    def index(self, collection: str) -> dict[str, Record]:
        """Records of one collection by id (cached: renderers call this a lot)."""
        return self._indexes.get(collection, {})

    @cached_property
    def _indexes(self) -> dict[str, dict[str, Record]]:
        out: dict[str, dict[str, Record]] = {}
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, tuple) and all(hasattr(record, "id") for record in value):
                out[name] = {record.id: record for record in value}
        out["roles"] = {**out.get("adjacent_roles", {}), **out.get("levels", {})}
        return out

    @cached_property
    def ordered_levels(self) -> tuple[Level, ...]:
        return tuple(sorted(self.levels, key=lambda level: level.rank))

    def level_title(self, level_id: str) -> str:
        """A level's title as this facility names it (MHT I, BHT I, ...)."""
        return self.facility.level_titles.get(level_id) or self.index("levels")[level_id].title

    def role_title(self, role_id: str) -> str:
        if role_id in self.index("levels"):
            return self.level_title(role_id)
        return self.index("adjacent_roles")[role_id].title

    def applies(self, scope: str | None) -> bool:
        return self.facility.permits(scope)

    def expected(self, skill_id: str, level_id: str) -> int:
        return self._matrix_lookup[skill_id][level_id]

    @cached_property
    def _matrix_lookup(self) -> dict[str, dict[str, int]]:
        return {row.skill: dict(row.expected) for row in self.matrix}
