"""The whole handbook: every collection, after loading and checking. Renderers take this.

Each field annotated with a ``Collection`` is one row of the collection table
(``collections.py``): the data file that holds it and how it behaves. Lookups by id are
typed: ``book.by_id(Skill)["vital-signs"]`` is a ``Skill``.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Annotated, TypeVar

from pydantic import BaseModel, Field, PrivateAttr

from handbook.model.collections import Collection, table
from handbook.model.fields import Record
from handbook.model.profile import Facility
from handbook.model.records import (
    AdjacentRole,
    CareerPath,
    Certification,
    Domain,
    Fact,
    Intervention,
    LaborFigure,
    Level,
    MatrixRow,
    ObservationLevel,
    Phase,
    Responsibility,
    RoleIdentity,
    ScaleLevel,
    Scenario,
    Skill,
    SkillGate,
    Source,
    Term,
    Voice,
    WorkSetting,
)
from handbook.model.refs import resolve_text, resolved_fields

R = TypeVar("R", bound=BaseModel)


class Handbook(Record):
    """Every collection, after loading and checking."""

    role: Annotated[RoleIdentity, Collection("roles.yml", "role", "Role", key="", overlay="replace")] = Field(
        description="The role itself: title, short form, definition, other names."
    )
    levels: Annotated[tuple[Level, ...], Collection("roles.yml", "level", "Level")] = Field(
        description="The technician levels, entry level first."
    )
    adjacent_roles: Annotated[tuple[AdjacentRole, ...], Collection("roles.yml", "role", "Similar role")] = Field(
        (), description="Roles that work alongside technicians."
    )
    settings: Annotated[tuple[WorkSetting, ...], Collection("settings.yml", "work setting", "Work setting")] = Field(
        (), description="Places technicians work."
    )
    domains: Annotated[tuple[Domain, ...], Collection("responsibilities.yml", "domain", "Responsibility area")] = Field(
        description="Groups that responsibilities belong to."
    )
    responsibilities: Annotated[tuple[Responsibility, ...], Collection("responsibilities.yml", "responsibility", "Responsibility")] = Field(
        description="What technicians do, primary and secondary."
    )
    skills: Annotated[tuple[Skill, ...], Collection("skills.yml", "skill", "Skill")] = Field(
        description="Hard and soft skills with what each level looks like."
    )
    matrix: Annotated[tuple[MatrixRow, ...], Collection("matrix.yml", "matrix row for skill", "Skill matrix row", key="skill")] = Field(
        description="Expected proficiency for each skill at each level."
    )
    scale: Annotated[
        tuple[ScaleLevel, ...], Collection("skills.yml", "scale level", "Proficiency scale level", key="level", overlay="replace")
    ] = Field(description="The 0-4 proficiency scale, one entry per level.")
    paths: Annotated[tuple[CareerPath, ...], Collection("paths.yml", "career path", "Career path")] = Field(
        (), description="Career moves into, up from and across from the role."
    )
    certifications: Annotated[tuple[Certification, ...], Collection("certifications.yml", "certification", "Certification")] = Field(
        (), description="Education, certifications, training and credentials."
    )
    interventions: Annotated[tuple[Intervention, ...], Collection("interventions.yml", "intervention", "Intervention")] = Field(
        (), description="Behavioral interventions and the technician's part."
    )
    observation_levels: Annotated[tuple[ObservationLevel, ...], Collection("settings.yml", "observation level", "Observation level")] = (
        Field((), description="Patient observation levels a facility may use.")
    )
    phases: Annotated[tuple[Phase, ...], Collection("onboarding.yml", "onboarding phase", "Onboarding phase")] = Field(
        (), description="The onboarding phases of the first 90 days."
    )
    terms: Annotated[tuple[Term, ...], Collection("glossary.yml", "glossary term", "Glossary term")] = Field(
        (), description="Glossary terms."
    )
    voices: Annotated[tuple[Voice, ...], Collection("voices.yml", "voice", "Voice")] = Field(
        (), description="First-hand accounts: fictional, or real with consent on file."
    )
    scenarios: Annotated[tuple[Scenario, ...], Collection("scenarios.yml", "practice drill", "Practice drill")] = Field(
        (), description="Practice drills: fictional situations and what to do, who to tell, what never to do."
    )
    facts: Annotated[tuple[Fact, ...], Collection("facts.yml", "fact", "Fact")] = Field(
        (), description="Statements several pages make, stored once."
    )
    sources: Annotated[tuple[Source, ...], Collection("sources.yml", "source", "Source")] = Field(
        description="Every source that pages cite."
    )
    labor: Annotated[tuple[LaborFigure, ...], Collection("sources.yml", "labor figure", "Labor figure")] = Field(
        (), description="National pay and job outlook figures."
    )
    facility: Facility
    id_maps: dict[str, dict[str, tuple[str, ...]]] = Field(
        default_factory=dict, description="Overlays' maps from removed ids to the ids that replace them, by collection."
    )
    _raw: Handbook | None = PrivateAttr(default=None)

    # --- References in text ----------------------------------------------------

    @property
    def raw(self) -> Handbook:
        """The handbook with its text as written, references unresolved (what the differences page compares)."""
        return self._raw or self

    def say(self, kind: str, ref: str) -> str:
        """What a reference in data text becomes in this edition (see model/refs.py)."""
        if kind == "level":
            return self.level_title(ref)
        if kind == "role":
            return self.role_title(ref)
        return resolve_text(self.by_id(Fact)[ref].text, self.say)

    def resolved(self) -> Handbook:
        """This handbook with every reference in its text replaced by the edition's words."""
        book = type(self).model_construct(**resolved_fields(self, self.say))
        book._raw = self
        return book

    # --- Lookups ---------------------------------------------------------------

    def by_id(self, model: type[R]) -> Mapping[str, R]:
        """Records of the collection whose record model is ``model``, by id (cached)."""
        return self._indexes[model]  # type: ignore[return-value]

    def records(self, name: str) -> tuple[BaseModel, ...]:
        """Every record of the collection ``name`` (nested ones gathered from their parents)."""
        collection = next(c for c in table() if c.name == name)
        if collection.parent:
            return tuple(item for parent in getattr(self, collection.parent) for item in getattr(parent, name))
        value = getattr(self, name)
        return (value,) if collection.single else tuple(value)

    @cached_property
    def _indexes(self) -> dict[type[BaseModel], dict[str, BaseModel]]:
        return {c.model: {getattr(r, c.key): r for r in self.records(c.name)} for c in table() if c.key}

    @cached_property
    def roles(self) -> Mapping[str, Level | AdjacentRole]:
        """Every id a career path may start from or lead to: adjacent roles and levels."""
        return {**self.by_id(AdjacentRole), **self.by_id(Level)}

    def ids(self, collection: str) -> Mapping[str, object]:
        """Ids a reference to ``collection`` may name ("roles": levels and adjacent roles)."""
        if collection == "roles":
            return self.roles
        model = next(c.model for c in table() if c.name == collection)
        return self.by_id(model)

    @cached_property
    def ordered_levels(self) -> tuple[Level, ...]:
        return tuple(sorted(self.levels, key=lambda level: level.rank))

    def level_title(self, level_id: str) -> str:
        """A level's title as this facility names it (MHT I, BHT I, ...)."""
        return self.facility.level_titles.get(level_id) or self.by_id(Level)[level_id].title

    def role_title(self, role_id: str) -> str:
        if role_id in self.by_id(Level):
            return self.level_title(role_id)
        return self.by_id(AdjacentRole)[role_id].title

    def applies(self, scope: str | None) -> bool:
        return self.facility.permits(scope)

    def skill_gates(self, path: CareerPath) -> tuple[SkillGate, ...]:
        """What a move needs in skills. Between two technician levels it comes from the matrix
        (every skill the higher level expects more of, at that level's target), so it is never
        typed twice; other moves list their own gates."""
        levels = self.by_id(Level)
        if path.from_role not in levels or path.to_role not in levels:
            return path.requirements.skill_gates
        skills = self.by_id(Skill)
        return tuple(
            SkillGate(skill=row.skill, level=row.expected[path.to_role])
            for row in self.matrix
            if row.expected.get(path.to_role, 0) > row.expected.get(path.from_role, 0) and self.applies(skills[row.skill].scope)
        )

    def expected(self, skill_id: str, level_id: str) -> int:
        return self._matrix_lookup[skill_id][level_id]

    @cached_property
    def _matrix_lookup(self) -> dict[str, dict[str, int]]:
        return {row.skill: dict(row.expected) for row in self.matrix}
