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
from collections.abc import Callable, Iterator
from typing import Any

from pydantic import BaseModel

REF = re.compile(r"\{(level|role|fact):([a-z0-9]+(?:-[a-z0-9]+)*)\}")
KINDS = {"level": "levels", "role": "roles", "fact": "facts"}  # the collection each kind points into


def refs_in(text: str) -> Iterator[tuple[str, str]]:
    """(kind, id) for each reference in ``text``."""
    for found in REF.finditer(text):
        yield found.group(1), found.group(2)


def resolve_text(text: str, lookup: Callable[[str, str], str]) -> str:
    """``text`` with each reference replaced by ``lookup(kind, id)``."""
    if "{" not in text:
        return text
    return REF.sub(lambda found: lookup(found.group(1), found.group(2)), text)


def resolved_fields(value: BaseModel, lookup: Callable[[str, str], str]) -> dict[str, Any]:
    """Every field of ``value`` with the references in its text resolved (records are copied, never changed)."""
    return {name: _resolve(getattr(value, name), lookup) for name in type(value).model_fields}


def _resolve(value: Any, lookup: Callable[[str, str], str]) -> Any:
    if isinstance(value, str):
        return resolve_text(value, lookup)
    if isinstance(value, tuple):
        return tuple(_resolve(item, lookup) for item in value)
    if isinstance(value, dict):
        return {key: _resolve(item, lookup) for key, item in value.items()}
    if isinstance(value, BaseModel):
        changes = {}
        for name in type(value).model_fields:
            before = getattr(value, name)
            after = _resolve(before, lookup)
            if after is not before and after != before:
                changes[name] = after
        return value.model_copy(update=changes) if changes else value
    return value
