"""Put hostile text into every free-text field of every data file, keeping the data loadable.

The walk is generic: every string in every data/*.yml gets the payload. Strings that
must stay exact for the data to load (ids, slugs, enums, URLs, colors, codes) are found
by asking the loader: each field it rejects first gets a short payload, and is put
back as it was only if even that is rejected. So a new free-text field is poisoned
the day it is added, with no list to keep up to date here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

# One payload carries every attack, so every field is tried with all of them. Each part
# is harmless only if the site shows it as text: a script, an image whose error handler
# runs, a javascript: link in Markdown and in HTML, Jinja expressions and statements,
# and a pipe that would split a Markdown table cell.
PAYLOAD = (
    ' <script>window.__xss=1</script> <img src=x onerror="window.__xss=1">'
    ' [click](javascript:window.__xss=1) <a href="javascript:window.__xss=1">link</a>'
    " {{ 7*7 }} {% raw %}raw{% endraw %} {% if true %}yes{% endif %} cell|split"
)
# For short fields (a few are capped at 30 characters).
SHORT_PAYLOAD = "<i>{{7*7}}|</i>"
# What a reader must see, as text, wherever a poisoned field is shown.
VISIBLE = " ".join(PAYLOAD.split())
MARKER = "window.__xss=1"

_PROBLEM = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+): (?P<field>[^:]+): ")
_TOKEN = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


@dataclass
class Poisoned:
    """What was done: how many strings carry which payload, and which were left alone."""

    full: list[tuple[str, tuple]] = field(default_factory=list)
    short: list[tuple[str, tuple]] = field(default_factory=list)
    kept: list[tuple[str, tuple]] = field(default_factory=list)


def strings(value: object, path: tuple = ()) -> list[tuple]:
    """Paths of every string leaf (dict values and list items, never keys)."""
    if isinstance(value, str):
        return [path]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in strings(v, path + (k,))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in strings(v, path + (i,))]
    return []


def _get(value: object, path: tuple) -> object:
    for part in path:
        value = value[part]
    return value


def _set(value: object, path: tuple, new: object) -> None:
    for part in path[:-1]:
        value = value[part]
    value[path[-1]] = new


def _field_path(text: str) -> tuple:
    return tuple(int(n) if n else name for n, name in _TOKEN.findall(text))


def poison(project: Path, *, max_rounds: int = 6) -> Poisoned:
    """Rewrite ``project``/data/*.yml in place with payloads; return what was poisoned."""
    from handbook.load.loader import PROFILE_FILE, HandbookDataError, load_handbook
    from handbook.model.collections import data_files

    data_dir = project / "data"
    names = [*data_files(), PROFILE_FILE]
    originals = {name: yaml.safe_load((data_dir / name).read_text(encoding="utf-8")) for name in names}
    # The top-level key is part of the field path for collection files, not for the profile.
    prefix = {name: () for name in names}
    level: dict[tuple[str, tuple], str] = {}  # (file, path) -> "full" | "short" | "kept"
    for name, value in originals.items():
        for path in strings(value):
            # Pages name their owner in front matter, and it must be one of these roles:
            # the pages are not poisoned, so neither are the roles they name.
            owner_role = name == PROFILE_FILE and path[:1] in (("page_owners",), ("page_owner_map",))
            level[(name, path)] = "kept" if owner_role else "full"

    for _ in range(max_rounds):
        for name, value in originals.items():
            copy = yaml.safe_load(yaml.safe_dump(value, allow_unicode=True))
            for (file, path), how in level.items():
                if file != name or how == "kept":
                    continue
                original = _get(value, path)
                _set(copy, path, original + (PAYLOAD if how == "full" else " " + SHORT_PAYLOAD))
            (data_dir / name).write_text(yaml.safe_dump(copy, allow_unicode=True, sort_keys=False, width=4096), encoding="utf-8")
        try:
            load_handbook(data_dir, root=project)
            break
        except HandbookDataError as error:
            demoted = False
            for problem in error.problems:
                match = _PROBLEM.match(problem)
                if not match:
                    raise AssertionError(f"a problem line without file:line: field: {problem}") from None
                file = Path(match["file"]).name
                bad = prefix[file] + _field_path(match["field"])
                for (f, path), how in list(level.items()):
                    if f == file and path[: len(bad)] == bad and how != "kept":
                        level[(f, path)] = "short" if how == "full" else "kept"
                        demoted = True
            if not demoted:
                raise AssertionError("hostile data does not load, and no poisoned field is to blame:\n" + str(error)) from None
    else:
        raise AssertionError(f"hostile data still does not load after {max_rounds} rounds")

    result = Poisoned()
    for key, how in sorted(level.items(), key=str):
        getattr(result, how).append(key)
    return result
