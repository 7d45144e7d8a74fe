"""Turn locations and pydantic errors into short, plain messages."""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Callable

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

# Where a value sits in a document or model: keys and list indexes, as pydantic's ``loc``.
Loc = tuple[str | int, ...]


def format_field(path: Loc) -> str:
    """``("skills", 3, "levels")`` -> ``skills[3].levels``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in ("[key]", "(key)"):
            continue
        else:
            out += f".{part}" if out else str(part)
    return out


# Plain words for the patterns in base.py and facility.py, for people who do not read regexes.
PATTERN_WORDS = {
    r"^#[0-9a-fA-F]{6}$": "a color written as # and six hex digits, like #00695c",
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "an id of lower-case words joined by hyphens, like vital-signs",
    r"""^https://[^\s<>"']+$""": "a web address that starts with https://",
    r"^[A-Z]{2}$": "a two-letter code in capitals, like OR",
    r"^[A-Za-z0-9_./-]+\.(svg|png)$": "a file name ending in .svg or .png, like logo.svg",
    r"^\d{2}-\d{4}$": "an occupation code like 29-2053",
    r"^([a-z0-9-]+/)*[a-z0-9-]+\.md$": "a page path inside docs/, like safety/medication.md",
    r"^[A-Za-z0-9._/-]{1,100}$": "a branch name of letters, digits, dots, dashes and slashes, like main",
    r"^([A-Za-z0-9_-]+/)*[A-Za-z0-9_-]+\.md$": "a page in the facility folder's docs/, like our-voices.md",
}


_REFERENCE_KEY = re.compile(r"^(level|role|fact):[a-z0-9-]+$")


def error_loc(item: ErrorDetails) -> Loc:
    """Where an error belongs. A check on a whole record (a model validator) reports at the
    record; when its message starts with one of the record's own fields, point at that field."""
    loc = tuple(item["loc"])
    value = item.get("input")
    if item["type"] == "value_error" and isinstance(value, dict):
        first = item["msg"].removeprefix("Value error, ").split(" ", 1)[0]
        if first in value:
            return (*loc, first)
    return loc


def describe_error(item: ErrorDetails, loc: Loc, root: type[BaseModel] | None = None) -> str:
    """Plain message for one pydantic error; ``root`` is the model ``loc`` starts in (default Handbook)."""
    kind, message = item["type"], item["msg"]
    if kind == "missing":
        return f"missing required field {loc[-1]!r}"
    if kind == "extra_forbidden":
        allowed = allowed_fields(loc[:-1], root)
        hint = ""
        if allowed:
            close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; allowed fields: {', '.join(allowed)}"
        return f"unknown field {loc[-1]!r}{hint}"
    message = message.removeprefix("Value error, ")
    if kind == "string_pattern_mismatch" and item.get("ctx", {}).get("pattern") in PATTERN_WORDS:
        message += f": expected {PATTERN_WORDS[item['ctx']['pattern']]}"
    value = item.get("input")
    if isinstance(value, dict) and len(value) == 1:
        key, inner = next(iter(value.items()))
        if inner is None and isinstance(key, str) and _REFERENCE_KEY.match(key):
            return f'{message}: YAML reads {{{key}}} without quotes as a mapping; write it in quotes, "{{{key}}}"'
    if kind == "value_error" and isinstance(value, dict):  # a check on the whole record
        return message.removeprefix(f"{loc[-1]} ") if loc else message  # the field is named before it already
    if isinstance(value, (dict, list)):
        found = "a mapping" if isinstance(value, dict) else "a list"
    else:
        found = repr(value)
        found = found if len(found) <= 60 else found[:57] + "..."
    return f"{message} (found {found})"


def allowed_fields(loc: Loc, root: type[BaseModel] | None = None) -> list[str]:
    """Field names (as written in YAML) allowed at ``loc`` inside ``root`` (default: a Handbook)."""
    from handbook.model.handbook import Handbook

    current: object = root or Handbook
    for part in loc:
        current = _step(current, part)
        if current is None:
            return []
    model = _model_in(current)
    if model is None:
        return []
    return [info.alias or name for name, info in model.model_fields.items()]


def _model_in(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found:
            return found
    return None


def _step(annotation: object, part: object) -> object | None:
    model = _model_in(annotation) if not _is_container(annotation) else None
    if model is not None and isinstance(part, str):
        for name, info in model.model_fields.items():
            if part in (name, info.alias):
                return info.annotation
        return None
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    origin = typing.get_origin(annotation)
    if origin in (tuple, list):
        return args[0] if args else None
    if origin is dict:
        return args[1] if len(args) == 2 else None
    if origin in (typing.Union, types.UnionType, typing.Annotated):
        for arg in args:
            found = _step(arg, part)
            if found is not None:
                return found
    return None


def _is_container(annotation: object) -> bool:
    return typing.get_origin(annotation) in (tuple, list, dict)


def shape_problems(model: type[BaseModel], value: object, label: str, line_of: Callable[[Loc], int]) -> list[str]:
    """``label:line: field: message`` for each way ``value`` does not fit ``model`` (none: [])."""
    try:
        model.model_validate(value)
    except ValidationError as error:
        found = []
        for item in error.errors(include_url=False):
            loc = error_loc(item)
            found.append(f"{label}:{line_of(loc)}: {format_field(loc) or '(top level)'}: {describe_error(item, loc, root=model)}")
        return found
    return []
