"""What a facility edition changes against the standard edition, as plain data.

``compare(standard, current)`` is pure: two loaded handbooks in, an ``EditionDiff`` out.
Records are matched by id (matrix rows by skill, scale entries by level), so the diff
shows exactly what the facility's overlays added, replaced and removed; profile values
are compared field by field; and records that the facility's scope of practice hides
(or shows, where the standard edition hides them) are listed with the reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal, Protocol, cast

from pydantic import BaseModel

from handbook.load.remap import remap
from handbook.model import collections
from handbook.model.handbook import Handbook
from handbook.model.profile import MEDICATION_ROLE_NAMES, STATE_NAMES
from handbook.model.records import CareerPath, Level, MatrixRow, ScaleLevel, Skill

ACCREDITORS = {"joint-commission": "The Joint Commission", "carf": "CARF", "none": "None"}
PROFILE_LABELS = {
    "name": "Handbook name",
    "short_name": "Short name",
    "logo": "Logo",
    "colors.primary": "Main color",
    "colors.accent": "Accent color",
    "site_url": "Site address",
    "repo_url": "Source repository",
    "contacts": "Contacts",
    "state": "State",
    "settings": "Work settings",
    "accreditor": "Accreditor",
    "scope.medication_role": "Medication role",
    "scope.restraint.used": "Uses restraint or seclusion",
    "scope.restraint.bht_participates": "Technicians take part in holds",
    "scope.observation_levels": "Observation levels in use",
    "scope.deescalation_program": "De-escalation program",
    "scope.suicide_screening_tool": "Suicide screening tool",
    "scope.note_format": "Note format",
    "scope.naloxone": "Technicians may give naloxone",
    "scope.searches": "Technicians search belongings and rooms",
    "scope.mandated_reporting": "Mandated reporting: who to tell",
    "pay_bands": "Pay bands",
    "page_owners": "Roles that may own a page",
    "page_owner_map": "Upstream page owners, as this edition names them",
    "repo_host": "Repository host",
    "repo_branch": "Branch for edits",
}


@dataclass(frozen=True)
class RecordChange:
    collection: str
    key: str
    label: str
    change: Literal["added", "replaced", "removed"]
    fields: tuple[str, ...] = ()  # for a replaced record: the fields that differ


@dataclass(frozen=True)
class ProfileChange:
    label: str
    standard: tuple[str, ...]  # one line per item (a value, or each contact / pay band)
    current: tuple[str, ...]


@dataclass(frozen=True)
class ScopeChange:
    collection: str
    key: str
    label: str
    shown: bool  # True: shown here though the standard edition hides it
    reason: str


@dataclass(frozen=True)
class PageChange:
    page: str  # the upstream page, under docs/
    change: Literal["hidden", "replaced"]
    how: str  # the profile entry that hides it, or the facility file shown instead


@dataclass(frozen=True)
class MappedId:
    """A standard record an overlay removed, and the edition's own records that stand in for it."""

    collection: str
    standard: str  # the standard record as readers know it
    key: str
    mapped_to: tuple[str, ...]  # the edition's records, as readers know them


@dataclass(frozen=True)
class EditionDiff:
    name: str
    standard_name: str
    is_standard: bool
    records: tuple[RecordChange, ...]
    profile: tuple[ProfileChange, ...]
    scope: tuple[ScopeChange, ...]
    pages: tuple[PageChange, ...] = ()
    mapped: tuple[MappedId, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.records or self.profile or self.scope or self.pages or self.mapped)


def compare(standard: Handbook, current: Handbook, pages: tuple[PageChange, ...] = ()) -> EditionDiff:
    """``pages``: the upstream pages this edition hides or replaces (they depend on the site, not the data)."""
    return EditionDiff(
        name=current.facility.name,
        standard_name=standard.facility.name,
        is_standard=current.facility.is_standard,
        records=tuple(_record_changes(standard, current)),
        profile=tuple(_profile_changes(standard, current)),
        scope=tuple(_scope_changes(standard, current)),
        pages=pages,
        mapped=tuple(_mapped_ids(standard, current)),
    )


def _mapped_ids(standard: Handbook, current: Handbook) -> Iterator[MappedId]:
    for collection, mapping in current.id_maps.items():
        before, after = records(standard, collection), records(current, collection)
        for key, targets in mapping.items():
            standard_label = label(standard, collection, before[key]) if key in before else key
            shown = tuple(label(current, collection, after[t]) if t in after else t for t in targets)
            yield MappedId(collection, standard_label, key, shown)


