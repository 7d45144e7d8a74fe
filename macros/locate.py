"""Turn locations and pydantic errors into short, plain messages."""

from __future__ import annotations

import difflib
import types
import typing

from pydantic import BaseModel


def format_field(path: tuple) -> str:
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


def describe_error(item: dict, loc: tuple) -> str:
    kind, message = item["type"], item["msg"]
    if kind == "missing":
        return f"missing required field {loc[-1]!r}"
    if kind == "extra_forbidden":
        allowed = allowed_fields(loc[:-1])
        hint = ""
        if allowed:
            close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; allowed fields: {', '.join(allowed)}"
        return f"unknown field {loc[-1]!r}{hint}"
    message = message.removeprefix("Value error, ")
    value = item.get("input")
    if isinstance(value, (dict, list)):
        found = "a mapping" if isinstance(value, dict) else "a list"
    else:
        found = repr(value)
        found = found if len(found) <= 60 else found[:57] + "..."
    return f"{message} (found {found})"


def allowed_fields(loc: tuple) -> list[str]:
    """Field names (as written in YAML) allowed at ``loc`` inside a Handbook."""
    from macros.model import Handbook

    current: object = Handbook
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
