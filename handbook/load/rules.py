"""Cross-record rules: checks that need more than one record at a time.

Each rule returns problems as ``(collection, location, message)``; the location is
a path inside that collection (``(3, "skills", 1)``), which the loader turns into
``file:line: field``. Every rule runs, so one build shows every problem at once.
Duplicate ids and references are checked for every collection in the table and every
field typed as an id (``SkillId``, ``LevelId``, ...), so a new collection or a new
reference is covered the day it is declared.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections import Counter
from collections.abc import Collection, Iterator
from datetime import date, timedelta
from functools import cache

from pydantic import BaseModel

from handbook.load.layout import SiteLayout, effective_pages, hidden_pages
from handbook.load.locate import Loc, format_field
from handbook.model import collections
from handbook.model.fields import Ref
from handbook.model.handbook import Handbook
from handbook.model.records import Level
from handbook.model.refs import KINDS, refs_in, text_fields

Problem = tuple[str, Loc, str]
FUTURE_GRACE_DAYS = 1  # a contributor a time zone ahead may already be on tomorrow's date


def check(book: Handbook, today: date) -> list[Problem]:
    problems: list[Problem] = []
    for rule in RULES:
        problems.extend(rule(book))
    problems.extend(future_dates(book, today))
    return problems


def _label(collection: str) -> str:
    return "role" if collection == "roles" else collections.get(collection).one


@cache
def _hints(model: type[BaseModel]) -> dict[str, object]:
    return typing.get_type_hints(model, include_extras=True)


def _refs(annotation: object, value: object, loc: Loc) -> Iterator[tuple[Loc, str, str]]:
    """(location, collection, id) for every id in ``value`` that ``annotation`` marks with ``Ref``."""
    if value is None:
        return
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        ref = next((m for m in annotation.__metadata__ if isinstance(m, Ref)), None)  # type: ignore[attr-defined]
        if ref is not None and isinstance(value, str):
            yield loc, ref.collection, value
            return
        yield from _refs(args[0], value, loc)
    elif origin in (typing.Union, types.UnionType):
        for arg in args:
            if arg is not type(None):
                yield from _refs(arg, value, loc)
    elif origin is tuple and isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _refs(args[0], item, loc + (i,))
    elif origin is dict and isinstance(value, dict):
        for key, item in value.items():
            yield from _refs(args[0], key, loc + (key,))
            yield from _refs(args[1], item, loc + (key,))
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel) and isinstance(value, annotation):
        for name, key, hint in _ref_fields(annotation):
            yield from _refs(hint, getattr(value, name), loc + (key,))


@cache
def _ref_fields(model: type[BaseModel]) -> tuple[tuple[str, str, object], ...]:
    """(name, key in the data, annotation) of the fields of ``model`` that can hold an id:
    the walk skips the rest (text, numbers), which is most of every record."""
    hints = _hints(model)
    return tuple(
        (name, info.alias or name, hints[name]) for name, info in model.model_fields.items() if _holds_ref(hints[name], frozenset())
    )


def _holds_ref(annotation: object, seen: frozenset[type]) -> bool:
    if typing.get_origin(annotation) is typing.Annotated and any(isinstance(m, Ref) for m in annotation.__metadata__):  # type: ignore[attr-defined]
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return False
        hints = _hints(annotation)
        return any(_holds_ref(hints[name], seen | {annotation}) for name in annotation.model_fields)
    return any(_holds_ref(arg, seen) for arg in typing.get_args(annotation) if arg is not Ellipsis)


def _all_refs(book: Handbook) -> list[tuple[str, Loc, str, str]]:
    """(collection, location, collection referred to, id) for every id in the handbook,
    walked once per handbook for both rules that need them."""
    if _walked["refs"][0] is not book:
        found = [
            (where, at, collection, ref) for where, model, record, loc in _places(book) for at, collection, ref in _refs(model, record, loc)
        ]
        _walked["refs"] = (book, found)
    return _walked["refs"][1]  # type: ignore[return-value]


_walked: dict[str, tuple[object, object]] = {"refs": (None, None), "texts": (None, None)}  # the last handbook walked


def _places(book: Handbook) -> list[tuple[str, type[BaseModel], object, Loc]]:
    """(collection, model, record, location) for the profile and every top-level record."""
    places: list[tuple[str, type[BaseModel], object, Loc]] = [("facility", type(book.facility), book.facility, ())]
    for spec in collections.table():
        if spec.parent:
            continue  # walked inside their parent records
        records = (getattr(book, spec.name),) if spec.single else getattr(book, spec.name)
        places += [(spec.name, spec.model, record, () if spec.single else (i,)) for i, record in enumerate(records)]
    return places


def references(book: Handbook) -> Iterator[Problem]:
    """Every id a record or the profile points at must exist in its collection."""
    for where, at, collection, ref in _all_refs(book):
        if collection == "pages":
            continue  # pages are the site's, not the data's: page_links checks them against the site
        known = book.ids(collection)
        if ref not in known:
            choices = ", ".join(sorted(known)) or "(none defined)"
            yield where, at, f"unknown {_label(collection)} id {ref!r}; known ids: {choices}"


def _texts(value: object, loc: Loc, out: list[tuple[Loc, str]]) -> None:
    """Add (location, text) for every string in a record that may hold words, nested ones included."""
    if isinstance(value, str):
        out.append((loc, value))
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            _texts(item, loc + (i,), out)
    elif isinstance(value, dict):
        for key, item in value.items():
            _texts(item, loc + (key,), out)
    elif isinstance(value, BaseModel):
        fields = type(value).model_fields
        for name in text_fields(type(value)):
            _texts(getattr(value, name), loc + (fields[name].alias or name,), out)


def _all_texts(book: Handbook) -> list[tuple[str, Loc, str]]:
    """(collection, location, text) for every text in the handbook, walked once per handbook."""
    if _walked["texts"][0] is not book:
        found: list[tuple[str, Loc, str]] = []
        for where, _model, record, loc in _places(book):
            texts: list[tuple[Loc, str]] = []
            _texts(record, loc, texts)
            found += [(where, at, text) for at, text in texts]
        _walked["texts"] = (book, found)
    return _walked["texts"][1]  # type: ignore[return-value]


def text_references(book: Handbook) -> Iterator[Problem]:
    """``{level:...}``, ``{role:...}`` and ``{fact:...}`` in data text must name something that exists."""
    for where, at, text in _all_texts(book):
        if "{" not in text:
            continue
        for kind, ref in refs_in(text):
            known = book.ids(KINDS[kind])
            if ref not in known:
                yield where, at, f"unknown {kind} {ref!r} in {{{kind}:{ref}}}; known ids: {', '.join(sorted(known)) or '(none)'}"


def level_titles_in_text(book: Handbook) -> Iterator[Problem]:
    """Data text names a level through a reference, never by its title, so a facility's own
    titles and ladder reach every page. Only the level records themselves hold titles."""
    titles = {level.title: level.id for level in book.levels} | {t: i for i, t in book.facility.level_titles.items()}
    if not titles:
        return
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True)) + r")(?![\w-])")
    for where, at, text in _all_texts(book):
        if where == "levels" or (where == "facility" and at[:1] == ("level_titles",)):
            continue
        for found in pattern.finditer(text):
            level = titles[found.group(1)]
            yield where, at, (f"names the level title {found.group(1)!r}; write {{level:{level}}} so every edition shows its own title")


def duplicate_ids(book: Handbook) -> Iterator[Problem]:
    """Ids are unique within a collection; nested records (tasks) across all their parents."""
    for spec in collections.table():
        if spec.single or not spec.key:
            continue
        if spec.parent:
            seen: dict[str, str] = {}
            for p, parent in enumerate(getattr(book, spec.parent)):
                for i, item in enumerate(getattr(parent, spec.name)):
                    key = getattr(item, spec.key)
                    if key in seen:
                        message = f"duplicate id {key!r}; already used in {collections.get(spec.parent).one.split()[-1]} {seen[key]!r}"
                        yield spec.parent, (p, spec.name, i, spec.key), message
                    seen.setdefault(key, parent.id)
            continue
        if spec.key != "id":
            continue  # matrix rows and scale levels have their own rules
        records = getattr(book, spec.name)
        counts = Counter(record.id for record in records)
        for position, record in enumerate(records):
            if counts[record.id] > 1:
                yield spec.name, (position, "id"), f"duplicate id {record.id!r} (used {counts[record.id]} times)"


def future_dates(book: Handbook, today: date) -> Iterator[Problem]:
    """Dates that are facts (when a source was checked, the year pay figures describe)
    cannot lie in the future; a day of slack allows for time zones."""
    latest = today + timedelta(days=FUTURE_GRACE_DAYS)
    for i, source in enumerate(book.sources):
        if source.retrieved > latest:
            yield "sources", (i, "retrieved"), f"{source.retrieved} is in the future (today is {today}); give the day you checked it"
        written = re.search(r"\b(\d{4}-\d{2}-\d{2})\b", source.effective or "")
        if written and _parse(written.group(1)) is not None and _parse(written.group(1)) > latest:  # type: ignore[operator]
            yield (
                "sources",
                (i, "effective"),
                (f"{written.group(1)} is in the future (today is {today}); effective names the period the facts describe"),
            )
    for i, figure in enumerate(book.labor):
        if figure.year > latest.year:
            yield "labor", (i, "year"), f"{figure.year} is in the future (today is {today}); give the year the figures describe"


def _parse(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def level_ranks(book: Handbook) -> Iterator[Problem]:
    """Levels are ordered by rank; two levels with one rank would make that order a guess."""
    first: dict[int, str] = {}
    for i, level in enumerate(book.levels):
        if level.rank in first:
            yield "levels", (i, "rank"), f"rank {level.rank} is already used by level {first[level.rank]!r}; ranks must differ"
        first.setdefault(level.rank, level.id)


def scale_and_skills(book: Handbook) -> Iterator[Problem]:
    found = [entry.level for entry in book.scale]
    if sorted(found) != [0, 1, 2, 3, 4]:
        yield "scale", (), f"the proficiency scale needs levels 0, 1, 2, 3 and 4 once each; found {found}"
    for i, skill in enumerate(book.skills):
        missing = sorted({1, 2, 3, 4} - set(skill.levels))
        if missing:
            yield "skills", (i, "levels"), f"needs a descriptor for levels 1 to 4; missing {missing}"


def matrix(book: Handbook) -> Iterator[Problem]:
    level_ids = [level.id for level in book.ordered_levels]
    rows = Counter(row.skill for row in book.matrix)
    for i, row in enumerate(book.matrix):
        if rows[row.skill] > 1:
            yield "matrix", (i, "skill"), f"skill {row.skill!r} appears {rows[row.skill]} times; give it one row"
        unknown = sorted(set(row.expected) - set(level_ids))
        missing = [level for level in level_ids if level not in row.expected]
        if missing:
            yield "matrix", (i, "expected"), f"no expected proficiency for level(s) {', '.join(missing)}"
        values = [row.expected[level] for level in level_ids if level in row.expected]
        if not unknown and not missing and values != sorted(values):
            yield (
                "matrix",
                (i, "expected"),
                (
                    f"a higher level expects less than a lower one ({dict(zip(level_ids, values, strict=True))}); "
                    "expectations must not drop as levels rise"
                ),
            )
    for skill in book.skills:
        if skill.id not in rows:
            yield "skills", (book.skills.index(skill), "id"), f"skill {skill.id!r} has no row in data/matrix.yml"


def career_paths(book: Handbook) -> Iterator[Problem]:
    levels = book.by_id(Level)
    for i, path in enumerate(book.paths):
        if path.from_role not in book.roles or path.to_role not in book.roles:
            continue  # already reported as an unknown id; a shape check would only mislead
        if path.from_role == path.to_role:
            mapped = [old for old, new in book.id_maps.get("levels", {}).items() if path.from_role in new]
            hint = (
                f"; the overlay's map puts {' and '.join(map(repr, mapped))} on the same level, so remove this path "
                f"in an overlay (paths: remove: [{path.id}])"
                if len(mapped) > 1
                else ""
            )
            yield "paths", (i, "to"), f"a path cannot lead from {path.from_role!r} to itself{hint}"
            continue
        origin, target = levels.get(path.from_role), levels.get(path.to_role)
        if path.kind == "entry" and (origin is not None or target is None):
            yield "paths", (i, "kind"), "an entry path must lead from an outside role into a technician level"
        if path.kind == "advancement" and origin and target and target.rank <= origin.rank:
            yield (
                "paths",
                (i, "to"),
                (
                    f"advancement must lead to a higher level: {target.id!r} (rank {target.rank}) "
                    f"is not above {origin.id!r} (rank {origin.rank})"
                ),
            )
        if origin is not None and target is not None and path.requirements.skill_gates:
            yield (
                "paths",
                (i, "requirements", "skill_gates"),
                (
                    "skill gates between two technician levels come from data/matrix.yml (what the higher level expects); "
                    "remove them here, or change the matrix"
                ),
            )
        if path.kind in ("advancement", "lateral") and origin is None:
            article = "an" if path.kind == "advancement" else "a"
            yield "paths", (i, "from"), f"{article} {path.kind} path must start from a technician level, not {path.from_role!r}"


def practice(book: Handbook) -> Iterator[Problem]:
    for i, voice in enumerate(book.voices):
        if not voice.fictional and not voice.consent_on_file:
            yield "voices", (i, "fictional"), "a real account needs consent_on_file: true; otherwise mark it fictional"


SOLO_MINIMUM = 3  # "does on own" on the proficiency scale


def safety_before_solo_work(book: Handbook) -> Iterator[Problem]:
    """A technician who works a shift alone must already do every safety-critical skill on
    their own, and the onboarding plan must have signed each one off before that first shift.
    Skills that follow the scope of practice (holds) count only where the profile allows them."""
    critical = [s for s in book.skills if s.safety_critical and book.applies(s.scope)]
    if not critical:
        return
    solo_levels = [level for level in book.ordered_levels if level.works_alone]
    rows = {row.skill: (i, row) for i, row in enumerate(book.matrix)}
    for skill in critical:
        if skill.id not in rows:
            continue  # the matrix rule reports the missing row
        i, row = rows[skill.id]
        for level in solo_levels:
            found = row.expected.get(level.id)
            if found is not None and found < SOLO_MINIMUM:
                yield (
                    "matrix",
                    (i, "expected", level.id),
                    (
                        f"{skill.name!r} is safety-critical and {book.level_title(level.id)} ({level.id}) works a shift alone, "
                        f"so it needs at least {SOLO_MINIMUM} (does on own); found {found}"
                    ),
                )
    solo = next((p for p, phase in enumerate(book.phases) if phase.works_alone), len(book.phases))
    signed = {skill for phase in book.phases[:solo] for c in phase.competencies if book.applies(c.scope) for skill in c.skills}
    when = f"before phase {book.phases[solo].id!r}, the first one worked alone" if solo < len(book.phases) else "in the onboarding plan"
    for skill in critical:
        if skill.id not in signed:
            position = next(n for n, s in enumerate(book.skills) if s.id == skill.id)
            yield (
                "skills",
                (position, "safety_critical"),
                (f"{skill.name!r} is safety-critical, but no competency signs it off {when}; add one to data/onboarding.yml"),
            )


def onboarding(book: Handbook) -> Iterator[Problem]:
    previous_end, contact_started = 0, False
    for i, phase in enumerate(book.phases):
        if phase.day_end < phase.day_start:
            yield "phases", (i, "day_end"), f"day_end {phase.day_end} is before day_start {phase.day_start}"
        if phase.day_start < previous_end:
            yield (
                "phases",
                (i, "day_start"),
                (f"phases must be in time order: day {phase.day_start} starts before the previous phase ends (day {previous_end})"),
            )
        if phase.before_patient_contact and contact_started:
            yield "phases", (i, "before_patient_contact"), "a phase before patient contact cannot follow one with patient contact"
        contact_started = contact_started or not phase.before_patient_contact
        previous_end = max(previous_end, phase.day_end)
    if book.phases and not book.phases[0].before_patient_contact:
        yield "phases", (0, "before_patient_contact"), "the first phase must cover safety before any patient contact"


def glossary(book: Handbook) -> Iterator[Problem]:
    owner: dict[str, str] = {}
    for i, term in enumerate(book.terms):
        for position, name in enumerate((term.term, *term.aliases)):
            key = name.casefold()
            if key in owner and owner[key] != term.id:
                loc = (i, "term") if position == 0 else (i, "aliases", position - 1)
                yield "terms", loc, f"{name!r} is already defined by term {owner[key]!r}"
            owner.setdefault(key, term.id)


def page_links(book: Handbook, layout: SiteLayout) -> Iterator[Problem]:
    """Every page a record names (a glossary term's ``see``, a drill's ``pages``) must be a page
    this edition's site has: upstream pages it does not hide, and the facility's own pages."""
    changes = book.facility.pages
    hidden = hidden_pages(changes, layout)
    pages = {page.uri for page in effective_pages(changes, layout)}
    for where, at, collection, page in _all_refs(book):
        if collection != "pages" or page in pages:
            continue
        if page in hidden:
            yield where, at, f"docs/{page} is hidden in this edition (the profile's {format_field(hidden[page])})"
        else:
            yield where, at, f"docs/{page} does not exist"


def page_changes(book: Handbook, layout: SiteLayout) -> Iterator[Problem]:
    """What the profile hides or replaces must exist. (A page that still links to a hidden one is
    found where pages are rendered, macros/pages.py, so only links a reader would see count.)"""
    changes = book.facility.pages
    for i, uri in enumerate(changes.hide):
        if uri not in layout.upstream:
            yield "facility", ("pages", "hide", i), _no_page(uri, layout.upstream)
    for i, title in enumerate(changes.hide_sections):
        if title not in layout.sections:
            yield "facility", ("pages", "hide_sections", i), f"no nav section {title!r}; sections: {', '.join(layout.sections)}"
    hidden = hidden_pages(changes, layout)
    for uri, own in changes.replace.items():
        if uri not in layout.upstream:
            yield "facility", ("pages", "replace", uri), _no_page(uri, layout.upstream)
        elif uri in hidden:
            yield "facility", ("pages", "replace", uri), f"docs/{uri} is hidden too ({format_field(hidden[uri])}); hide it or replace it"
        if own not in layout.facility:
            known = ", ".join(layout.facility) or "(none yet)"
            yield "facility", ("pages", "replace", uri), f"no page {own!r} in the facility folder's docs/; its pages: {known}"


def _no_page(uri: str, upstream: Collection[str]) -> str:
    close = difflib.get_close_matches(uri, list(upstream), n=1)
    return f"docs/{uri} does not exist" + (f"; did you mean {close[0]!r}?" if close else "")


RULES = (
    duplicate_ids,
    references,
    text_references,
    level_titles_in_text,
    level_ranks,
    scale_and_skills,
    matrix,
    career_paths,
    practice,
    onboarding,
    safety_before_solo_work,
    glossary,
)
