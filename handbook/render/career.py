"""Renderers for growing in the role: career paths, certifications and pay."""

from __future__ import annotations

from handbook.model.handbook import Handbook
from handbook.model.records import CareerPath, Certification, Skill, Source
from handbook.render.markup import attr, block, cell, choice, table

KIND_NAMES = {"entry": "Entry", "advancement": "Advancement", "lateral": "Lateral move"}
RENEWAL_NAMES = {
    "law": "Set by law",
    "issuer": "Set by the issuer",
    "facility": "Set by your facility",
    "none": "Does not expire",
}


def requirements_cell(book: Handbook, path: CareerPath) -> str:
    need = path.requirements
    certs = book.by_id(Certification)
    lines = [cell(item) for item in need.education]
    lines += [cell(certs[c].short or certs[c].name) for c in need.certifications]
    if need.experience_months:
        years, months = divmod(need.experience_months, 12)
        span = f"{years} year{'s' if years != 1 else ''}" if not months else f"{need.experience_months} months"
        lines.append(f"About {span} of experience")
    gates = book.skill_gates(path)
    if gates and not need.skill_gates:  # derived from the matrix: one line, the level comparison has the detail
        count = len(gates)
        lines.append(f"The skill matrix targets for {cell(book.role_title(path.to_role))} ({count} skill{'s' if count != 1 else ''} grow)")
    else:
        lines += [f"{cell(book.by_id(Skill)[gate.skill].name)} at level {gate.level}" for gate in gates]
    if need.notes:
        lines.append(cell(need.notes))
    return "<br>".join(lines) or "&mdash;"


def career_paths_table(book: Handbook, kind: str | None = None) -> str:
    choice(kind, KIND_NAMES, "path kind")
    rows = [
        (
            cell(book.role_title(p.from_role)),
            cell(book.role_title(p.to_role)),
            KIND_NAMES[p.kind],
            cell(p.summary),
            requirements_cell(book, p),
        )
        for p in book.paths
        if kind is None or p.kind == kind
    ]
    caption = f"{KIND_NAMES[kind]} paths" if kind else "Career paths"
    return block(table(("From", "To", "Kind", "Why it fits", "What you need"), rows, caption=caption))


def certifications_table(book: Handbook, kind: str | None = None) -> str:
    choice(kind, ("education", "certification", "training", "credential"), "certification kind")
    levels = book.ordered_levels
    refreshers = book.facility.scope.refreshers
    rows = []
    for cert in book.certifications:
        if kind and cert.kind != kind:
            continue
        per_level = [cell(cert.levels.get(level.id, "—").capitalize()) for level in levels]
        if cert.id in refreshers:  # the facility's refresher rule overrides the issuer's interval
            valid = f"{refreshers[cert.id]} months"
        elif cert.validity_months:
            valid = f"{cert.validity_months} months"
        elif cert.renewal_rule == "law" and cert.varies_by_state:
            valid = "Varies by state"  # a state license may expire; "No expiry" would be wrong
        else:
            valid = "No expiry"
        # The facility sets renewal only where its interval differs from the issuer's own.
        own = cert.id in refreshers and refreshers[cert.id] != cert.validity_months
        rule = RENEWAL_NAMES["facility" if own else cert.renewal_rule]
        if own and cert.validity_months:
            rule += f" (the issuer's own interval is {cert.validity_months} months)"
        rule += ". Varies by state" if cert.varies_by_state else ""
        name = cell(cert.name) + (f" ({cell(cert.short)})" if cert.short else "")
        rows.append((name, cell(cert.issuer), *per_level, cell(valid), cell(rule)))
    headers = ("Name", "Who issues it", *(book.level_title(level.id) for level in levels), "Valid for", "Renewal")
    return block(table(headers, rows, caption="Education and certifications by level"))


def outlook(percent: float | None, period: str | None) -> str:
    if percent is None:
        return "&mdash;"
    return f"{percent:+g}%" + (f" ({cell(period)})" if period else "")


