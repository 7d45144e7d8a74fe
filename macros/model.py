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
    HexColor,
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
    id: Slug
    publisher: Text
    title: Text
    url: Url
    retrieved: date = Field(description="When someone last checked the source, YYYY-MM-DD.")
    effective: Text | None = Field(None, description="The period or edition the figures describe.")
    note: Text | None = None


class LaborFigure(Record):
    id: Slug
    soc: Annotated[str, StringConstraints(pattern=r"^\d{2}-\d{4}$")]
    occupation: Text
    median_annual: Annotated[int, Field(ge=1000, le=1_000_000, strict=True)]
    median_hourly: Annotated[float, Field(gt=0, le=500)]
    employment: Annotated[int, Field(ge=0, strict=True)] | None = None
    outlook_percent: float | None = None
    outlook_period: Text | None = None
    year: Annotated[int, Field(ge=2000, le=2100, strict=True)]
    source: Slug


# --- Roles --------------------------------------------------------------------


class RoleIdentity(Record):
    title: Text
    short: Text
    definition: Text
    aliases: tuple[Text, ...] = ()


class Level(Record):
    id: Slug
    title: Text
    rank: Annotated[int, Field(ge=1, le=20, strict=True)]
    summary: Text
    supervision: Text | None = None


class AdjacentRole(Record):
    id: Slug
    title: Text
    summary: Text
    aliases: tuple[Text, ...] = ()
    education: Text | None = None
    licensure: Text | None = None
    focus: Text | None = None


# --- Responsibilities and skills ---------------------------------------------


class Domain(Record):
    id: Slug
    name: Text
    summary: Text


class Responsibility(Record):
    id: Slug
    category: Literal["primary", "secondary"]
    domain: Slug
    title: Text
    text: Text
    skills: tuple[Slug, ...] = ()
    levels: tuple[Slug, ...] = Field((), description="Levels that do this; empty means every level.")
    scope: ScopeCondition | None = None


class ScaleLevel(Record):
    level: Proficiency
    name: Text
    summary: Text


class Skill(Record):
    id: Slug
    name: Text
    kind: Literal["hard", "soft"]
    summary: Text
    levels: dict[Annotated[int, Field(ge=1, le=4)], Text] = Field(
        description="What the skill looks like at levels 1 to 4 (level 0 is the shared 'not yet oriented')."
    )
    scope: ScopeCondition | None = None


class MatrixRow(Record):
    skill: Slug
    expected: dict[Slug, Proficiency] = Field(description="Expected proficiency per level id.")


# --- Career -------------------------------------------------------------------


class SkillGate(Record):
    skill: Slug
    level: Proficiency


class Requirements(Record):
    education: tuple[Text, ...] = ()
    certifications: tuple[Slug, ...] = ()
    experience_months: Annotated[int, Field(ge=0, le=600, strict=True)] | None = None
    skill_gates: tuple[SkillGate, ...] = ()
    notes: Text | None = None


class CareerPath(Record):
    id: Slug
    from_role: Slug = Field(alias="from")
    to_role: Slug = Field(alias="to")
    kind: Literal["entry", "advancement", "lateral"]
    summary: Text
    requirements: Requirements = Requirements()


class Certification(Record):
    id: Slug
    name: Text
    short: Text | None = None
    kind: Literal["education", "certification", "training", "credential"]
    issuer: Text
    summary: Text
    validity_months: Months | None = Field(None, description="How long it stays valid; empty if it does not expire.")
    renewal_rule: Literal["law", "issuer", "facility", "none"] = Field(
        description="Who sets the renewal interval: a law, the issuing body, or the facility."
    )
    varies_by_state: bool = False
    levels: dict[Slug, Literal["required", "preferred"]] = {}
    source: Slug | None = None


# --- Practice -----------------------------------------------------------------


class WorkSetting(Record):
    id: Slug
    name: Text
    summary: Text
    shifts: Text
    duties: tuple[Text, ...] = ()


class Intervention(Record):
    id: Slug
    name: Text
    summary: Text
    led_by: Text
    bht_part: Text
    skills: tuple[Slug, ...] = ()
    scope: ScopeCondition | None = None


class ObservationLevel(Record):
    id: Slug
    name: Text
    summary: Text


DocPage = Annotated[str, StringConstraints(pattern=r"^([a-z0-9-]+/)*[a-z0-9-]+\.md$")]


class Term(Record):
    id: Slug
    term: Text
    expansion: Text | None = None
    definition: Text
    aliases: tuple[Text, ...] = ()
    see: tuple[DocPage, ...] = Field(
        (), description="Pages under docs/ that explain the term in depth; search sends the term and its aliases there first."
    )


class Voice(Record):
    id: Slug
    name: Text
    role: Text
    setting: Slug
    quote: Text
    fictional: bool = Field(description="Shipped examples must be fictional; a real account needs consent_on_file.")
    consent_on_file: bool = False


# --- Onboarding ---------------------------------------------------------------


class Task(Record):
    id: Slug
    text: Text
    scope: ScopeCondition | None = None


class Competency(Record):
    id: Slug
    text: Text
    methods: tuple[ValidationMethod, ...] = Field(min_length=1)
    skills: tuple[Slug, ...] = ()
    scope: ScopeCondition | None = None


class Phase(Record):
    id: Slug
    title: Text
    day_start: Annotated[int, Field(ge=1, le=365, strict=True)]
    day_end: Annotated[int, Field(ge=1, le=365, strict=True)]
    before_patient_contact: bool = False
    goal: Text
    tasks: tuple[Task, ...] = ()
    competencies: tuple[Competency, ...] = ()


# --- The whole handbook -------------------------------------------------------


class Handbook(Record):
    """Every collection, after loading and checking. Renderers take this."""

    role: RoleIdentity
    sources: tuple[Source, ...]
    labor: tuple[LaborFigure, ...] = ()
    levels: tuple[Level, ...]
    adjacent_roles: tuple[AdjacentRole, ...] = ()
    domains: tuple[Domain, ...]
    responsibilities: tuple[Responsibility, ...]
    scale: tuple[ScaleLevel, ...]
    skills: tuple[Skill, ...]
    matrix: tuple[MatrixRow, ...]
    paths: tuple[CareerPath, ...] = ()
    certifications: tuple[Certification, ...] = ()
    settings: tuple[WorkSetting, ...] = ()
    interventions: tuple[Intervention, ...] = ()
    observation_levels: tuple[ObservationLevel, ...] = ()
    terms: tuple[Term, ...] = ()
    voices: tuple[Voice, ...] = ()
    phases: tuple[Phase, ...] = ()
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
