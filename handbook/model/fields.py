"""Shared field types and the base record, used by the records and the facility profile."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


@dataclass(frozen=True)
class Ref:
    """Marks an id field: its value must be the id of a record in ``collection``.

    ``rules.references`` finds every marked field by walking the model, so a new field
    that points at another collection is checked the day it is declared. When an overlay
    maps one removed id to several new ones (a facility's own ladder), a list takes them
    all; a single field takes the first, or the last where ``pick`` says so.
    """

    collection: str
    pick: str = "first"


# --- Shared field types -------------------------------------------------------

_SLUG = StringConstraints(pattern=SLUG_PATTERN, max_length=60)
Slug = Annotated[str, _SLUG, Field(description="Stable id: lower-case words joined by hyphens, e.g. `vital-signs`.")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
Url = Annotated[str, StringConstraints(pattern=r"""^https://[^\s<>"']+$""")]  # no \" : JSON Schema regexes are ECMA-262
HexColor = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
Proficiency = Annotated[int, Field(ge=0, le=4, strict=True, description="0 = not yet oriented ... 4 = leads and teaches.")]
Months = Annotated[int, Field(ge=1, le=240, strict=True)]

# Ids that point at a record of another collection (checked by rules.references).
SourceId = Annotated[str, _SLUG, Ref("sources")]
LevelId = Annotated[str, _SLUG, Ref("levels")]
RoleId = Annotated[str, _SLUG, Ref("roles")]  # a technician level or an adjacent role
FromRoleId = Annotated[str, _SLUG, Ref("roles", pick="last")]  # a move starts from the highest of several mapped levels
DomainId = Annotated[str, _SLUG, Ref("domains")]
SkillId = Annotated[str, _SLUG, Ref("skills")]
CertificationId = Annotated[str, _SLUG, Ref("certifications")]
SettingId = Annotated[str, _SLUG, Ref("settings")]
ObservationLevelId = Annotated[str, _SLUG, Ref("observation_levels")]
TermId = Annotated[str, _SLUG, Ref("terms")]

# Conditions under which a record applies. They tie generic content to the
# facility profile, because these duties vary by state, setting and facility.
ScopeCondition = Literal[
    "medication-observe",  # facility lets technicians observe and report on medication
    "medication-assist",  # facility lets technicians assist under nursing supervision (or give medication)
    "medication-administer",  # licensed or certified technicians give medication, as state law and the license allow
    "restraint",  # facility uses restraint or seclusion and technicians take part
    "varies-by-state",  # always shown, with a note that state rules differ
]
ValidationMethod = Literal["observation", "return-demonstration", "written-test", "verbal", "simulation", "chart-review"]
VALIDATION_METHOD_NAMES: dict[str, str] = {
    "observation": "Observation",
    "return-demonstration": "Return demonstration",
    "written-test": "Written test",
    "verbal": "Verbal",
    "simulation": "Simulation",
    "chart-review": "Chart review",
}


class Record(BaseModel):
    """Base for every record: frozen, strict about unknown fields."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