def records(book: Handbook, collection: str) -> dict[str, BaseModel]:
    """A collection's records by their key (the role, a single record, by its field name)."""
    spec = collections.get(collection)
    return {str(getattr(r, spec.key)) if spec.key else collection: r for r in book.records(collection)}


def scoped() -> tuple[str, ...]:
    """Collections whose records may follow the facility's scope of practice."""
    return tuple(c.name for c in collections.table() if "scope" in c.model.model_fields)


def _parent_of(book: Handbook) -> dict[tuple[str, str], str]:
    """(collection, item id) -> parent id for nested records (a task's phase), built once per comparison.

    Finding the parent by searching each one for the record compared whole records
    and made large handbooks quadratic."""
    return {
        (spec.name, item.id): parent.id
        for spec in collections.table()
        if spec.parent
        for parent in getattr(book, spec.parent)
        for item in getattr(parent, spec.name)
    }


def _comparable(collection: str, record: BaseModel, parents: dict[tuple[str, str], str]) -> dict[str, object]:
    spec = collections.get(collection)
    data = record.model_dump(exclude=set(spec.children) or None)
    if spec.parent:  # moving an item to another parent record is a change too
        data[spec.parent] = parents[(collection, record.id)]  # type: ignore[attr-defined]
    return data


def label(book: Handbook, collection: str, record: BaseModel) -> str:
    """What a reader calls a record: its title or name, or what it is about."""
    if isinstance(record, MatrixRow):
        skill = book.by_id(Skill).get(record.skill)
        return skill.name if skill else record.skill
    if isinstance(record, ScaleLevel):
        return f"{record.level}: {record.name}"
    if isinstance(record, CareerPath):
        return f"{book.role_title(record.from_role)} to {book.role_title(record.to_role)}"
    for name in ("title", "name", "term", "occupation", "text"):
        if getattr(record, name, None):
            return str(getattr(record, name))
    return str(getattr(record, "id", ""))


def _record_changes(standard: Handbook, current: Handbook) -> Iterator[RecordChange]:
    """Records are compared as written (``raw``: references such as {level:bht-2} unresolved),
    so a record a facility never touched is never "replaced" because its levels have other
    titles there; readers see each record's label in the edition's own words."""
    if standard.raw is current.raw:  # the standard edition compared with itself
        return
    # A facility that maps standard ids to its own (its own ladder) changes every record that
    # points at them; compare with the standard edition mapped the same way, so only what the
    # facility wrote itself shows.
    base = Handbook.model_construct(**remap(standard.raw, current.id_maps)) if current.id_maps else standard.raw
    phases_before, phases_after = _parent_of(base), _parent_of(current.raw)
    for collection in (c.name for c in collections.table()):
        before, after = records(base, collection), records(current.raw, collection)
        shown_before, shown_after = records(standard, collection), records(current, collection)
        for key, record in after.items():
            if key not in before:
                yield RecordChange(collection, key, label(current, collection, shown_after[key]), "added")
                continue
            old, new = _comparable(collection, before[key], phases_before), _comparable(collection, record, phases_after)
            if old != new:
                fields = tuple(name for name in {**old, **new} if old.get(name) != new.get(name))
                yield RecordChange(collection, key, label(current, collection, shown_after[key]), "replaced", fields)
        for key in before:
            if key not in after:
                yield RecordChange(collection, key, label(standard, collection, shown_before[key]), "removed")


