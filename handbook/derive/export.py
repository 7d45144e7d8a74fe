"""Data downloads for HR and learning systems: JSON and CSV, one pair per dataset.

``python -m macros export [--out DIR]`` writes them; the site ships the same files
under downloads/. Every row carries a stable id taken from data/ (or built from
two ids, such as ``observation-reporting@bht-2`` in the matrix), so a learning
system can import again after an update and match rows instead of duplicating them.

Each dataset lists its CSV columns with a description: the Downloads page renders
that list, so the documentation cannot drift from the files. Lists inside a CSV
cell are joined with ``; ``. Items that do not apply at this facility (a scope the
facility profile does not permit) are left out, as they are on the site.
Engine-free: the loaded handbook in, bytes out.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from handbook.model.fields import VALIDATION_METHOD_NAMES
from handbook.model.handbook import Handbook
from handbook.model.records import Domain, Skill

LIST_SEPARATOR = "; "
FORMAT_VERSION = 1

Row = dict[str, object]  # column -> value, as JSON writes it (lists stay lists)


@dataclass(frozen=True)
class Dataset:
    collection: str  # the collection in the table (model/collections.py) whose records it exports
    name: str
    summary: str
    columns: tuple[tuple[str, str], ...]  # (column, what it holds)
    rows: Callable[[Handbook], list[Row]]

    def csv_rows(self, book: Handbook) -> list[dict[str, str]]:
        flat = []
        for row in self.rows(book):
            flat.append({name: _csv_value(row[name]) for name, _ in self.columns})
        return flat


def _csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)


def _responsibilities(book: Handbook) -> list[Row]:
    domains = book.by_id(Domain)
    return [
        {
            "id": r.id,
            "category": r.category,
            "domain": r.domain,
            "domain_name": domains[r.domain].name,
            "title": r.title,
            "text": r.text,
            "skills": list(r.skills),
            "levels": list(r.levels) or [level.id for level in book.ordered_levels],
            "scope": r.scope,
        }
        for r in book.responsibilities
        if book.applies(r.scope)
    ]


def _skills(book: Handbook) -> list[Row]:
    return [
        {
            "id": s.id,
            "name": s.name,
            "kind": s.kind,
            "summary": s.summary,
            **{f"level_{n}": s.levels.get(n) for n in range(1, 5)},
            "scope": s.scope,
        }
        for s in book.skills
        if book.applies(s.scope)
    ]


def _matrix(book: Handbook) -> list[Row]:
    skills = book.by_id(Skill)
    return [
        {
            "id": f"{row.skill}@{level.id}",
            "skill": row.skill,
            "skill_name": skills[row.skill].name,
            "level": level.id,
            "level_title": book.level_title(level.id),
            "level_rank": level.rank,
            "expected": row.expected[level.id],
        }
        for row in book.matrix
        if book.applies(skills[row.skill].scope)
        for level in book.ordered_levels
    ]


def _paths(book: Handbook) -> list[Row]:
    return [
        {
            "id": p.id,
            "from": p.from_role,
            "from_title": book.role_title(p.from_role),
            "to": p.to_role,
            "to_title": book.role_title(p.to_role),
            "kind": p.kind,
            "summary": p.summary,
            "education": list(p.requirements.education),
            "certifications": list(p.requirements.certifications),
            "experience_months": p.requirements.experience_months,
            "skill_gates": [f"{g.skill}>={g.level}" for g in book.skill_gates(p)],
            "notes": p.requirements.notes,
        }
        for p in book.paths
    ]


def _certifications(book: Handbook) -> list[Row]:
    refreshers = book.facility.scope.refreshers
    levels = [level.id for level in book.ordered_levels]
    return [
        {
            "id": c.id,
            "name": c.name,
            "short": c.short,
            "kind": c.kind,
            "issuer": c.issuer,
            "summary": c.summary,
            "validity_months": c.validity_months,
            "facility_refresher_months": refreshers.get(c.id),
            "renewal_rule": c.renewal_rule,
            "varies_by_state": c.varies_by_state,
            "required_for": [lv for lv in levels if c.levels.get(lv) == "required"],
            "preferred_for": [lv for lv in levels if c.levels.get(lv) == "preferred"],
            "source": c.source,
        }
        for c in book.certifications
    ]


def _checklists(book: Handbook) -> list[Row]:
    rows = []
    for order, phase in enumerate(book.phases, 1):
        common = {
            "phase": phase.id,
            "phase_title": phase.title,
            "phase_order": order,
            "day_start": phase.day_start,
            "day_end": phase.day_end,
            "before_patient_contact": phase.before_patient_contact,
        }
        for task in phase.tasks:
            if book.applies(task.scope):
                rows.append({"id": task.id, **common, "type": "task", "text": task.text, "methods": [], "skills": [], "scope": task.scope})
        for comp in phase.competencies:
            if book.applies(comp.scope):
                rows.append(
                    {
                        "id": comp.id,
                        **common,
                        "type": "competency",
                        "text": comp.text,
                        "methods": list(comp.methods),
                        "skills": list(comp.skills),
                        "scope": comp.scope,
                    }
                )
    return rows


def _glossary(book: Handbook) -> list[Row]:
    return [
        {"id": t.id, "term": t.term, "expansion": t.expansion, "definition": t.definition, "aliases": list(t.aliases), "see": list(t.see)}
        for t in book.terms
    ]


def _scenarios(book: Handbook) -> list[Row]:
    return [
        {
            "id": s.id,
            "title": s.title,
            "situation": s.situation,
            "do": list(s.do),
            "avoid": list(s.avoid),
            "tell": list(s.tell),
            "skills": list(s.skills),
            "pages": list(s.pages),
            "scope": s.scope,
        }
        for s in book.scenarios
        if book.applies(s.scope)
    ]


_SCOPE = (
    "scope",
    "Facility condition the row depends on (medication-observe, medication-assist, medication-administer, restraint, "
    "varies-by-state), or empty",
)
_METHODS = ", ".join(VALIDATION_METHOD_NAMES)

DATASETS: tuple[Dataset, ...] = (
    Dataset(
        "responsibilities",
        "responsibilities",
        "What technicians do, by domain and level.",
        (
            ("id", "Stable responsibility id"),
            ("category", "primary or secondary"),
            ("domain", "Domain id"),
            ("domain_name", "Domain name"),
            ("title", "Short title"),
            ("text", "What the duty involves"),
            ("skills", "Skill ids the duty draws on"),
            ("levels", "Level ids that do this duty"),
            _SCOPE,
        ),
        _responsibilities,
    ),
    Dataset(
        "skills",
        "skills",
        "Hard and soft skills with what each looks like at proficiency 1 to 4.",
        (
            ("id", "Stable skill id"),
            ("name", "Skill name"),
            ("kind", "hard or soft"),
            ("summary", "What the skill is"),
            ("level_1", "What proficiency 1 looks like"),
            ("level_2", "What proficiency 2 looks like"),
            ("level_3", "What proficiency 3 looks like"),
            ("level_4", "What proficiency 4 looks like"),
            _SCOPE,
        ),
        _skills,
    ),
    Dataset(
        "matrix",
        "matrix",
        "Expected proficiency (0 to 4) for every skill at every level, one row per pair.",
        (
            ("id", "Stable id: skill id @ level id"),
            ("skill", "Skill id"),
            ("skill_name", "Skill name"),
            ("level", "Level id"),
            ("level_title", "Level title at this facility"),
            ("level_rank", "Level order, 1 first"),
            ("expected", "Expected proficiency, 0 (not yet oriented) to 4 (leads and teaches)"),
        ),
        _matrix,
    ),
    Dataset(
        "paths",
        "paths",
        "Career paths into, up from and across from the technician role.",
        (
            ("id", "Stable path id"),
            ("from", "Role or level id the path starts from"),
            ("from_title", "Its title"),
            ("to", "Role or level id the path leads to"),
            ("to_title", "Its title"),
            ("kind", "entry, advancement or lateral"),
            ("summary", "Why the move fits"),
            ("education", "Education asked for"),
            ("certifications", "Certification ids asked for"),
            ("experience_months", "Typical months of experience, or empty"),
            ("skill_gates", "Skill id >= proficiency the move usually needs (between levels: from the skill matrix)"),
            ("notes", "Anything else to know"),
        ),
        _paths,
    ),
    Dataset(
        "certifications",
        "certifications",
        "Education, certifications and training, with validity and who sets renewal.",
        (
            ("id", "Stable certification id"),
            ("name", "Full name"),
            ("short", "Short name, or empty"),
            ("kind", "education, certification, training or credential"),
            ("issuer", "Who issues it"),
            ("summary", "What it is"),
            ("validity_months", "How long it stays valid, or empty if it does not expire"),
            ("facility_refresher_months", "This facility's refresher interval, or empty"),
            ("renewal_rule", "Who sets renewal: law, issuer, facility or none"),
            ("varies_by_state", "true if state rules differ"),
            ("required_for", "Level ids that require it"),
            ("preferred_for", "Level ids that prefer it"),
            ("source", "Source id, or empty"),
        ),
        _certifications,
    ),
    Dataset(
        "phases",
        "checklists",
        "The 90-day onboarding sign-offs: every task and competency, by phase.",
        (
            ("id", "Stable item id (unique across phases)"),
            ("phase", "Phase id"),
            ("phase_title", "Phase title"),
            ("phase_order", "Phase order, 1 first"),
            ("day_start", "First day of the phase"),
            ("day_end", "Last day of the phase"),
            ("before_patient_contact", "true if the phase comes before any patient contact"),
            ("type", "task (done and initialed) or competency (validated by a preceptor)"),
            ("text", "What to do or show"),
            ("methods", f"Allowed validation methods for a competency: {_METHODS}"),
            ("skills", "Skill ids the competency shows"),
            _SCOPE,
        ),
        _checklists,
    ),
    Dataset(
        "terms",
        "glossary",
        "Terms, acronyms and their other names.",
        (
            ("id", "Stable term id"),
            ("term", "The term"),
            ("expansion", "What an acronym stands for, or empty"),
            ("definition", "Plain-language definition"),
            ("aliases", "Other names for the same thing"),
            ("see", "Handbook pages (under docs/) that explain it"),
        ),
        _glossary,
    ),
    Dataset(
        "scenarios",
        "drills",
        "Practice drills: a fictional situation, what to do, what never to do and who to tell.",
        (
            ("id", "Stable drill id"),
            ("title", "Short title"),
            ("situation", "The fictional situation"),
            ("do", "What to do, in order"),
            ("avoid", "What never to do"),
            ("tell", "Who to tell, and when"),
            ("skills", "Skill ids the drill exercises"),
            ("pages", "Handbook pages (under docs/) that teach it"),
            _SCOPE,
        ),
        _scenarios,
    ),
)


def to_csv(data: Dataset, book: Handbook) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[name for name, _ in data.columns], lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(data.csv_rows(book))
    return buffer.getvalue().encode("utf-8")


def to_json(data: Dataset, book: Handbook) -> bytes:
    document = {
        "dataset": data.name,
        "format_version": FORMAT_VERSION,
        "facility": book.facility.name,
        "edition": book.facility.edition,
        "records": data.rows(book),
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def render_files(book: Handbook) -> dict[str, bytes]:
    """File name -> content for every download: ``<dataset>.json`` and ``<dataset>.csv``."""
    files: dict[str, bytes] = {}
    for data in DATASETS:
        files[f"{data.name}.json"] = to_json(data, book)
        files[f"{data.name}.csv"] = to_csv(data, book)
    return files


def write_files(book: Handbook, out_dir: Path) -> list[Path]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in render_files(book).items():
        path = out_dir / name
        path.write_bytes(content)
        written.append(path)
    return written
