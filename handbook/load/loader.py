"""Read data/*.yml into the typed model, or fail with every problem at once.

Problems read ``data/skills.yml:14: skills[3].levels: <message>``: file, line, field.
YAML is composed into nodes (not loaded straight to Python) so that every value
keeps the line it came from; pydantic's error locations are mapped back to them.
Which key lives in which file comes from the collection table (``model/collections.py``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Sequence
from datetime import date
from pathlib import Path

import yaml
from pydantic import ValidationError

from handbook.load import cache, overlay, rules
from handbook.load.layout import SiteLayout
from handbook.load.locate import Loc, describe_error, error_loc, format_field, shape_problems
from handbook.load.reader import FileProblem, read_text
from handbook.load.remap import remap
from handbook.load.yamlnodes import Document, YamlProblem, read_document
from handbook.model import collections
from handbook.model.handbook import Handbook
from handbook.model.profile import Facility

PROFILE_FILE = "facility.yml"  # the whole file is one mapping: the facility profile


def relative_label(path: Path, root: Path) -> str:
    """A file as contributors name it: relative to the project when it is inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


class HandbookDataError(Exception):
    """Bad data. ``problems`` holds one ``file:line: field: message`` line each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        count = len(problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the handbook data:\n" + "\n".join(problems))


class Origin:
    """Where each Handbook field came from: file label and the document's line map.

    ``by_record`` refines that per record once overlays mix files: the key is a path
    like ``("responsibilities", 4)`` or ``("phases", 1, "tasks", 0)``, and the longest
    matching path wins, so a record added by an overlay points at the overlay's line.
    """

    def __init__(self) -> None:
        self.by_field: dict[str, tuple[str, Document, Loc]] = {}
        self.by_record: dict[Loc, tuple[str, Document, Loc]] = {}

    def add(self, field: str, label: str, document: Document, prefix: Loc) -> None:
        self.by_field[field] = (label, document, prefix)

    def add_record(self, path: Loc, label: str, document: Document, prefix: Loc) -> None:
        self.by_record[path] = (label, document, prefix)

    def locate(self, field: str, loc: Loc) -> str:
        label, document, prefix = self.by_field[field]
        rest = loc
        for depth in range(len(loc), 0, -1):
            found = self.by_record.get((field,) + tuple(loc[:depth]))
            if found:
                (label, document, prefix), rest = found, loc[depth:]
                break
        path = prefix + tuple(rest)
        return f"{label}:{document.line_of(path)}: {format_field(path) or '(top level)'}"


def load_handbook(
    data_dir: Path,
    profile: Path | None = None,
    root: Path | None = None,
    overlays: Sequence[Path] = (),
    pages: SiteLayout | Collection[str] | None = None,
    today: date | None = None,
) -> Handbook:
    """Load, validate and cross-check. ``profile`` replaces data/facility.yml when given;
    ``overlays`` (facility overlay files, see overlay.py) then add, replace or remove records.
    ``pages``, when given, checks what data says about pages: the site's layout (its pages,
    the facility's pages, nav sections; see layout.py), or just the paths under docs/.
    ``today`` (default: the real date) is the date that facts such as `retrieved` must not be after."""
    data_dir = Path(data_dir)
    data_files = collections.data_files()
    root = Path(root) if root else data_dir.parent
    today = today or date.today()
    cache_key = _cache_key(data_dir, data_files, profile, overlays, pages, today)
    if cache_key is not None:
        hit = _from_cache(cache_key, profile)
        if hit is not None:
            return hit
    problems: list[str] = []
    fields: dict[str, object] = {}
    origin = Origin()

    def label(path: Path) -> str:
        return relative_label(path, root)

    for name, keys in data_files.items():
        path = data_dir / name
        document = _read(path, label(path), problems)
        if document is None:
            continue
        if not isinstance(document.value, dict):
            where = f"{label(path)}:{document.line_of(())}: (top level)"
            problems.append(f"{where}: expected a mapping with keys {', '.join(keys)}; found {_kind(document.value)}")
            continue
        for key in document.value:
            if key not in keys:
                home = next((file for file, owned in data_files.items() if key in owned), None)
                hint = f"; {key!r} belongs in {label(data_dir / home)}" if home else f"; allowed keys: {', '.join(keys)}"
                problems.append(f"{label(path)}:{document.line_of((key,))}: {key}: unknown top-level key{hint}")
        for key in keys:
            if key in document.value:
                fields[key] = document.value[key]
                origin.add(key, label(path), document, (key,))

    profile_path = Path(profile) if profile else data_dir / PROFILE_FILE
    document = _read(profile_path, label(profile_path), problems)
    if document is not None:
        fields["facility"] = document.value
        origin.add("facility", label(profile_path), document, ())

    if document is not None and overlays:
        problems.extend(_profile_shape(document, label(profile_path)))  # report with any overlay problems
    documents = []
    for path in overlays:
        document = _read(Path(path), label(Path(path)), problems, empty_ok=True)
        if document is not None:
            problems.extend(overlay.validate(label(Path(path)), document))
            documents.append((label(Path(path)), document))

    if problems:  # unreadable files: validating the rest would only add noise
        raise HandbookDataError(problems)
    removed: dict[str, str] = {}
    removed_from: dict[str, str] = {}
    maps: dict[str, dict[str, tuple[str, ...]]] = {}
    map_places: dict[tuple[str, str], overlay.Place] = {}
    if documents:
        applied = overlay.apply(fields, {k: overlay.Place(*v) for k, v in origin.by_field.items()}, documents)
        if applied.problems:
            raise HandbookDataError(applied.problems)
        fields, removed, maps, map_places = applied.fields, applied.removed, applied.maps, applied.map_places
        removed_from = applied.removed_from
        for name, place in applied.whole.items():
            origin.add(name, *place)
        for record, place in applied.records.items():
            origin.add_record(record, *place)
    try:
        book = Handbook.model_validate(fields)
    except ValidationError as error:
        homes = {key: label(data_dir / file) for file, keys in data_files.items() for key in keys}
        raise HandbookDataError(_validation_problems(error, origin, homes)) from None
    validated = book
    if maps:
        mapping_problems = _map_problems(book, maps, map_places)
        if mapping_problems:
            raise HandbookDataError(mapping_problems)
        book = _mapped(book, maps)
    checks = rules.check(book, today)
    if pages is not None:
        layout = pages if isinstance(pages, SiteLayout) else SiteLayout.from_uris(frozenset(pages))
        checks += [*rules.page_changes(book, layout), *rules.page_links(book, layout)]
    found = [f"{origin.locate(collection, loc)}: {_removal_hint(message, removed)}" for collection, loc, message in checks]
    found = _removal_summary(checks, removed, removed_from) + found
    if profile is not None:
        found += _profile_problems(book, Path(profile), origin)
    if found:
        raise HandbookDataError(found)
    resolved = book.resolved()
    if cache_key is not None:  # only a load that passed every check is kept
        cache.put_disk(cache_key, validated, maps)
        cache.put_memory(cache_key, resolved)
    return resolved


def _mapped(book: Handbook, maps: dict[str, dict[str, tuple[str, ...]]]) -> Handbook:
    return Handbook.model_construct(**{**remap(book, maps), "id_maps": maps})


def _cache_key(
    data_dir: Path,
    data_files: dict[str, tuple[str, ...]],
    profile: Path | None,
    overlays: Sequence[Path],
    pages: SiteLayout | Collection[str] | None,
    today: date,
) -> str | None:
    """The cache key of this load: every file it reads, the pages it checks links against and
    the day (see cache.py). None when a file cannot be read: the full load reports that."""
    if not cache.enabled():
        return None
    files = [data_dir / name for name in data_files]
    files.append(Path(profile) if profile else data_dir / PROFILE_FILE)
    files += [Path(path) for path in overlays]
    parts = [("today", today.isoformat()), ("profile given", str(profile is not None))]
    try:
        parts += [(f"file {i}", read_text(path, path.name)) for i, path in enumerate(files)]
    except FileProblem:
        return None
    if isinstance(pages, SiteLayout):
        layout = [sorted(pages.upstream), sorted(pages.facility), pages.sections]
        parts.append(("pages", json.dumps(layout, sort_keys=True)))
    elif pages is not None:
        parts.append(("pages", json.dumps(sorted(pages))))
    return cache.key(parts)


def _from_cache(cache_key: str, profile: Path | None) -> Handbook | None:
    found = cache.get(cache_key)
    if found is None:
        return None
    if isinstance(found, Handbook):
        resolved = found
    else:
        book, maps = found
        resolved = (_mapped(book, maps) if maps else book).resolved()
        cache.put_memory(cache_key, resolved)
    if profile is not None and _logo_problem(resolved, Path(profile)):
        return None  # the logo file moved since: the full load says so
    return resolved


def _profile_shape(document: Document, label: str) -> list[str]:
    return shape_problems(Facility, document.value, label, document.line_of)


def _map_problems(book: Handbook, maps: dict[str, dict[str, tuple[str, ...]]], places: dict[tuple[str, str], overlay.Place]) -> list[str]:
    """A map moves references from an id an overlay removed to ids that exist."""
    found = []
    for collection, moves in maps.items():
        known = book.ids(collection)
        for old, new in moves.items():
            where = f"{places[(collection, old)].at()}: {collection}.map.{old}"
            if old in known:
                found.append(f"{where}: {old!r} is still here; map only ids this overlay removes")
            for target in new:
                if target not in known:
                    found.append(f"{where}: unknown id {target!r}; known ids: {', '.join(sorted(known))}")
            if not new:
                found.append(f"{where}: map {old!r} to at least one id")
    return found


def _removed_id(message: str, removed: dict[str, str]) -> str | None:
    match = re.match(r"unknown .*?id '([^']+)'", message)
    return match.group(1) if match and match.group(1) in removed else None


def _removal_hint(message: str, removed: dict[str, str]) -> str:
    """An id that no longer exists because an overlay removed it: say where."""
    gone = _removed_id(message, removed)
    if gone:
        return f"{message}; {gone!r} was removed at {removed[gone]}: remove or replace what still uses it, or map it"
    return message


def _removal_summary(checks: list[rules.Problem], removed: dict[str, str], removed_from: dict[str, str]) -> list[str]:
    """Removing a level the standard data uses everywhere breaks dozens of records at once;
    one line first says what fixes them all (a ``map`` in the overlay that removed it)."""
    uses: dict[str, int] = {}
    for _collection, _loc, message in checks:
        gone = _removed_id(message, removed)
        if gone:
            uses[gone] = uses.get(gone, 0) + 1
    return [
        f"{removed[gone]}: {removed_from[gone]}.remove: {gone!r} is removed but still used in {count} places below; "
        f"a `map:` entry in that overlay, such as map: {{{gone}: [your-id]}}, points them all at your own ids"
        for gone, count in uses.items()
        if count >= 3
    ]


def _logo_problem(book: Handbook, profile: Path) -> str | None:
    logo = book.facility.logo
    if not logo:
        return None
    folder = profile.parent.resolve()
    target = (folder / logo).resolve()
    if not target.is_relative_to(folder):
        return f"the logo must be inside the profile's folder ({logo!r} points outside it)"
    if not target.is_file():
        return f"logo file {logo!r} not found next to the profile"
    return None


def _profile_problems(book: Handbook, profile: Path, origin: Origin) -> list[str]:
    """Checks that need the profile's own folder: its logo file."""
    problem = _logo_problem(book, profile)
    return [f"{origin.locate('facility', ('logo',))}: {problem}"] if problem else []


