"""The records of the handbook's data, one model per kind of record.

Every record is frozen and forbids unknown fields, so a typo in a YAML key is an
error rather than a silently ignored value. This module knows nothing about YAML or
files: the loader feeds it plain Python data, and the renderers read it. Fields typed
as ``SkillId``, ``LevelId`` and the like point at other records; ``load/rules.py``
checks them, and the other cross-record rules, once the whole handbook is loaded.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from handbook.model.collections import Collection
from handbook.model.fields import (
    CertificationId,
    DomainId,
    FromRoleId,
    LevelId,
    Months,
    Proficiency,
    Record,
    Ref,
    RoleId,
    ScopeCondition,
    SettingId,
    SkillId,
    Slug,
    SourceId,
    Text,
    Url,
    ValidationMethod,
)

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
    source: SourceId = Field(description="Id of the source in data/sources.yml.")


# --- Roles --------------------------------------------------------------------


class RoleIdentity(Record):
    title: Text = Field(description="The role's full name, e.g. Behavioral Health Technician.")
    short: Text = Field(description="The short form, e.g. BHT.")
    definition: Text = Field(description="One or two plain sentences on what the role is.")
    aliases: tuple[Text, ...] = Field((), description="Other names for the same role, e.g. mental health technician.")


class Level(Record):
    id: Slug = Field(description="Level id, e.g. bht-1. A facility may use its own ids (see map in overlays).")
    title: Text = Field(description="The level's default title; a facility may rename it in level_titles.")
    rank: Annotated[int, Field(ge=1, le=20, strict=True)] = Field(
        description="Order of the level: 1 is the entry level, higher is more senior."
    )
    summary: Text = Field(description="What a person at this level does, in a sentence or two.")
    supervision: Text | None = Field(None, description="Who supervises this level and how closely.")
    works_alone: bool = Field(
        True,
        description="Works shifts without a preceptor beside them once onboarding ends. Such a level must expect at least "
        "3 (does on own) in every safety-critical skill.",
    )


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
    domain: DomainId = Field(description="Id of a domain in data/responsibilities.yml.")
    title: Text = Field(description="Short name of the duty.")
    text: Text = Field(description="The duty in one or two plain sentences.")
    skills: tuple[SkillId, ...] = Field((), description="Ids of skills in data/skills.yml that this duty uses.")
    levels: tuple[LevelId, ...] = Field((), description="Levels that do this; empty means every level.")
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
    safety_critical: bool = Field(
        False,
        description="Protects life and safety (observation, de-escalation, suicide screening, holds, first aid, records). "
        "Every level that works alone expects at least 3 (does on own), and onboarding signs it off before solo work.",
    )
    scope: ScopeCondition | None = Field(None, description="Shown only where the facility profile allows it; see ScopeCondition.")


class MatrixRow(Record):
    skill: SkillId = Field(description="Id of a skill in data/skills.yml.")
    expected: dict[LevelId, Proficiency] = Field(description="Expected proficiency per level id.")


# --- Career -------------------------------------------------------------------


class SkillGate(Record):
    skill: SkillId = Field(description="Id of a skill in data/skills.yml.")
    level: Proficiency = Field(description="The proficiency (0-4) needed before moving on.")


class Requirements(Record):
    education: tuple[Text, ...] = Field((), description="Education needed, one item per entry.")
    certifications: tuple[CertificationId, ...] = Field((), description="Ids of certifications in data/certifications.yml.")
    experience_months: Annotated[int, Field(ge=0, le=600, strict=True)] | None = Field(None, description="Months of experience needed.")
    skill_gates: tuple[SkillGate, ...] = Field((), description="Skills that must reach a proficiency first.")
    notes: Text | None = Field(None, description="Anything else about the move, e.g. that it varies by facility.")


class CareerPath(Record):
    id: Slug = Field(description="Id for this path, e.g. `bht-1-to-bht-2`.")
    from_role: FromRoleId = Field(alias="from", description="Id of the level or role the path starts from.")
    to_role: RoleId = Field(alias="to", description="Id of the level or role the path leads to.")
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
    levels: dict[LevelId, Literal["required", "preferred"]] = Field(
        {}, description="Required or preferred, by level id; leave a level out if neither."
    )
    source: SourceId | None = Field(None, description="Id of a source in data/sources.yml that backs this record.")


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
    skills: tuple[SkillId, ...] = Field((), description="Ids of skills in data/skills.yml it uses.")
    scope: ScopeCondition | None = Field(None, description="Shown only where the facility profile allows it; see ScopeCondition.")


class ObservationLevel(Record):
    id: Slug = Field(description="Observation level id, e.g. `q15`.")
    name: Text = Field(description="The level's name, e.g. Every 15 minutes.")
    summary: Text = Field(description="What the technician does at this level.")


# A page of the site, by its path under docs/; rules.page_links checks it exists in the edition.
DocPage = Annotated[str, StringConstraints(pattern=r"^([a-z0-9-]+/)*[a-z0-9-]+\.md$"), Ref("pages")]


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
    role: Text = Field(description="The speaker's role, e.g. {level:bht-2}, nights (a level by reference, never its title).")
    setting: SettingId = Field(description="Id of a setting in data/settings.yml.")
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
    skills: tuple[SkillId, ...] = Field((), description="Ids of skills in data/skills.yml it proves.")
    scope: ScopeCondition | None = Field(None, description="Shown only where the facility profile allows it; see ScopeCondition.")


class Phase(Record):
    id: Slug = Field(description="Phase id: day-1, week-1, day-30, day-60 or day-90.")
    title: Text = Field(description="The phase's heading, e.g. Week 1.")
    day_start: Annotated[int, Field(ge=1, le=365, strict=True)] = Field(
        description="First day of the phase, counting the first day of work as 1."
    )
    day_end: Annotated[int, Field(ge=1, le=365, strict=True)] = Field(description="Last day of the phase.")
    before_patient_contact: bool = Field(False, description="True when the phase happens before any patient contact.")
    works_alone: bool = Field(
        False,
        description="True for the first phase in which the new hire works shifts without a preceptor beside them. "
        "With none marked, solo work starts after the last phase.",
    )
    goal: Text = Field(description="What the new hire should reach by the end of the phase.")
    tasks: Annotated[tuple[Task, ...], Collection(file="", one="onboarding task", heading="Onboarding task")] = Field(
        (), description="Things to do in this phase."
    )
    competencies: Annotated[tuple[Competency, ...], Collection(file="", one="competency", heading="Competency")] = Field(
        (), description="Skills a preceptor signs off in this phase."
    )


# --- Facts stated once, and practice drills ---------------------------------------


class Fact(Record):
    """A statement several pages and records make, stored once so they cannot disagree."""

    id: Slug = Field(description="Id that pages and data text use: {{ fact('id') }} on a page, {fact:id} in data text.")
    text: Text = Field(description="The statement, in one or two plain sentences. Say where it varies by state or facility.")
    source: SourceId | None = Field(None, description="Id of a source in data/sources.yml that backs it, if it is a rule.")


class Scenario(Record):
    """A practice drill: a fictional situation, and what a new technician does about it."""

    id: Slug = Field(description="Id of the drill, e.g. `missed-check`.")
    title: Text = Field(description="A short, plain title.")
    situation: Text = Field(description="The situation in a few present-tense sentences, with an obviously fictional person.")
    do: tuple[Text, ...] = Field(min_length=1, description="What to do, in order; each a short sentence starting with a verb.")
    avoid: tuple[Text, ...] = Field(min_length=1, description="What you never do here; each starts with 'Do not'.")
    tell: tuple[Text, ...] = Field(min_length=1, description="Who to tell and when, by role; never a person's name.")
    skills: tuple[SkillId, ...] = Field(min_length=1, description="Ids of skills in data/skills.yml the drill exercises.")
    pages: tuple[DocPage, ...] = Field(min_length=1, description="Pages under docs/ that teach what the drill needs.")
    scope: ScopeCondition | None = Field(None, description="Shown only where the facility profile allows it; see ScopeCondition.")
