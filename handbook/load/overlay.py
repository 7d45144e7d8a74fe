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
from functools import cache
from typing import Any, Generic, NamedTuple, TypedDict, TypeVar, cast

from pydantic import BaseModel, Field, create_model

from handbook.load.locate import Loc, format_field, shape_problems
from handbook.load.yamlnodes import Document
from handbook.model import collections
from handbook.model.collections import Collection
from handbook.model.fields import SLUG_PATTERN, Record, Slug

T = TypeVar("T")
A = TypeVar("A")


# --- The overlay file format (its JSON Schema comes from overlay_model()) ----------


class Section(Record, Generic[T]):
    """Changes to one collection. Applied in this order: remove, replace, add; then map."""

    remove: tuple[Slug, ...] = Field((), description="Ids of records to drop.")
    replace: tuple[T, ...] = Field((), description="Whole records that take the place of the record with the same id.")
    add: tuple[T, ...] = Field((), description="New records. Prefix their ids with your facility's short code, e.g. mg-.")
    map: dict[Slug, tuple[Slug, ...]] = Field(
        default_factory=dict,
        description="For a removed id, the ids that take its place wherever other records point at it, e.g. "
        "bht-1: [pt-trainee, pt-1] for your own ladder. A list of ids gets them all; a single field the first "
        "(a career path starts from the last).",
    )


class NestedSection(Record, Generic[T, A]):
    """Changes to records that live inside another collection's records (onboarding tasks
    and competencies inside phases), matched by id across all of them."""

    remove: tuple[Slug, ...] = Field((), description="Ids to drop, from whichever parent record holds them.")
    replace: tuple[T, ...] = Field((), description="Whole records; each stays where it is.")
    add: tuple[A, ...] = Field((), description="New records, each naming the parent record it joins.")


class ReplaceSection(Record, Generic[T]):
    """Only rewording: the records stay, their text changes."""

    replace: tuple[T, ...] = Field((), description="Whole records that take the place of the record with the same key.")


def _with_parent(collection: Collection) -> type[BaseModel]:
    """The record model plus the field naming its parent record: a task names its phase."""
    parent = collections.get(collection.parent)
    key = parent.one.split()[-1]  # "onboarding phase" -> "phase"
    description = f"Id of the {parent.one} to add the {collection.one} to."
    field_type: Any = (str, Field(pattern=SLUG_PATTERN, description=description))
    return create_model(f"{parent.model.__name__}{collection.model.__name__}", __base__=collection.model, **{key: field_type})


def parent_field(collection: Collection) -> str:
    return collections.get(collection.parent).one.split()[-1]


def _section(collection: Collection) -> tuple[Any, Any]:
    model: Any = collection.model
    what = f"{collection.heading} records"
    if collection.single:
        section: Any = create_model(
            f"{model.__name__}Section", __base__=Record, replace=(model, Field(description=f"The new {collection.one}."))
        )
        return section | None, Field(None, description=f"Reword the {collection.one}.")
    if collection.overlay == "replace":
        return ReplaceSection[model] | None, Field(None, description=f"{what} to reword, matched by {collection.key}.")
    if collection.parent:
        with_parent: Any = _with_parent(collection)  # a model built at run time, as ``model`` is
        return NestedSection[model, with_parent] | None, Field(
            None, description=f"{what} to remove, replace or add (an added one names its {parent_field(collection)}), matched by id."
        )
    return Section[model] | None, Field(None, description=f"{what} to remove, replace or add, matched by {collection.key}.")


@cache
def overlay_model() -> type[Record]:
    """One facility overlay file: a section per collection it changes, from the collection table."""
    # Any: create_model takes the fields as **kwargs, and mypy checks a typed dict against its other keywords (__base__, ...).
    fields: dict[str, Any] = {c.name: _section(c) for c in collections.table()}
    model = create_model("OverlayFile", __base__=Record, **fields)
    model.__doc__ = "One facility overlay file: a section per collection it changes."
    return model


def what(collection: str) -> str:
    return collections.get(collection).one


# --- Applying overlays ------------------------------------------------------------


class Place(NamedTuple):
    """Where a value was written: file label, its line map, and its path in that file."""

    label: str
    document: Document
    prefix: Loc

    def at(self, rest: Loc = ()) -> str:
        path = self.prefix + rest
        return f"{self.label}:{self.document.line_of(path)}"


@dataclass
class Entry:
    raw: object
    place: Place
    children: dict[str, list[Entry]] = field(default_factory=dict)  # nested records: a phase's tasks


@dataclass
class Applied:
    fields: dict[str, object]
    records: dict[Loc, Place]  # ("phases", 2, "tasks", 0) -> where that record was written
    whole: dict[str, Place]  # a field replaced as a whole (role)
    removed: dict[str, str]  # id -> "file:line" of the overlay line that removed it
    problems: list[str]
    maps: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)  # collection -> removed id -> new ids
    map_places: dict[tuple[str, str], Place] = field(default_factory=dict)  # (collection, old id) -> where mapped
    removed_from: dict[str, str] = field(default_factory=dict)  # id -> the collection it was removed from


