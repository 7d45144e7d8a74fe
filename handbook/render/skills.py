"""Renderers for skills: the proficiency scale, skill descriptions and the matrix."""

from __future__ import annotations

from handbook.model.handbook import Handbook
from handbook.model.records import Skill
from handbook.render.markup import block, cell, choice, inline, table


def _skills(book: Handbook, kind: str | None) -> list[Skill]:
    choice(kind, ("hard", "soft"), "skill kind")
    return [s for s in book.skills if (kind is None or s.kind == kind) and book.applies(s.scope)]


def proficiency_scale(book: Handbook) -> str:
    rows = [(str(entry.level), cell(entry.name), cell(entry.summary)) for entry in sorted(book.scale, key=lambda e: e.level)]
    return block(table(("Level", "Name", "What it looks like"), rows, caption="Proficiency scale"))


def skill_list(book: Handbook, kind: str | None = None) -> str:
    scale = {entry.level: entry for entry in book.scale}
    parts = []
    for skill in _skills(book, kind):
        expected = ", ".join(f"{cell(book.level_title(level.id))}: {book.expected(skill.id, level.id)}" for level in book.ordered_levels)
        rows = [("0", cell(scale[0].name), cell(scale[0].summary))]
        rows += [(str(n), cell(scale[n].name), cell(skill.levels[n])) for n in sorted(skill.levels)]
        parts.append(f"### {inline(skill.name)} {{#skill-{skill.id}}}")
        parts.append(f'<p>{cell(skill.summary)}</p>\n<p class="bht-expected"><strong>Expected level:</strong> {expected}</p>')
        parts.append(table(("Level", "Name", "What it looks like"), rows, caption=f"{skill.name}: levels"))
    return block(*parts)


def skill_matrix(book: Handbook, kind: str | None = None) -> str:
    scale = {entry.level: entry.name for entry in book.scale}
    levels = book.ordered_levels
    rows = [
        (
            cell(skill.name),
            *(
                f'<span class="bht-level bht-level-{book.expected(skill.id, level.id)}">{book.expected(skill.id, level.id)}</span> '
                f"{cell(scale[book.expected(skill.id, level.id)])}"
                for level in levels
            ),
        )
        for skill in _skills(book, kind)
    ]
    label = {"hard": "Hard skills", "soft": "Soft skills", None: "All skills"}[kind]
    headers = ("Skill", *(book.level_title(level.id) for level in levels))
    return block(table(headers, rows, caption=f"Skill matrix: {label.lower()}, expected level by role", css="bht-matrix"))
