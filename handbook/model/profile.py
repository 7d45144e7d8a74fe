"""The facility profile: who publishes this edition and what its technicians may do.

Medication tasks, restraint, observation levels, screening tools, note formats and
refresher intervals vary by state, setting and facility. Pages never state them as
universal rules; they read them from here.
"""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import Field, StringConstraints, field_validator, model_validator

from handbook.model.fields import (
    CertificationId,
    HexColor,
    LevelId,
    Months,
    ObservationLevelId,
    Record,
    SettingId,
    TermId,
    Text,
    Url,
)

STATE_NAMES = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "DC": "the District of Columbia",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
    "PR": "Puerto Rico",
    "GU": "Guam",
    "VI": "the U.S. Virgin Islands",
    "AS": "American Samoa",
    "MP": "the Northern Mariana Islands",
}
US_STATES = frozenset(STATE_NAMES)
StateCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]

# Repository hosts the edit and suggest links know, by the address's host name.
REPO_HOSTS = {"github.com": "github", "gitlab.com": "gitlab", "bitbucket.org": "bitbucket", "dev.azure.com": "azure-devops"}

MEDICATION_ROLE_NAMES = {
    "none": "No medication tasks",
    "observe-report": "Observe and report",
    "assist": "Assist under nursing supervision",
    "administer": "Give medication within a state license or certification",
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

    medication_role: Literal["none", "observe-report", "assist", "administer"] = Field(
        description="none, observe-report (watch and tell the nurse), assist (help under nursing supervision) or administer "
        "(give medication as a state license or certification allows, such as a licensed psychiatric technician or a "
        "certified medication aide). It must match state law and the facility's license; no value lets a technician "
        "prescribe or change orders."
    )
    restraint: Restraint = Field(description="Whether restraint or seclusion is used here and whether technicians take part.")
    observation_levels: tuple[ObservationLevelId, ...] = Field(
        min_length=1, description="Ids of observation levels in data/settings.yml in use here."
    )
    deescalation_program: CertificationId = Field(description="Certification id of the de-escalation program, e.g. cpi or mapa.")
    suicide_screening_tool: TermId = Field(description="Glossary id of the screening tool, e.g. c-ssrs or asq.")
    note_format: Literal["DAP", "SOAP", "BIRP"] = Field(description="The note format technicians write: DAP, SOAP or BIRP.")
    naloxone: bool = Field(
        False,
        description="May trained technicians give naloxone nasal spray in a suspected opioid overdose, under the facility's "
        "standing order? Varies by state and facility.",
    )
    searches: bool = Field(
        True, description="Do technicians search people's belongings and rooms for items not allowed on the unit, as policy says?"
    )
    refreshers: dict[CertificationId, Months] = Field(
        default_factory=dict, description="Facility refresher interval in months, by certification id."
    )
    mandated_reporting: tuple[Contact, ...] = Field(
        min_length=1, description="Who to tell about suspected abuse or neglect, and how, by role."
    )


class PayBand(Record):
    level: LevelId = Field(description="Id of a level in data/roles.yml.")
    hourly_min: Annotated[float, Field(gt=0, le=500)] = Field(
        description="Lowest hourly pay for the level at this facility, in US dollars."
    )
    hourly_max: Annotated[float, Field(gt=0, le=500)] = Field(
        description="Highest hourly pay for the level at this facility, in US dollars."
    )

    @model_validator(mode="after")
    def _ordered(self) -> PayBand:
        if self.hourly_min > self.hourly_max:
            raise ValueError(f"hourly_min {self.hourly_min} is above hourly_max {self.hourly_max}")
        return self


UpstreamPage = Annotated[str, StringConstraints(pattern=r"^([a-z0-9-]+/)*[a-z0-9-]+\.md$")]
FacilityPage = Annotated[str, StringConstraints(pattern=r"^([A-Za-z0-9_-]+/)*[A-Za-z0-9_-]+\.md$")]


class PageChanges(Record):
    """Upstream pages this edition leaves out, or shows with the facility's own page instead."""

    hide: tuple[UpstreamPage, ...] = Field((), description="Pages under docs/ to leave out of this edition, e.g. contribute/macros.md.")
    hide_sections: tuple[Text, ...] = Field(
        (), description="Whole nav sections to leave out, by their title in mkdocs.yml's nav, e.g. Contribute."
    )
    replace: dict[UpstreamPage, FacilityPage] = Field(
        default_factory=dict,
        description="An upstream page (under docs/) and the facility page (under the facility folder's docs/) shown at its "
        "address instead, e.g. voices/index.md: our-voices.md. Links to the upstream page then reach the facility's page.",
    )


class Facility(Record):
    edition: Literal["standard", "facility"] = Field(
        description="'standard' for the upstream defaults; a facility's own profile says 'facility'."
    )
    name: Text = Field(description="The facility's or edition's full name, shown in the header.")
    short_name: Annotated[str, StringConstraints(min_length=1, max_length=30)] = Field(
        description="A short name for tight spaces, up to 30 characters."
    )
    logo: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_./-]+\.(svg|png)$")] | None = Field(
        None, description="Logo image file name, .svg or .png."
    )
    colors: Colors = Field(description="Brand colors for the site.")
    site_url: Url | None = Field(None, description="Where the published handbook lives, https only.")
    repo_url: Url | None = Field(
        None,
        description="Where the handbook's source lives, e.g. https://github.com/owner/repo, for 'Edit this page' and "
        "'Suggest a change' links. Empty: the standard edition links upstream; a facility edition shows no links.",
    )
    repo_host: Literal["github", "gitlab", "bitbucket", "azure-devops"] | None = Field(
        None,
        description="Which service hosts repo_url, so the links follow its address scheme: github, gitlab, bitbucket or "
        "azure-devops. Empty: worked out from repo_url (github.com, gitlab.com, bitbucket.org, dev.azure.com).",
    )
    repo_branch: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._/-]{1,100}$")] = Field(
        "main", description="The branch that 'Edit this page' opens, e.g. main or master."
    )
    contacts: tuple[Contact, ...] = Field((), description="Who to contact for what, by role. Never a person's name.")
    state: StateCode | None = Field(None, description="Two-letter US state or territory code.")
    settings: tuple[SettingId, ...] = Field((), description="Ids from data/settings.yml that this facility runs.")
    accreditor: Literal["joint-commission", "carf", "none"] = Field(
        "none", description="The facility's accrediting body: joint-commission, carf or none."
    )
    level_titles: dict[LevelId, Text] = Field(default_factory=dict, description="Local names for levels, by level id.")
    scope: Scope = Field(description="What technicians may do at this facility.")
    pay_bands: tuple[PayBand, ...] = Field((), description="Local pay ranges by level, if the facility publishes them.")
    pages: PageChanges = Field(
        default_factory=PageChanges, description="Upstream pages or nav sections to hide, and pages to replace with your own."
    )
    page_owners: tuple[Text, ...] = Field(
        min_length=1,
        description="The roles that may own a page (a page's front matter names one as its owner). Roles, never people's "
        "names, so ownership survives staff changes: e.g. Clinical education lead, Senior MHW.",
    )
    page_owner_map: dict[Text, Text] = Field(
        default_factory=dict,
        description="An owner role that upstream pages name, and the role in page_owners that owns those pages here, "
        "e.g. Nurse educator: Director of nursing. Upstream pages keep their front matter; this edition shows its own owner.",
    )

    @model_validator(mode="after")
    def _owners_map_to_listed_roles(self) -> Facility:
        unknown = sorted(set(self.page_owner_map.values()) - set(self.page_owners))
        if unknown:
            raise ValueError(f"page_owner_map gives {', '.join(map(repr, unknown))}, which page_owners does not list")
        return self

    @model_validator(mode="after")
    def _known_repository_host(self) -> Facility:
        # Messages start with the field they are about, so the error points at its line.
        host = urlsplit(self.repo_url).hostname if self.repo_url else None
        if self.repo_url and self.repo_host is None and host not in REPO_HOSTS:
            raise ValueError(
                f"repo_url points to {host}, which is not one of {', '.join(REPO_HOSTS)}; add repo_host to say "
                "which service it is (github, gitlab, bitbucket or azure-devops)"
            )
        if self.repo_host == "bitbucket" and host != "bitbucket.org":
            raise ValueError(
                f"repo_url points to {host}, but repo_host bitbucket makes Bitbucket Cloud (bitbucket.org) links, and a "
                "self-hosted Bitbucket uses other addresses; leave repo_url out (no edit links) until it is supported"
            )
        return self

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
            return self.scope.medication_role in ("assist", "administer")
        if scope == "medication-administer":
            return self.scope.medication_role == "administer"
        if scope == "restraint":
            return self.scope.restraint.used and self.scope.restraint.bht_participates
        raise ValueError(f"unknown scope condition {scope!r}")