class RawSection(TypedDict, total=False):
    """One collection's section of an overlay file as read; ``validate`` has checked it against ``overlay_model``."""

    remove: list[str]
    replace: Any  # a list of records; for a single record (the role), the record itself
    add: list[dict[str, object]]
    map: dict[str, list[str]]


def validate(label: str, document: Document) -> list[str]:
    """Problems in one overlay file's shape and records, at the file's own lines."""
    return shape_problems(overlay_model(), document.value, label, document.line_of)


def apply(fields: dict[str, object], whole: dict[str, Place], overlays: list[tuple[str, Document]]) -> Applied:
    """Apply validated overlays to the raw data fields. ``whole`` says where each field came from."""
    state = _State(fields, whole)
    for label, document in overlays:
        sections = cast(dict[str, RawSection | None], document.value)  # validate() has checked its shape
        for collection, section in sections.items():
            if section is not None:
                state.section(label, document, collection, section)
    return state.result()


def _key(collection: str, raw: object) -> object:
    return raw.get(collections.get(collection).key) if isinstance(raw, dict) else None


class _State:
    def __init__(self, fields: dict[str, object], whole: dict[str, Place]):
        self.fields = dict(fields)
        self.whole = dict(whole)
        self.changed_whole: dict[str, Place | None] = {}
        self.entries: dict[str, list[Entry]] = {}
        self.removed: dict[str, str] = {}
        self.removed_from: dict[str, str] = {}
        self.problems: list[str] = []
        self.maps: dict[str, dict[str, tuple[str, ...]]] = {}
        self.map_places: dict[tuple[str, str], Place] = {}

    # Records are turned into entries only for collections an overlay touches.
    def collection(self, name: str) -> list[Entry]:
        name = collections.get(name).parent or name
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
        if isinstance(raw, dict):
            for kind in collections.get(collection).children:
                value = raw.get(kind)
                items = value if isinstance(value, list) else []
                entry.children[kind] = [Entry(item, place._replace(prefix=place.prefix + (kind, i))) for i, item in enumerate(items)]
        return entry

    def pool(self, collection: str) -> list[list[Entry]]:
        """Lists to search for a record: the collection, or (nested) every parent record's list."""
        entries = self.collection(collection)
        return [parent.children.get(collection, []) for parent in entries] if collections.get(collection).parent else [entries]

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

    def problem(self, label: str, document: Document, path: Loc, message: str) -> None:
        self.problems.append(f"{label}:{document.line_of(path)}: {format_field(path)}: {message}")

    def section(self, label: str, document: Document, collection: str, section: RawSection) -> None:
        here = Place(label, document, (collection,))
        if collections.get(collection).single:
            self.fields[collection] = section["replace"]
            self.changed_whole[collection] = Place(label, document, (collection, "replace"))
            return
        for j, gone in enumerate(section.get("remove") or ()):
            found = self.find(collection, gone)
            if found is None:
                self.problem(label, document, (collection, "remove", j), self.unknown(collection, gone, "remove"))
                continue
            entries, i = found
            del entries[i]
            self.removed[str(gone)] = here.at(("remove", j))
            self.removed_from[str(gone)] = collection
        for j, raw in enumerate(section.get("replace") or ()):
            key = _key(collection, raw)
            found = self.find(collection, key)
            if found is None:
                where = (collection, "replace", j, collections.get(collection).key)
                self.problem(label, document, where, self.unknown(collection, key, "replace"))
                continue
            entries, i = found
            entries[i] = self.entry(collection, raw, Place(label, document, (collection, "replace", j)))
        for j, raw in enumerate(section.get("add") or ()):
            self.add(label, document, collection, j, raw)
        for old, new in (section.get("map") or {}).items():
            self.maps.setdefault(collection, {})[str(old)] = tuple(str(n) for n in new)
            self.map_places[(collection, str(old))] = Place(label, document, (collection, "map", old))

    def add(self, label: str, document: Document, collection: str, j: int, raw: dict[str, object]) -> None:
        key, key_name = _key(collection, raw), collections.get(collection).key
        found = self.find(collection, key)
        if found is not None:
            entries, i = found
            self.problem(
                label,
                document,
                (collection, "add", j, key_name),
                (
                    f"a {what(collection)} with id {key!r} already exists ({entries[i].place.at()}); "
                    "list it under replace to change it, or give the new record its own id"
                ),
            )
            return
        place = Place(label, document, (collection, "add", j))
        spec = collections.get(collection)
        if not spec.parent:
            self.collection(collection).append(self.entry(collection, raw, place))
            return
        parents = {_key(spec.parent, e.raw): e for e in self.collection(spec.parent)}
        named = parent_field(spec)
        if raw[named] not in parents:
            known = ", ".join(map(str, parents))
            message = f"unknown {named} id {raw[named]!r}; known ids: {known}"
            self.problem(label, document, (collection, "add", j, named), message)
            return
        child = Entry({k: v for k, v in raw.items() if k != named}, place)
        parents[raw[named]].children.setdefault(collection, []).append(child)

    def result(self) -> Applied:
        records: dict[Loc, Place] = {}
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
        return Applied(self.fields, records, whole, self.removed, self.problems, self.maps, self.map_places, self.removed_from)
