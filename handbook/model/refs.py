"""References inside data text: ``{level:bht-2}``, ``{role:rn}``, ``{fact:who-sets-observation}``.

Data text never names a level by its title ("BHT II"): a facility renames levels, or has
its own ladder, and the text must follow. It writes ``{level:<id>}`` instead, which
becomes the edition's title for that level; ``{role:<id>}`` does the same for any role
(a level or an adjacent role), and ``{fact:<id>}`` puts in a fact stated once in
data/facts.yml. The loader checks every reference (``rules.text_references``) and then
resolves them, so renderers and exports see plain text; ``Handbook.raw`` keeps the text
as written, which is what the differences page compares.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Callable, Iterator
from datetime import date
from functools import cache
from typing import Any

from pydantic import BaseModel

REF = re.compile(r"\{(level|role|fact):([a-z0-9]+(?:-[a-z0-9]+)*)\}")
KINDS = {"level": "levels", "role": "roles", "fact": "facts"}  # the collection each kind points into


def refs_in(text: str) -> Iterator[tuple[str, str]]:
    """(kind, id) for each reference in ``text``."""
    for found in REF.finditer(text):
        yield found.group(1), found.group(2)


def resolve_text(text: str, lookup: Callable[[str, str], str]) -> str:
    """``text`` with each reference replaced by ``lookup(kind, id)`` (``text`` itself when it has none)."""
    if "{" not in text:
        return text
    resolved = REF.sub(lambda found: lookup(found.group(1), found.group(2)), text)
    return text if resolved == text else resolved


def resolved_fields(value: BaseModel, lookup: Callable[[str, str], str]) -> dict[str, Any]:
    """Every field of ``value`` with the references in its text resolved (records are copied, never changed)."""
    return {name: _resolve(getattr(value, name), lookup) for name in type(value).model_fields}


def _resolve(value: Any, lookup: Callable[[str, str], str]) -> Any:
    """``value`` with references resolved; the very same object when nothing in it changed,
    so unchanged records are shared, not copied or compared (large handbooks hold 30,000)."""
    if isinstance(value, str):
        return resolve_text(value, lookup)
    if isinstance(value, tuple):
        items = [_resolve(item, lookup) for item in value]
        return value if all(a is b for a, b in zip(items, value, strict=True)) else tuple(items)
    if isinstance(value, dict):
        resolved = {key: _resolve(item, lookup) for key, item in value.items()}
        return value if all(resolved[key] is item for key, item in value.items()) else resolved
    if isinstance(value, BaseModel):
        changes = {}
        for name in text_fields(type(value)):
            before = getattr(value, name)
            after = _resolve(before, lookup)
            if after is not before:
                changes[name] = after
        return value.model_copy(update=changes) if changes else value
    return value


@cache
def text_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` that can hold text with a reference: ids, addresses, numbers,
    dates and fixed choices never do, so the walk skips them."""
    hints = typing.get_type_hints(model, include_extras=True)
    return tuple(name for name in model.model_fields if _may_hold_text(hints[name], set()))


def _may_hold_text(annotation: Any, seen: set[type]) -> bool:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        patterned = any(getattr(m, "pattern", None) for m in annotation.__metadata__)
        return not patterned and _may_hold_text(args[0], seen)  # a pattern (slug, URL, color) has no braces
    if origin is typing.Literal or annotation in (int, float, bool, date, type(None)):
        return False
    if origin is not None:  # tuple, dict, list, a union: any of its parts
        return any(_may_hold_text(arg, seen) for arg in args if arg is not Ellipsis)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return True
        seen.add(annotation)
        hints = typing.get_type_hints(annotation, include_extras=True)
        return any(_may_hold_text(hints[name], seen) for name in annotation.model_fields)
    return True  # str, or anything unforeseen: walk it
