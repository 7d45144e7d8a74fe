"""Review governance: every page names an owner role, when it was last reviewed, and how often.

Clinical educators must be able to show that each page was reviewed on schedule. The
front matter of every page under docs/ carries::

    owner: Clinical education lead   # a role, never a person
    last_reviewed: 2026-11-22        # YYYY-MM-DD
    review_every: 12                 # months

A page without valid metadata stops the build with ``docs/<page>.md:<line>: <field>:
<message>``. "Today" is always passed in, so tests can move the clock. Engine-free:
this module reads page files itself, because the review status page needs every
page's metadata before the engine has read them all.
"""

from __future__ import annotations

import calendar
import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from macros.locate import describe_error
from macros.yamlnodes import YamlProblem, read_document

# Owners are roles, so ownership survives staff changes. A fork adds its own roles here.
REVIEWER_ROLES = (
    "Clinical education lead",
    "Nurse educator",
    "Nurse manager",
    "Director of nursing",
    "Unit manager",
    "Program director",
    "Medical director",
    "Lead BHT",
    "Behavior analyst",
    "Compliance officer",
    "Privacy officer",
    "Quality and safety lead",
    "Human resources lead",
    "Handbook maintainer",
)
MAX_REVIEW_MONTHS = 36
DUE_SOON_DAYS = 30
FUTURE_GRACE_DAYS = 1  # a reviewer a time zone ahead may already be on tomorrow's date
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
    def _a_known_role(cls, owner: str) -> str:
        if owner not in REVIEWER_ROLES:
            close = difflib.get_close_matches(owner, REVIEWER_ROLES, n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}?" if close else f"use one of: {', '.join(REVIEWER_ROLES)}"
            raise ValueError(f"owner must be a reviewer role (never a person); {hint}")
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


def check_page(src_path: str, text: str, today: date, label: str | None = None) -> PageReview | list[str]:
    """The page's review record, or its problems as ``<label>:<line>: <field>: <message>``.

    ``label`` is the file as the contributor knows it: ``docs/<src_path>`` unless the
    page comes from elsewhere (a facility's own pages live in its facility folder).
    """
    label = label or f"docs/{src_path}"
    try:
        meta, line_of, body = _front_matter(text)
    except YamlProblem as error:
        return [f"{label}:{error.line}: {error.field}: {error.message}"]
    if not isinstance(meta, dict):
        return [f"{label}:2: (front matter): expected a mapping with {', '.join(REVIEW_FIELDS)}"]
    try:
        review = ReviewMeta.model_validate(meta)
    except ValidationError as error:
        problems = []
        for item in error.errors(include_url=False):
            field = str(item["loc"][0])
            message = describe_error(item, item["loc"])
            if item["type"] == "missing" and not meta:
                message += "; pages start with front matter: owner, last_reviewed (YYYY-MM-DD) and review_every (months)"
            problems.append(f"{label}:{line_of(field)}: {field}: {message}")
        return problems
    if review.last_reviewed > today + timedelta(days=FUTURE_GRACE_DAYS):
        return [f"{label}:{line_of('last_reviewed')}: last_reviewed: {review.last_reviewed} is in the future (today is {today})"]
    return PageReview(src_path, _title(meta, body, src_path), review.owner, review.last_reviewed, review.review_every)


def collect(docs_dir: Path, today: date, extra: Iterable[tuple[str, Path, str]] = ()) -> list[PageReview]:
    """Every page under ``docs_dir`` in path order, then ``extra`` pages given as
    ``(src_path in the site, file, label for messages)``; raises ``ReviewError`` listing all problems."""
    docs_dir = Path(docs_dir)
    pages, problems = [], []
    found = [(path.relative_to(docs_dir).as_posix(), path, None) for path in sorted(docs_dir.rglob("*.md"))]
    for src_path, path, label in [*found, *extra]:
        result = check_page(src_path, path.read_text(encoding="utf-8"), today, label)
        if isinstance(result, list):
            problems.extend(result)
        else:
            pages.append(result)
    if problems:
        raise ReviewError(problems)
    return pages


def ordered(pages: list[PageReview], today: date) -> list[PageReview]:
    """Overdue pages first (longest overdue first), then by due date, then by path."""
    return sorted(pages, key=lambda p: (p.status(today) != "overdue", p.due, p.src_path))


def _front_matter(text: str):
    """(mapping, line-of-field function, body). A page without front matter has an empty mapping."""
    lines = text.splitlines()
    if not lines or lines[0].rstrip() != "---":
        return {}, lambda field: 1, text
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        raise YamlProblem(1, "(front matter)", "front matter starts with --- but never ends; close it with a line of ---")
    yaml_text = "\n".join(lines[1:end])
    body = "\n".join(lines[end + 1 :])
    if not yaml_text.strip():
        return {}, lambda field: 1, body
    try:
        document = read_document(yaml_text)
    except YamlProblem as error:
        raise YamlProblem(error.line + 1, error.field, error.message) from None

    def line_of(field: str) -> int:
        found = document.lines.get((field,))
        return found + 1 if found else 1  # +1: the opening --- is line 1

    return document.value, line_of, body


def _title(meta: dict, body: str, src_path: str) -> str:
    if isinstance(meta.get("title"), str) and meta["title"].strip():
        return meta["title"].strip()
    for line in body.splitlines():
        if line.startswith("# "):
            heading = line[2:].strip()
            if "{{" not in heading and "{%" not in heading:  # a heading with macros reads badly raw
                return heading
            break
    return src_path
