"""The collection table: every kind of record the handbook holds, declared once.

Each collection is one field of ``Handbook`` (or, for onboarding tasks and
competencies, of ``Phase``) annotated with a ``Collection``. Everything that works on
"every collection" reads this table instead of its own list: the loader (which file
holds which key), the rules (duplicate ids, references), overlays, the differences
page, the data downloads, the JSON Schemas and the CLI summary. Adding a collection is
its record model plus one annotated field.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Literal

from pydantic import BaseModel


@dataclass(frozen=True)
class Collection:
    """How one collection behaves. ``name`` and ``model`` are filled in by ``table()``."""

    file: str  # the data file that holds it, e.g. "skills.yml" (nested ones: the parent's file)
    one: str  # a reader's name for one record, for messages: "skill", "glossary term"
    heading: str  # a reader's name for one record on the differences page: "Skill"
    key: str = "id"  # the field that identifies a record ("skill" for matrix rows)
    overlay: Literal["full", "replace"] = "full"  # what overlays may do: remove/replace/add, or only replace
    name: str = ""  # the field name, e.g. "skills"
    model: type[BaseModel] = BaseModel  # the record model
    parent: str = ""  # for a collection inside another one's records: that collection ("phases")
    single: bool = False  # one record rather than a list (the role itself)
    children: tuple[str, ...] = field(default=(), compare=False)  # collections nested in each record

    @property
    def plural(self) -> str:
        """What the CLI summary counts: "adjacent roles", "glossary terms"."""
        return {
            "terms": "glossary terms",
            "phases": "onboarding phases",
            "labor": "labor figures",
            "matrix": "matrix rows",
            "scale": "scale levels",
        }.get(self.name, self.name.replace("_", " "))


def _collection_of(annotation: object) -> Collection | None:
    return next((m for m in getattr(annotation, "__metadata__", ()) if isinstance(m, Collection)), None)


def _record_model(annotation: object) -> type[BaseModel]:
    """``tuple[Skill, ...]`` or ``Skill`` -> ``Skill``."""
    for arg in (annotation, *typing.get_args(annotation)):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    raise TypeError(f"no record model in {annotation!r}")


def collections_of(model: type[BaseModel], parent: str = "", file: str = "") -> list[Collection]:
    """Collections declared on ``model``'s fields, and those nested inside their records."""
    found: list[Collection] = []
    hints = typing.get_type_hints(model, include_extras=True)
    for name in model.model_fields:
        spec = _collection_of(hints[name])
        if spec is None:
            continue
        inner = typing.get_args(hints[name])[0]  # Annotated[X, ...] -> X
        record = _record_model(inner)
        nested = collections_of(record, parent=name, file=spec.file or file)
        single = typing.get_origin(inner) is not tuple
        found.append(
            replace(
                spec,
                name=name,
                model=record,
                parent=parent,
                single=single,
                file=spec.file or file,
                children=tuple(c.name for c in nested if c.parent == name),
            )
        )
        found.extend(nested)
    return found


@cache
def table() -> tuple[Collection, ...]:
    """Every collection, in the order ``Handbook`` declares them (nested ones after their parent)."""
    from handbook.model.handbook import Handbook

    return tuple(collections_of(Handbook))


def get(name: str) -> Collection:
    for collection in table():
        if collection.name == name:
            return collection
    raise KeyError(name)


def data_files() -> dict[str, tuple[str, ...]]:
    """Which top-level keys live in which data file. One key, one home."""
    files: dict[str, list[str]] = {}
    for collection in table():
        if not collection.parent:
            files.setdefault(collection.file, []).append(collection.name)
    return {file: tuple(keys) for file, keys in files.items()}