def labor_table(book: Handbook, sources_href: str) -> str:
    sources = book.by_id(Source)
    rows = [
        (
            f"{cell(f.occupation)} <small>(SOC {cell(f.soc)})</small>",
            f"${f.median_annual:,}",
            f"${f.median_hourly:,.2f}",
            outlook(f.outlook_percent, f.outlook_period),
            f'<a href="{attr(sources_href)}#source-{f.source}">{cell(sources[f.source].publisher)}, {f.year}</a>',
        )
        for f in book.labor
    ]
    headers = ("Occupation", "Median pay per year", "Median pay per hour", "Job outlook", "Source")
    return block(table(headers, rows, caption="National pay and outlook"))


def _experience(months: int | None) -> str:
    if not months:
        return ""
    years, rest = divmod(months, 12)
    return f"about {years} year{'s' if years != 1 else ''}" if not rest else f"about {months} months"


def _roles(label: str, ids: list[str], book: Handbook, css: str) -> str:
    if not ids:
        return ""
    items = "".join(f"<li>{cell(book.role_title(i))}</li>" for i in ids)
    return f'<div class="bht-career-group {css}"><p class="bht-career-label">{cell(label)}</p><ul>{items}</ul></div>'


def career_diagram(book: Handbook) -> str:
    """Career map in HTML: where people come from, the levels in order, and where each level leads.

    Plain lists styled as a diagram (handbook.css): a screen reader or a printer gets
    the same facts as the picture, colours follow the light and dark schemes, and
    no script or outside file is needed. The career paths table gives the details.
    """
    levels = book.ordered_levels
    level_ids = {level.id for level in levels}
    first = levels[0].id if levels else None
    entries = sorted({p.from_role for p in book.paths if p.kind == "entry"}, key=lambda r: book.role_title(r).casefold())
    entry_targets = {p.to_role for p in book.paths if p.kind == "entry"}
    parts = ['<figure class="bht-career" aria-labelledby="bht-career-caption">']
    parts.append(
        '<figcaption id="bht-career-caption"><strong>Career map.</strong> Read it from top to bottom: the jobs people often '
        "come from, the technician levels from first to highest, and the roles each level can lead to. "
        "The table of career paths gives what each move needs.</figcaption>"
    )
    if entries:
        into = "" if entry_targets <= {first} else " (see the table for the level each one starts at)"
        parts.append(_roles(f"Come from{into}", entries, book, "bht-career-entry"))
    parts.append('<ol class="bht-career-ladder">')
    for position, level in enumerate(levels):
        step = next((p for p in book.paths if p.kind == "advancement" and p.to_role == level.id and p.from_role in level_ids), None)
        if step is not None:
            when = _experience(step.requirements.experience_months)
            note = f"From {book.level_title(step.from_role)}" + (f", after {when}" if when else "")
        else:
            note = "Start here" if position == 0 else ""
        up = sorted(
            (p.to_role for p in book.paths if p.from_role == level.id and p.kind == "advancement" and p.to_role not in level_ids),
            key=lambda r: book.role_title(r).casefold(),
        )
        across = sorted(
            (p.to_role for p in book.paths if p.from_role == level.id and p.kind == "lateral"), key=lambda r: book.role_title(r).casefold()
        )
        exits = _roles("Move up to", up, book, "bht-career-up") + _roles("Move across to", across, book, "bht-career-across")
        parts.append(
            '<li class="bht-career-level"><div class="bht-career-rung">'
            f'<span class="bht-career-title">{cell(book.level_title(level.id))}</span>'
            + (f'<span class="bht-career-note">{cell(note)}</span>' if note else "")
            + "</div>"
            + (f'<div class="bht-career-exits">{exits}</div>' if exits else "")
            + "</li>"
        )
    parts.append("</ol></figure>")
    return block("".join(parts))