def _flatten(value: object, prefix: str = "") -> dict[str, object]:
    if isinstance(value, dict):
        out: dict[str, object] = {}
        for key, item in value.items():
            out.update(_flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return out
    return {prefix: value}


def _profile_changes(standard: Handbook, current: Handbook) -> Iterator[ProfileChange]:
    skip = {"edition", "level_titles", "pages", "page_owner_map"}  # titles are listed below; pages on their own table
    old = _flatten(standard.facility.model_dump(exclude=skip))
    new = _flatten(current.facility.model_dump(exclude=skip))
    for key in {**old, **new}:
        if old.get(key) != new.get(key):
            before, after = _lines(key, old.get(key), standard, current), _lines(key, new.get(key), standard, current)
            yield ProfileChange(_profile_label(key, standard, current), before, after)
    for level in current.ordered_levels:  # titles as readers see them, defaults included
        if level.id in standard.by_id(Level) and standard.level_title(level.id) != current.level_title(level.id):
            yield ProfileChange(f"Level title ({level.id})", (standard.level_title(level.id),), (current.level_title(level.id),))
    owner_map = current.facility.page_owner_map
    if owner_map != standard.facility.page_owner_map:
        yield ProfileChange(
            PROFILE_LABELS["page_owner_map"],
            tuple(f"{a} → {b}" for a, b in standard.facility.page_owner_map.items()) or ("Not set",),
            tuple(f"{a} → {b}" for a, b in owner_map.items()) or ("Not set",),
        )


def _name(books: tuple[Handbook, ...], collection: str, key: str, attr: str = "name") -> str:
    for book in books:
        found = book.ids(collection).get(key)
        if found is not None:
            return str(getattr(found, attr))
    return key


def _profile_label(key: str, standard: Handbook, current: Handbook) -> str:
    if key.startswith("scope.refreshers."):
        return f"Refresher interval: {_name((current, standard), 'certifications', key.rsplit('.', 1)[1])}"
    return PROFILE_LABELS.get(key, key)


def _lines(key: str, value: object, standard: Handbook, current: Handbook) -> tuple[str, ...]:
    """``value`` comes from the profile's ``model_dump``: ``key`` decides its type, hence the casts."""
    books = (current, standard)
    if value is None or value == ():
        return ("Not set",)
    if isinstance(value, bool):
        return ("Yes" if value else "No",)
    if key == "scope.medication_role":
        return (MEDICATION_ROLE_NAMES[cast(str, value)],)
    if key == "accreditor":
        return (ACCREDITORS[cast(str, value)],)
    if key == "state":
        return (f"{STATE_NAMES[cast(str, value)]} ({value})",)
    if key == "settings":
        return tuple(_name(books, "settings", item) for item in cast("tuple[str, ...]", value))
    if key == "scope.observation_levels":
        return tuple(_name(books, "observation_levels", item) for item in cast("tuple[str, ...]", value))
    if key == "scope.deescalation_program":
        return (_name(books, "certifications", cast(str, value)),)
    if key == "scope.suicide_screening_tool":
        return (_name(books, "terms", cast(str, value), "term"),)
    if key.startswith("scope.refreshers."):
        return (f"{value} months",)
    if key == "pay_bands":
        return tuple(
            f"{current.level_title(b['level']) if b['level'] in current.by_id(Level) else b['level']}: "
            f"${b['hourly_min']:.2f} to ${b['hourly_max']:.2f} an hour"
            for b in cast("tuple[dict[str, Any], ...]", value)
        )
    if isinstance(value, tuple) and value and isinstance(value[0], dict):  # contacts: role and how
        return tuple(f"{item['role']}: {item['how']}" for item in value)
    if isinstance(value, (tuple, list)):  # page owners: one line each
        return tuple(str(item) for item in value)
    return (str(value),)


def _reason(book: Handbook, scope: str | None) -> str:
    profile = book.facility.scope
    if scope is None:  # an overlay replaced a record the standard edition hides with one that has no condition
        return "This edition's record has no scope condition"
    if scope.startswith("medication"):
        return f"Medication role: {MEDICATION_ROLE_NAMES[profile.medication_role]}"
    if not profile.restraint.used:
        return "Restraint and seclusion are not used"
    part = "take part in holds" if profile.restraint.bht_participates else "do not take part in holds"
    return f"Restraint is used, and technicians {part}"


class _Scoped(Protocol):
    """A record of a collection ``scoped()`` lists: its model has a ``scope`` field."""

    @property
    def scope(self) -> str | None: ...


def _scope_of(record: BaseModel) -> str | None:
    return cast(_Scoped, record).scope


def _scope_changes(standard: Handbook, current: Handbook) -> Iterator[ScopeChange]:
    for collection in scoped():
        before = records(standard, collection)
        for key, record in records(current, collection).items():
            here = current.applies(_scope_of(record))
            there = standard.applies(_scope_of(before[key])) if key in before else here
            if here != there or (key not in before and not here):
                yield ScopeChange(collection, key, label(current, collection, record), here, _reason(current, _scope_of(record)))