def _read(path: Path, label: str, problems: list[str], empty_ok: bool = False) -> Document | None:
    try:
        text = read_text(path, label)
        if empty_ok and not any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()):
            return None  # an overlay with nothing but comments changes nothing
        return read_document(text)
    except FileProblem as error:
        problems.append(str(error))
    except YamlProblem as error:
        problems.append(f"{label}:{error.line}: {error.field or '(yaml)'}: {error.message}")
    except yaml.YAMLError as error:  # pragma: no cover - read_document wraps these
        problems.append(f"{label}:1: (yaml): {error}")
    return None


def _validation_problems(error: ValidationError, origin: Origin, homes: dict[str, str]) -> list[str]:
    """One line per pydantic error; ``homes`` names the file each top-level key belongs in."""
    problems = []
    items = error.errors(include_url=False)
    locs = [tuple(item["loc"]) for item in items]
    for item in items:
        loc = error_loc(item)
        if item["type"] == "too_short" and any(other[: len(loc)] == loc and len(other) > len(loc) for other in locs):
            continue  # pydantic drops the bad items, then calls the list too short: noise
        field, rest = loc[0], loc[1:]
        if field not in origin.by_field:
            problems.append(f"{homes.get(str(field), PROFILE_FILE)}:1: {field}: missing required key {field!r}")
            continue
        problems.append(f"{origin.locate(field, rest)}: {describe_error(item, loc)}")
    return problems


def _kind(value: object) -> str:
    return {dict: "a mapping", list: "a list", str: "text", type(None): "nothing"}.get(type(value), type(value).__name__)
