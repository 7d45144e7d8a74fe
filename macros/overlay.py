"""Facility overlays: add, replace or remove handbook records by id, never editing data/.

A facility keeps its changes in files it owns (``facility/overlays/*.yml``), so upstream
improvements to ``data/`` merge with a plain ``git merge``. Each overlay file maps a
collection name to a section with up to three lists::

    responsibilities:
      remove: [supply-inventory]        # ids of records to drop
      replace:                          # whole records, matched by id
        - {id: shift-notes, ...}
      add:                              # new records; the id must not exist yet
        - {id: mg-family-calls, ...}

Onboarding tasks and competencies live inside phases; their sections are ``tasks`` and
``competencies``, and an added one names its ``phase``. Matrix rows are matched by
``skill``, scale levels by ``level``; ``role`` (the role's identity) can only be replaced.

Files apply in name order; within a section: remove, then replace, then add. Every
record remembers the file and line it came from (``Place``), so the loader reports a
problem in an overlay record at the overlay's own line. Engine-free: plain data in and out.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Generic, NamedTuple, TypeVar

from pydantic import Field, ValidationError

from macros import model as m
from macros.base import Record, Slug
from macros.locate import describe_error, format_field
from macros.yamlnodes import Document

T = TypeVar("T")
A = TypeVar("A")


# --- The overlay file format (its JSON Schema comes from OverlayFile) --------------


class Section(Record, Generic[T]):
    """Changes to one collection. Applied in this order: remove, replace, add."""

    remove: tuple[Slug, ...] = Field((), description="Ids of records to drop.")
    replace: tuple[T, ...] = Field((), description="Whole records that take the place of the record with the same id.")
    add: tuple[T, ...] = Field((), description="New records. Prefix their ids with your facility's short code, e.g. mg-.")


class PhaseTask(m.Task):
    phase: Slug = Field(description="Id of the onboarding phase to add the task to, e.g. day-1.")


class PhaseCompetency(m.Competency):
    phase: Slug = Field(description="Id of the onboarding phase to add the competency to, e.g. week-1.")


class NestedSection(Record, Generic[T, A]):
    """Changes to tasks or competencies inside onboarding phases, matched by id across phases."""

    remove: tuple[Slug, ...] = Field((), description="Ids to drop, from whichever phase holds them.")
    replace: tuple[T, ...] = Field((), description="Whole records; each stays in its phase.")
    add: tuple[A, ...] = Field((), description="New records, each naming its phase.")


class ScaleSection(Record):
    replace: tuple[m.ScaleLevel, ...] = Field((), description="Proficiency scale entries to reword, matched by level (0-4).")


class RoleSection(Record):
    replace: m.RoleIdentity = Field(description="The role's title, short name, definition and aliases.")


def _about(what: str) -> object:
    return Field(None, description=f"{what} to remove, replace or add, matched by id.")


class OverlayFile(Record):
    """One facility overlay file: a section per collection it changes."""

    role: RoleSection | None = Field(None, description="Reword the role's title, short name, definition or aliases.")
    sources: Section[m.Source] | None = _about("Sources")
    labor: Section[m.LaborFigure] | None = _about("Labor figures")
    levels: Section[m.Level] | None = _about("Technician levels")
    adjacent_roles: Section[m.AdjacentRole] | None = _about("Roles beside the technician")
    domains: Section[m.Domain] | None = _about("Responsibility domains")
    responsibilities: Section[m.Responsibility] | None = _about("Responsibilities")
    scale: ScaleSection | None = Field(None, description="Reword proficiency scale entries, matched by level (0-4).")
    skills: Section[m.Skill] | None = _about("Skills")
    matrix: Section[m.MatrixRow] | None = Field(None, description="Skill matrix rows, matched by skill id.")
    paths: Section[m.CareerPath] | None = _about("Career paths")
    certifications: Section[m.Certification] | None = _about("Certifications and education")
    settings: Section[m.WorkSetting] | None = _about("Work settings")
    interventions: Section[m.Intervention] | None = _about("Interventions")
    observation_levels: Section[m.ObservationLevel] | None = _about("Observation levels")
    terms: Section[m.Term] | None = _about("Glossary terms")
    voices: Section[m.Voice] | None = Field(None, description="Testimonials; a real account needs consent_on_file: true.")
    phases: Section[m.Phase] | None = _about("Onboarding phases")
    tasks: NestedSection[m.Task, PhaseTask] | None = Field(
        None, description="Onboarding tasks to remove, replace or add (an added one names its phase), matched by id."
    )
    competencies: NestedSection[m.Competency, PhaseCompetency] | None = Field(
        None, description="Competencies to remove, replace or add (an added one names its phase), matched by id."
    )


NESTED = ("tasks", "competencies")  # live inside phases
KEYS = {"matrix": "skill", "scale": "level"}  # every other collection is matched by "id"
WHAT = {
    "adjacent_roles": "role", "responsibilities": "responsibility", "matrix": "matrix row for skill",
    "terms": "glossary term", "observation_levels": "observation level", "labor": "labor figure",
    "paths": "career path", "settings": "work setting", "tasks": "onboarding task",
    "competencies": "competency", "scale": "scale level", "certifications": "certification",
}


def what(collection: str) -> str:
    return WHAT.get(collection, collection.rstrip("s"))


# --- Applying overlays ------------------------------------------------------------


class Place(NamedTuple):
    """Where a value was written: file label, its line map, and its path in that file."""

    label: str
    document: Document
    prefix: tuple

    def at(self, rest: tuple = ()) -> str:
        path = self.prefix + rest
        return f"{self.label}:{self.document.line_of(path)}"


@dataclass
class Entry:
    raw: object
    place: Place
    children: dict[str, list[Entry]] = field(default_factory=dict)  # a phase's tasks and competencies


@dataclass
class Applied:
    fields: dict
    records: dict[tuple, Place]  # ("phases", 2, "tasks", 0) -> where that record was written
    whole: dict[str, Place]  # a field replaced as a whole (role)
    removed: dict[str, str]  # id -> "file:line" of the overlay line that removed it
    problems: list[str]


def validate(label: str, document: Document) -> list[str]:
    """Problems in one overlay file's shape and records, at the file's own lines."""
    try:
        OverlayFile.model_validate(document.value)
    except ValidationError as error:
        out = []
        for item in error.errors(include_url=False):
            loc = tuple(item["loc"])
            where = f"{label}:{document.line_of(loc)}: {format_field(loc) or '(top level)'}"
            out.append(f"{where}: {describe_error(item, loc, root=OverlayFile)}")
        return out
    return []


def apply(fields: dict, whole: dict[str, Place], overlays: list[tuple[str, Document]]) -> Applied:
    """Apply validated overlays to the raw data fields. ``whole`` says where each field came from."""
    state = _State(fields, whole)
    for label, document in overlays:
        for collection, section in document.value.items():
            if section is not None:
                state.section(label, document, collection, section)
    return state.result()


def _key(collection: str, raw: object) -> object:
    return raw.get(KEYS.get(collection, "id")) if isinstance(raw, dict) else None


class _State:
    def __init__(self, fields: dict, whole: dict[str, Place]):
        self.fields = dict(fields)
        self.whole = dict(whole)
        self.changed_whole: dict[str, Place] = {}
        self.entries: dict[str, list[Entry]] = {}
        self.removed: dict[str, str] = {}
        self.problems: list[str] = []

    # Records are turned into entries only for collections an overlay touches.
    def collection(self, name: str) -> list[Entry]:
        if name in NESTED:
            name = "phases"
        if name not in self.entries:
            raw_list = self.fields.get(name)
            base = self.whole.get(name)
            entries = []
            if isinstance(raw_list, list) and base is not None:
                for i, raw in enumerate(raw_list):
                    entries.append(self.entry(name, raw, Place(base.label, base.document, base.prefix + (i,))))
            self.entries[name] = entries
        return self.entries[name]

    @staticmethod
    def entry(collection: str, raw: object, place: Place) -> Entry:
        entry = Entry(raw, place)
        if collection == "phases" and isinstance(raw, dict):
            for kind in NESTED:
                items = raw.get(kind) if isinstance(raw.get(kind), list) else []
                entry.children[kind] = [Entry(item, place._replace(prefix=place.prefix + (kind, i))) for i, item in enumerate(items)]
        return entry

    def pool(self, collection: str) -> list[list[Entry]]:
        """Lists to search for a record: the collection, or every phase's tasks/competencies."""
        entries = self.collection(collection)
        return [phase.children.get(collection, []) for phase in entries] if collection in NESTED else [entries]

    def find(self, collection: str, key: object) -> tuple[list[Entry], int] | None:
        for entries in self.pool(collection):
            for i, entry in enumerate(entries):
                if _key(collection, entry.raw) == key:
                    return entries, i
        return None

    def unknown(self, collection: str, key: object, doing: str) -> str:
        known = [str(_key(collection, e.raw)) for entries in self.pool(collection) for e in entries]
        close = difflib.get_close_matches(str(key), known, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        if str(key) in self.removed:
            hint = f"; it was already removed at {self.removed[str(key)]}"
        elif doing == "replace":
            hint += " (a new record goes under add)"
        return f"no {what(collection)} with id {key!r} to {doing}{hint}"

    def problem(self, label: str, document: Document, path: tuple, message: str) -> None:
        self.problems.append(f"{label}:{document.line_of(path)}: {format_field(path)}: {message}")

    def section(self, label: str, document: Document, collection: str, section: dict) -> None:
        here = Place(label, document, (collection,))
        if collection == "role":
            self.fields["role"] = section["replace"]
            self.changed_whole["role"] = Place(label, document, ("role", "replace"))
            return
        for j, key in enumerate(section.get("remove") or ()):
            found = self.find(collection, key)
            if found is None:
                self.problem(label, document, (collection, "remove", j), self.unknown(collection, key, "remove"))
                continue
            entries, i = found
            del entries[i]
            self.removed[str(key)] = here.at(("remove", j))
        for j, raw in enumerate(section.get("replace") or ()):
            key = _key(collection, raw)
            found = self.find(collection, key)
            if found is None:
                where = (collection, "replace", j, KEYS.get(collection, "id"))
                self.problem(label, document, where, self.unknown(collection, key, "replace"))
                continue
            entries, i = found
            entries[i] = self.entry(collection, raw, Place(label, document, (collection, "replace", j)))
        for j, raw in enumerate(section.get("add") or ()):
            self.add(label, document, collection, j, raw)

    def add(self, label: str, document: Document, collection: str, j: int, raw: dict) -> None:
        key, key_name = _key(collection, raw), KEYS.get(collection, "id")
        found = self.find(collection, key)
        if found is not None:
            entries, i = found
            self.problem(label, document, (collection, "add", j, key_name), (
                f"a {what(collection)} with id {key!r} already exists ({entries[i].place.at()}); "
                "list it under replace to change it, or give the new record its own id"
            ))
            return
        place = Place(label, document, (collection, "add", j))
        if collection not in NESTED:
            self.collection(collection).append(self.entry(collection, raw, place))
            return
        phases = {_key("phases", e.raw): e for e in self.collection("phases")}
        if raw["phase"] not in phases:
            known = ", ".join(map(str, phases))
            self.problem(label, document, (collection, "add", j, "phase"), f"unknown phase id {raw['phase']!r}; known ids: {known}")
            return
        phases[raw["phase"]].children.setdefault(collection, []).append(Entry({k: v for k, v in raw.items() if k != "phase"}, place))

    def result(self) -> Applied:
        records: dict[tuple, Place] = {}
        for name, entries in self.entries.items():
            out = []
            for i, entry in enumerate(entries):
                records[(name, i)] = entry.place
                raw = entry.raw
                if entry.children and isinstance(raw, dict):
                    raw = dict(raw)
                    for kind, children in entry.children.items():
                        if children or kind in raw:
                            raw[kind] = [child.raw for child in children]
                        for c, child in enumerate(children):
                            records[(name, i, kind, c)] = child.place
                out.append(raw)
            self.fields[name] = out
            if name not in self.whole:  # a collection only an overlay fills
                self.changed_whole[name] = Place(entries[0].place.label, entries[0].place.document, (name,)) if entries else None
        whole = {k: v for k, v in self.changed_whole.items() if v is not None}
        return Applied(self.fields, records, whole, self.removed, self.problems)
