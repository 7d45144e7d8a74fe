"""Shared field types and the base record, used by the model and the facility profile."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# --- Shared field types -------------------------------------------------------

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60),
    Field(description="Stable id: lower-case words joined by hyphens, e.g. `vital-signs`."),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
Url = Annotated[str, StringConstraints(pattern=r"""^https://[^\s<>"']+$""")]  # no \" : JSON Schema regexes are ECMA-262
HexColor = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
Proficiency = Annotated[int, Field(ge=0, le=4, strict=True, description="0 = not yet oriented ... 4 = leads and teaches.")]
Months = Annotated[int, Field(ge=1, le=240, strict=True)]

# Conditions under which a record applies. They tie generic content to the
# facility profile, because these duties vary by state, setting and facility.
ScopeCondition = Literal[
    "medication-observe",  # facility lets technicians observe and report on medication
    "medication-assist",  # facility lets technicians assist under nursing supervision
    "restraint",  # facility uses restraint or seclusion and technicians take part
    "varies-by-state",  # always shown, with a note that state rules differ
]
ValidationMethod = Literal[
    "observation", "return-demonstration", "written-test", "verbal", "simulation", "chart-review"
]
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
