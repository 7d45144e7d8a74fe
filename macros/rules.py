"""Cross-reference rules: checks that need more than one record at a time.

Each rule returns problems as ``(collection, location, message)``; the location is
a path inside that collection (``(3, "skills", 1)``), which the loader turns into
``file:line: field``. Every rule runs, so one build shows every problem at once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Iterator

from macros.model import Handbook

Problem = tuple[str, tuple, str]

# Collections whose records carry an id that other records may point at.
ID_COLLECTIONS = (
    "sources", "labor", "levels", "adjacent_roles", "domains", "responsibilities", "skills",
    "paths", "certifications", "settings", "interventions", "observation_levels", "terms",
    "voices", "phases",
)


def check(book: Handbook) -> list[Problem]:
    problems: list[Problem] = []
    for rule in RULES:
        problems.extend(rule(book))
    return problems


def _refs(book: Handbook, where: str, loc: tuple, wanted: str, refs: Iterable[str], many: bool = True) -> Iterator[Problem]:
    """Every id in ``refs`` must exist in collection ``wanted``."""
    known = book.index(wanted)
    for position, ref in enumerate(refs):
        if ref not in known:
            choices = ", ".join(sorted(known)) or "(none defined)"
            label = {"adjacent_roles": "role", "roles": "role", "terms": "glossary term"}.get(wanted, wanted.rstrip("s").replace("_", " "))
            yield where, (loc + (position,) if many else loc), f"unknown {label} id {ref!r}; known ids: {choices}"


def duplicate_ids(book: Handbook) -> Iterator[Problem]:
    for name in ID_COLLECTIONS:
        counts = Counter(record.id for record in getattr(book, name))
        for position, record in enumerate(getattr(book, name)):
            if counts[record.id] > 1:
                yield name, (position, "id"), f"duplicate id {record.id!r} (used {counts[record.id]} times)"
    seen: dict[str, str] = {}
    for p, phase in enumerate(book.phases):
        for kind in ("tasks", "competencies"):
            for i, item in enumerate(getattr(phase, kind)):
                if item.id in seen:
                    yield "phases", (p, kind, i, "id"), f"duplicate id {item.id!r}; already used in phase {seen[item.id]!r}"
                seen.setdefault(item.id, phase.id)


def level_ranks(book: Handbook) -> Iterator[Problem]:
    """Levels are ordered by rank; two levels with one rank would make that order a guess."""
    first: dict[int, str] = {}
    for i, level in enumerate(book.levels):
        if level.rank in first:
            yield "levels", (i, "rank"), f"rank {level.rank} is already used by level {first[level.rank]!r}; ranks must differ"
        first.setdefault(level.rank, level.id)


def responsibility_refs(book: Handbook) -> Iterator[Problem]:
    for i, item in enumerate(book.responsibilities):
        yield from _refs(book, "responsibilities", (i, "domain"), "domains", [item.domain], many=False)
        yield from _refs(book, "responsibilities", (i, "skills"), "skills", item.skills)
        yield from _refs(book, "responsibilities", (i, "levels"), "levels", item.levels)


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
        yield from _refs(book, "matrix", (i, "skill"), "skills", [row.skill], many=False)
        if rows[row.skill] > 1:
            yield "matrix", (i, "skill"), f"skill {row.skill!r} appears {rows[row.skill]} times; give it one row"
        unknown = sorted(set(row.expected) - set(level_ids))
        missing = [level for level in level_ids if level not in row.expected]
        if unknown:
            yield "matrix", (i, "expected", unknown[0]), f"unknown level id {unknown[0]!r}; known ids: {', '.join(level_ids)}"
        if missing:
            yield "matrix", (i, "expected"), f"no expected proficiency for level(s) {', '.join(missing)}"
        values = [row.expected[level] for level in level_ids if level in row.expected]
        if not unknown and not missing and values != sorted(values):
            yield "matrix", (i, "expected"), (
                f"a higher level expects less than a lower one ({dict(zip(level_ids, values, strict=True))}); "
                "expectations must not drop as levels rise"
            )
    for skill in book.skills:
        if skill.id not in rows:
            yield "skills", (book.skills.index(skill), "id"), f"skill {skill.id!r} has no row in data/matrix.yml"


def career_paths(book: Handbook) -> Iterator[Problem]:
    levels = book.index("levels")
    for i, path in enumerate(book.paths):
        yield from _refs(book, "paths", (i, "from"), "roles", [path.from_role], many=False)
        yield from _refs(book, "paths", (i, "to"), "roles", [path.to_role], many=False)
        yield from _refs(book, "paths", (i, "requirements", "certifications"), "certifications", path.requirements.certifications)
        for g, gate in enumerate(path.requirements.skill_gates):
            yield from _refs(book, "paths", (i, "requirements", "skill_gates", g, "skill"), "skills", [gate.skill], many=False)
        if path.from_role not in book.index("roles") or path.to_role not in book.index("roles"):
            continue  # already reported as an unknown id; a shape check would only mislead
        if path.from_role == path.to_role:
            yield "paths", (i, "to"), f"a path cannot lead from {path.from_role!r} to itself"
            continue
        origin, target = levels.get(path.from_role), levels.get(path.to_role)
        if path.kind == "entry" and (origin is not None or target is None):
            yield "paths", (i, "kind"), "an entry path must lead from an outside role into a technician level"
        if path.kind == "advancement" and origin and target and target.rank <= origin.rank:
            yield "paths", (i, "to"), (
                f"advancement must lead to a higher level: {target.id!r} (rank {target.rank}) "
                f"is not above {origin.id!r} (rank {origin.rank})"
            )
        if path.kind in ("advancement", "lateral") and origin is None:
            article = "an" if path.kind == "advancement" else "a"
            yield "paths", (i, "from"), f"{article} {path.kind} path must start from a technician level, not {path.from_role!r}"


def certifications(book: Handbook) -> Iterator[Problem]:
    for i, cert in enumerate(book.certifications):
        for level in cert.levels:
            yield from _refs(book, "certifications", (i, "levels", level), "levels", [level], many=False)
        if cert.source:
            yield from _refs(book, "certifications", (i, "source"), "sources", [cert.source], many=False)
    for i, figure in enumerate(book.labor):
        yield from _refs(book, "labor", (i, "source"), "sources", [figure.source], many=False)


def practice(book: Handbook) -> Iterator[Problem]:
    for i, item in enumerate(book.interventions):
        yield from _refs(book, "interventions", (i, "skills"), "skills", item.skills)
    for i, voice in enumerate(book.voices):
        yield from _refs(book, "voices", (i, "setting"), "settings", [voice.setting], many=False)
        if not voice.fictional and not voice.consent_on_file:
            yield "voices", (i, "fictional"), "a real account needs consent_on_file: true; otherwise mark it fictional"


def onboarding(book: Handbook) -> Iterator[Problem]:
    previous_end, contact_started = 0, False
    for i, phase in enumerate(book.phases):
        if phase.day_end < phase.day_start:
            yield "phases", (i, "day_end"), f"day_end {phase.day_end} is before day_start {phase.day_start}"
        if phase.day_start < previous_end:
            yield "phases", (i, "day_start"), (
                f"phases must be in time order: day {phase.day_start} starts before the previous phase ends (day {previous_end})"
            )
        if phase.before_patient_contact and contact_started:
            yield "phases", (i, "before_patient_contact"), "a phase before patient contact cannot follow one with patient contact"
        contact_started = contact_started or not phase.before_patient_contact
        previous_end = max(previous_end, phase.day_end)
        for c, competency in enumerate(phase.competencies):
            yield from _refs(book, "phases", (i, "competencies", c, "skills"), "skills", competency.skills)
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


def facility(book: Handbook) -> Iterator[Problem]:
    profile, scope = book.facility, book.facility.scope
    yield from _refs(book, "facility", ("settings",), "settings", profile.settings)
    for level in profile.level_titles:
        yield from _refs(book, "facility", ("level_titles", level), "levels", [level], many=False)
    yield from _refs(book, "facility", ("scope", "observation_levels"), "observation_levels", scope.observation_levels)
    yield from _refs(book, "facility", ("scope", "deescalation_program"), "certifications", [scope.deescalation_program], many=False)
    yield from _refs(book, "facility", ("scope", "suicide_screening_tool"), "terms", [scope.suicide_screening_tool], many=False)
    for cert in scope.refreshers:
        yield from _refs(book, "facility", ("scope", "refreshers", cert), "certifications", [cert], many=False)
    for i, band in enumerate(profile.pay_bands):
        yield from _refs(book, "facility", ("pay_bands", i, "level"), "levels", [band.level], many=False)


def page_links(book: Handbook, pages: Collection[str]) -> Iterator[Problem]:
    """Glossary ``see`` entries must name pages the site has (``pages``: paths under docs/)."""
    for i, term in enumerate(book.terms):
        for j, page in enumerate(term.see):
            if page not in pages:
                yield "terms", (i, "see", j), f"docs/{page} does not exist"


RULES = (
    duplicate_ids, level_ranks, responsibility_refs, scale_and_skills, matrix, career_paths,
    certifications, practice, onboarding, glossary, facility,
)
