"""Renderers for the role itself: responsibilities, level changes, settings, practice."""

from __future__ import annotations

from handbook.model.handbook import Handbook
from handbook.model.records import Domain, Level, ObservationLevel, Responsibility, Skill
from handbook.render.markup import block, cell, choice, require, table

SCOPE_NOTES = {
    "medication-observe": "Only where your facility gives technicians a medication role.",
    "medication-assist": "Only where state rules and your facility allow technicians to assist.",
    "medication-administer": "Only where state law and your facility's license let technicians give medication.",
    "restraint": "Only where your facility uses holds and trains technicians for them.",
    "varies-by-state": "Rules differ by state; follow your facility's policy.",
}


def scope_note(scope: str | None) -> str:
    return f'<br><small class="bht-scope">{cell(SCOPE_NOTES[scope])}</small>' if scope else ""


def levels_cell(book: Handbook, level_ids: tuple[str, ...]) -> str:
    if not level_ids or set(level_ids) >= set(book.by_id(Level)):
        return "All levels"
    ordered = [level.id for level in book.ordered_levels if level.id in level_ids]
    return ", ".join(cell(book.level_title(level)) for level in ordered)


def skill_names(book: Handbook, ids: tuple[str, ...]) -> str:
    skills = book.by_id(Skill)
    return ", ".join(cell(skills[i].name) for i in ids) or "&mdash;"


def select_responsibilities(
    book: Handbook, category: str | None = None, domain: str | None = None, role: str | None = None
) -> list[Responsibility]:
    choice(category, ("primary", "secondary"), "category")
    require(book.by_id(Domain), domain, "domain")
    require(book.by_id(Level), role, "level")
    domain_order = {d.id: n for n, d in enumerate(book.domains)}
    chosen = [
        item
        for item in book.responsibilities
        if (category is None or item.category == category)
        and (domain is None or item.domain == domain)
        and (role is None or not item.levels or role in item.levels)
        and book.applies(item.scope)
    ]
    return sorted(chosen, key=lambda item: domain_order[item.domain])


def domains_table(book: Handbook) -> str:
    """The areas responsibilities are grouped in, and what each covers."""
    rows = [(cell(d.name), cell(d.summary)) for d in book.domains]
    return block(table(("Area", "What it covers"), rows, caption="Areas of a technician's work"))


def responsibilities_table(book: Handbook, category: str | None = None, domain: str | None = None, role: str | None = None) -> str:
    items = select_responsibilities(book, category, domain, role)
    parts = [category.capitalize() if category else "All", "responsibilities"]
    if domain:
        parts.append(f"in {book.by_id(Domain)[domain].name}")
    if role:
        parts.append(f"for {book.level_title(role)}")
    # A table filtered to one domain would repeat that domain on every row: leave the column out.
    show_area = domain is None
    rows = [
        (
            cell(item.title),
            cell(item.text) + scope_note(item.scope),
            *([cell(book.by_id(Domain)[item.domain].name)] if show_area else []),
            skill_names(book, item.skills),
            levels_cell(book, item.levels),
        )
        for item in items
    ]
    headers = ("Responsibility", "What it involves", *(("Area",) if show_area else ()), "Skills used", "Who")
    return block(table(headers, rows, caption=" ".join(parts)))


def ladder(book: Handbook) -> str:
    """The levels in rank order: title, what the level does, and how it is supervised."""
    items = []
    for level in book.ordered_levels:
        supervision = f' <span class="bht-supervision">{cell(level.supervision)}</span>' if level.supervision else ""
        items.append(f"<dt>{cell(book.level_title(level.id))}</dt><dd>{cell(level.summary)}{supervision}</dd>")
    return block(f'<dl class="bht-ladder">{"".join(items)}</dl>')


def level_comparison(book: Handbook, from_level: str, to_level: str) -> str:
    levels = book.by_id(Level)
    require(levels, from_level, "level")
    require(levels, to_level, "level")
    before, after = book.level_title(from_level), book.level_title(to_level)
    if from_level == to_level:  # a one-level ladder: nothing changes
        return block(f"<p>{cell(before)} is the only level here, so no skill or duty changes between levels.</p>")
    scale = {entry.level: entry.name for entry in book.scale}
    rows = []
    for skill in book.skills:
        old, new = book.expected(skill.id, from_level), book.expected(skill.id, to_level)
        if old != new and book.applies(skill.scope):
            rows.append(
                (
                    cell(skill.name),
                    f"{old} &middot; {cell(scale[old])}",
                    f"{new} &middot; {cell(scale[new])}",
                    cell(skill.levels[new]) if new else "&mdash;",
                )
            )
    added = [
        item
        for item in book.responsibilities
        if item.levels and to_level in item.levels and from_level not in item.levels and book.applies(item.scope)
    ]
    duties = [(cell(item.title), cell(item.text)) for item in added]
    return block(
        table(("Skill", before, after, f"What {after} looks like"), rows, caption=f"Skills that grow from {before} to {after}"),
        table(("Responsibility", "What it involves"), duties, caption=f"Duties that start at {after}") if duties else "",
    )


def roles_table(book: Handbook) -> str:
    rows = [
        (cell(role.title), cell(role.summary), cell(role.focus or "—"), cell(role.education or "—"), cell(role.licensure or "—"))
        for role in book.adjacent_roles
    ]
    headers = ("Role", "What they do", "Focus", "Usual education", "License")
    return block(table(headers, rows, caption="Roles that work alongside technicians"))


def settings_table(book: Handbook) -> str:
    rows = [(cell(s.name), cell(s.summary), cell(s.shifts), "<br>".join(cell(d) for d in s.duties) or "&mdash;") for s in book.settings]
    return block(table(("Setting", "What it is like", "Shifts", "Typical duties"), rows, caption="Where technicians work"))


def interventions_table(book: Handbook) -> str:
    rows = [
        (cell(i.name), cell(i.summary), cell(i.led_by), cell(i.bht_part) + scope_note(i.scope))
        for i in book.interventions
        if book.applies(i.scope)
    ]
    headers = ("Intervention", "What it is", "Who leads it", "Your part")
    return block(table(headers, rows, caption="Behavioral interventions and your part in them"))


def observation_levels_table(book: Handbook) -> str:
    index = book.by_id(ObservationLevel)
    rows = [(cell(index[i].name), cell(index[i].summary)) for i in book.facility.scope.observation_levels]
    return block(table(("Observation level", "What it means"), rows, caption=f"Observation levels used at {book.facility.short_name}"))
