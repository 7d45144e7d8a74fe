"""The facility profile: who publishes this edition and what its technicians may do.

Medication tasks, restraint, observation levels, screening tools, note formats and
refresher intervals vary by state, setting and facility. Pages never state them as
universal rules; they read them from here.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from macros.base import HexColor, Months, Record, Slug, Text, Url

STATE_NAMES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "DC": "the District of Columbia", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts",
    "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico",
    "NY": "New York", "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming", "PR": "Puerto Rico", "GU": "Guam",
    "VI": "the U.S. Virgin Islands", "AS": "American Samoa", "MP": "the Northern Mariana Islands",
}
US_STATES = frozenset(STATE_NAMES)
StateCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]

MEDICATION_ROLE_NAMES = {
    "none": "No medication tasks",
    "observe-report": "Observe and report",
    "assist": "Assist under nursing supervision",
}


class Colors(Record):
    primary: HexColor = Field(description="Header and link color, as #rrggbb.")
    accent: HexColor = Field(description="Hover and highlight color, as #rrggbb.")


class Contact(Record):
    role: Text = Field(description="A role, never a person's name: 'Charge nurse on duty'.")
    how: Text = Field(description="How to reach that role: 'Unit phone, extension listed at the desk'.")


class Restraint(Record):
    used: bool = Field(description="Does the facility ever use restraint or seclusion?")
    bht_participates: bool = Field(False, description="Do trained technicians take part in holds?")

    @model_validator(mode="after")
    def _participation_needs_use(self) -> Restraint:
        if self.bht_participates and not self.used:
            raise ValueError("bht_participates is true but used is false: technicians cannot take part in holds a facility never uses")
        return self


class Scope(Record):
    """Scope of practice for technicians at this facility."""

    medication_role: Literal["none", "observe-report", "assist"]
    restraint: Restraint
    observation_levels: tuple[Slug, ...] = Field(min_length=1, description="Ids from data/observation.yml in use here.")
    deescalation_program: Slug = Field(description="Certification id of the de-escalation program, e.g. cpi or mapa.")
    suicide_screening_tool: Slug = Field(description="Glossary id of the screening tool, e.g. c-ssrs or asq.")
    note_format: Literal["DAP", "SOAP", "BIRP"]
    refreshers: dict[Slug, Months] = Field(
        default_factory=dict, description="Facility refresher interval in months, by certification id."
    )
    mandated_reporting: tuple[Contact, ...] = Field(min_length=1)


class PayBand(Record):
    level: Slug
    hourly_min: Annotated[float, Field(gt=0, le=500)]
    hourly_max: Annotated[float, Field(gt=0, le=500)]

    @model_validator(mode="after")
    def _ordered(self) -> PayBand:
        if self.hourly_min > self.hourly_max:
            raise ValueError(f"hourly_min {self.hourly_min} is above hourly_max {self.hourly_max}")
        return self


class Facility(Record):
    edition: Literal["standard", "facility"] = Field(
        description="'standard' for the upstream defaults; a facility's own profile says 'facility'."
    )
    name: Text
    short_name: Annotated[str, StringConstraints(min_length=1, max_length=30)]
    logo: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_./-]+\.(svg|png)$")] | None = None
    colors: Colors
    site_url: Url | None = None
    repo_url: Url | None = Field(None, description="Where the handbook's source lives, for 'Edit this page'.")
    contacts: tuple[Contact, ...] = ()
    state: StateCode | None = Field(None, description="Two-letter US state or territory code.")
    settings: tuple[Slug, ...] = Field((), description="Ids from data/settings.yml that this facility runs.")
    accreditor: Literal["joint-commission", "carf", "none"] = "none"
    level_titles: dict[Slug, Text] = Field(default_factory=dict, description="Local names for levels, by level id.")
    scope: Scope
    pay_bands: tuple[PayBand, ...] = ()

    @field_validator("state")
    @classmethod
    def _known_state(cls, state: str | None) -> str | None:
        if state is not None and state not in US_STATES:
            raise ValueError(f"{state!r} is not a US state or territory code")
        return state

    @property
    def is_standard(self) -> bool:
        return self.edition == "standard"

    def permits(self, scope: str | None) -> bool:
        """Whether content with this scope condition applies at this facility."""
        if scope is None or scope == "varies-by-state":
            return True
        if scope == "medication-observe":
            return self.scope.medication_role != "none"
        if scope == "medication-assist":
            return self.scope.medication_role == "assist"
        if scope == "restraint":
            return self.scope.restraint.used and self.scope.restraint.bht_participates
        raise ValueError(f"unknown scope condition {scope!r}")
