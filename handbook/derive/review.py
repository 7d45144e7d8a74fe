"""Review governance: every page names an owner role, when it was last reviewed, and how often.

Clinical educators must be able to show that each page was reviewed on schedule. The
front matter of every page under docs/ carries::

    owner: Clinical education lead   # a role, never a person
    last_reviewed: 2026-11-22        # YYYY-MM-DD
    review_every: 12                 # months

A page without valid metadata stops the build with ``docs/<page>.md:<line>: <field>:
<message>``. "Today" is always passed in, so tests can move the clock. Engine-free:
this module reads page files itself (through the one reader), because the review
status page needs every page's metadata before the engine has read them all.
"""

from __future__ import annotations

import calendar
import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from handbook.load.frontmatter import front_matter
from handbook.load.layout import PageFile
from handbook.load.locate import describe_error
from handbook.load.reader import FileProblem, read_text
from handbook.load.rules import FUTURE_GRACE_DAYS
from handbook.load.yamlnodes import YamlProblem

# Owners are roles, so ownership survives staff changes. Which roles may own a page is the
# edition's choice: the facility profile lists them (page_owners), never this code.
MAX_REVIEW_MONTHS = 36
DUE_SOON_DAYS = 30

REVIEW_FIELDS = ("owner", "last_reviewed", "review_every")

Status = Literal["overdue", "due-soon", "current"]


class ReviewMeta(BaseModel):
    """The review fields of a page's front matter (other front matter keys are the page's own)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    owner: str = Field(description="The role that owns the page, e.g. Clinical education lead. Never a person.")
    last_reviewed: date = Field(description="When the owner last checked the whole page, YYYY-MM-DD.")
    review_every: Annotated[int, Field(ge=1, le=MAX_REVIEW_MONTHS, strict=True)] = Field(description="Months between reviews.")

    @field_validator("owner")
    @classmethod
    def _a_known_role(cls, owner: str, info: ValidationInfo) -> str:
        roles: Sequence[str] = (info.context or {}).get("owners", ())
        if owner not in roles:
            close = difflib.get_close_matches(owner, roles, n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}?" if close else f"use one of: {', '.join(roles)}"
            raise ValueError(f"owner must be one of the page owner roles in the facility profile (never a person); {hint}")
        return owner


@dataclass(frozen=True)
class PageReview:
    src_path: str  # relative to docs/, with forward slashes
    title: str
    owner: str
    last_reviewed: date
    review_every: int

    @property
    def due(self) -> date:
        return add_months(self.last_reviewed, self.review_every)

    def status(self, today: date) -> Status:
        if self.due < today:
            return "overdue"
        if self.due <= today + timedelta(days=DUE_SOON_DAYS):
            return "due-soon"
        return "current"

    def days_overdue(self, today: date) -> int:
        return (today - self.due).days


class ReviewError(Exception):
    """Pages with missing or bad review metadata; ``problems`` has one line each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        count = len(problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in page review metadata:\n" + "\n".join(problems))


def add_months(start: date, months: int) -> date:
    """``start`` plus whole months; the 31st becomes the last day of a shorter month."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def check_page(
    src_path: str,
    text: str,
    today: date,
    owners: Sequence[str],
    label: str | None = None,
    owner_map: Mapping[str, str] | None = None,
) -> PageReview | list[str]:
    """The page's review record, or its problems as ``<label>:<line>: <field>: <message>``.

    ``owners`` are the roles that may own a page (the profile's ``page_owners``); ``owner_map``
    (its ``page_owner_map``) gives this edition's owner for a role an upstream page names. ``label``
    is the file as the contributor knows it: ``docs/<src_path>`` unless the page comes from
    elsewhere (a facility's own pages live in its facility folder).
    """
    label = label or f"docs/{src_path}"
    try:
        front = front_matter(text)
        meta, line_of, body = front.meta, front.line_of, front.body
    except YamlProblem as error:
        return [f"{label}:{error.line}: {error.field}: {error.message}"]
    if not isinstance(meta, dict):
        return [f"{label}:2: (front matter): expected a mapping with {', '.join(REVIEW_FIELDS)}"]
    if owner_map and isinstance(meta.get("owner"), str) and meta["owner"] in owner_map:
        meta = {**meta, "owner": owner_map[meta["owner"]]}
    try:
        review = ReviewMeta.model_validate(meta, context={"owners": owners})
    except ValidationError as error:
        problems = []
        for item in error.errors(include_url=False):
            field = str(item["loc"][0])
            message = describe_error(item, item["loc"])
            if field == "owner" and item["type"] == "value_error" and label.startswith("docs/"):
                message += (
                    "; an upstream page keeps its owner, so a facility adds that role to page_owners "
                    "or names its own owner for it in page_owner_map"
                )
            if item["type"] == "missing" and not meta:
                message += "; pages start with front matter: owner, last_reviewed (YYYY-MM-DD) and review_every (months)"
            problems.append(f"{label}:{line_of(field)}: {field}: {message}")
        return problems
    if review.last_reviewed > today + timedelta(days=FUTURE_GRACE_DAYS):
        return [f"{label}:{line_of('last_reviewed')}: last_reviewed: {review.last_reviewed} is in the future (today is {today})"]
    return PageReview(src_path, _title(meta, body, src_path), review.owner, review.last_reviewed, review.review_every)


def collect(pages: Iterable[PageFile], today: date, owners: Sequence[str], owner_map: Mapping[str, str] | None = None) -> list[PageReview]:
    """Every page's review record, in the order given; raises ``ReviewError`` listing all problems.

    Pages are read through the one reader, so a page that is not UTF-8 or is far too
    large is a ``file:line`` problem like any other."""
    found, problems = [], []
    for page in pages:
        try:
            text = read_text(page.path, page.label)
        except FileProblem as error:
            problems.append(str(error))
            continue
        result = check_page(page.uri, text, today, owners, page.label, owner_map)
        if isinstance(result, list):
            problems.extend(result)
        else:
            found.append(result)
    if problems:
        raise ReviewError(problems)
    return found


def ordered(pages: list[PageReview], today: date) -> list[PageReview]:
    """Overdue pages first (longest overdue first), then by due date, then by path."""
    return sorted(pages, key=lambda p: (p.status(today) != "overdue", p.due, p.src_path))


def _title(meta: Mapping[str, object], body: str, src_path: str) -> str:
    title = meta.get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    for line in body.splitlines():
        if line.startswith("# "):
            heading = line[2:].strip()
            if "{{" not in heading and "{%" not in heading:  # a heading with macros reads badly raw
                return heading
            break
    return src_path
