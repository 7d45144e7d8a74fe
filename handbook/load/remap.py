"""Follow an overlay's ``map``: references to removed ids move to the ids that replace them.

A facility with its own ladder removes the standard levels, adds its own, and maps each
standard level to one or more of its own (``levels: {map: {bht-1: [pt-trainee, pt-1]}}``).
Every record that pointed at a standard level then points at the mapped ones: a list of
level ids gets all of them, a single field gets the first (a career path starts from the
last, see ``Ref.pick``), a mapping keyed by level gets an entry for each, and
``{level:...}``/``{role:...}`` in text names the first. So the standard matrix, paths,
certifications and duties keep working on the facility's ladder without being retyped.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from functools import cache
from typing import Any

from pydantic import BaseModel

from handbook.model.fields import Ref
from handbook.model.refs import REF

Maps = Mapping[str, Mapping[str, tuple[str, ...]]]  # collection -> old id -> new ids
# A reference kind or collection and the maps that apply to it: "roles" are levels and adjacent roles.
_APPLIES = {"roles": ("levels", "adjacent_roles"), "level": ("levels",), "role": ("levels", "adjacent_roles"), "fact": ("facts",)}


def _targets(maps: Maps, collection: str, ref: str) -> tuple[str, ...] | None:
    for name in _APPLIES.get(collection, (collection,)):
        if ref in maps.get(name, {}):
            return maps[name][ref]
    return None


@cache
def _hints(model: type[BaseModel]) -> dict[str, Any]:
    return typing.get_type_hints(model, include_extras=True)


def _text(text: str, maps: Maps) -> str:
    def move(found: typing.Match[str]) -> str:
        new = _targets(maps, found.group(1), found.group(2))
        return f"{{{found.group(1)}:{new[0]}}}" if new else found.group(0)

    return REF.sub(move, text) if "{" in text else text


def _walk(annotation: Any, value: Any, maps: Maps) -> Any:
    if value is None:
        return value
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        ref = next((m for m in annotation.__metadata__ if isinstance(m, Ref)), None)
        if ref is not None and isinstance(value, str):
            new = _targets(maps, ref.collection, value)
            return (new[-1] if ref.pick == "last" else new[0]) if new else value
        return _walk(args[0], value, maps)
    if origin in (typing.Union, types.UnionType):
        for arg in args:
            if arg is not type(None):
                value = _walk(arg, value, maps)
        return value
    if origin is tuple and isinstance(value, tuple):
        items: list[Any] = []
        for item in value:
            moved = _expand(args[0], item, maps)
            items += [m for m in moved if m not in items] if moved is not None else [_walk(args[0], item, maps)]
        return tuple(items)
    if origin is dict and isinstance(value, dict):
        out: dict[Any, Any] = {}
        for key, item in value.items():
            keys = _expand(args[0], key, maps) or (key,)
            for new_key in keys:
                out.setdefault(new_key, _walk(args[1], item, maps))
        return out
    if isinstance(value, str):
        return _text(value, maps)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and isinstance(value, annotation):
        changes = {}
        for name in annotation.model_fields:
            before = getattr(value, name)
            after = _walk(_hints(annotation)[name], before, maps)
            if after != before:
                changes[name] = after
        return value.model_copy(update=changes) if changes else value
    return value


def _expand(annotation: Any, value: Any, maps: Maps) -> tuple[str, ...] | None:
    """All the ids a mapped id in a list or a key stands for; None when it is not mapped."""
    if typing.get_origin(annotation) is typing.Annotated and isinstance(value, str):
        ref = next((m for m in annotation.__metadata__ if isinstance(m, Ref)), None)
        if ref is not None:
            return _targets(maps, ref.collection, value)
    return None


def remap(value: BaseModel, maps: Maps) -> dict[str, Any]:
    """Every field of ``value`` (a Handbook) with references to mapped ids moved."""
    hints = _hints(type(value))
    return {name: _walk(hints[name], getattr(value, name), maps) for name in type(value).model_fields}
