"""Renderers for growing in the role: career paths, certifications and pay."""

from __future__ import annotations

from macros.markup import attr, block, cell, choice, table
from macros.model import CareerPath, Handbook

KIND_NAMES = {"entry": "Entry", "advancement": "Advancement", "lateral": "Lateral move"}
RENEWAL_NAMES = {
    "law": "Set by law",
    "issuer": "Set by the issuer",
    "facility": "Set by your facility",
    "none": "Does not expire",
}


def requirements_cell(book: Handbook, path: CareerPath) -> str:
    need = path.requirements
    certs = book.index("certifications")
    lines = [cell(item) for item in need.education]
    lines += [cell(certs[c].short or certs[c].name) for c in need.certifications]
    if need.experience_months:
        years, months = divmod(need.experience_months, 12)
        span = f"{years} year{'s' if years != 1 else ''}" if not months else f"{need.experience_months} months"
        lines.append(f"About {span} of experience")
    for gate in need.skill_gates:
        lines.append(f"{cell(book.index('skills')[gate.skill].name)} at level {gate.level}")
    if need.notes:
        lines.append(cell(need.notes))
    return "<br>".join(lines) or "&mdash;"


def career_paths_table(book: Handbook, kind: str | None = None) -> str:
    choice(kind, KIND_NAMES, "path kind")
    rows = [
        (cell(book.role_title(p.from_role)), cell(book.role_title(p.to_role)), KIND_NAMES[p.kind], cell(p.summary), requirements_cell(book, p))
        for p in book.paths if kind is None or p.kind == kind
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
        rule = RENEWAL_NAMES["facility" if cert.id in refreshers else cert.renewal_rule]
        if cert.id in refreshers and cert.validity_months and cert.validity_months != refreshers[cert.id]:
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
    sources = book.index("sources")
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
    return block(table(("Occupation", "Median pay per year", "Median pay per hour", "Job outlook", "Source"), rows, caption="National pay and outlook"))


def career_diagram(book: Handbook) -> str:
    """Career paths as columns of boxes: where people come from, the levels, where they go."""
    levels = book.index("levels")
    columns = {
        "Come from": sorted({p.from_role for p in book.paths if p.kind == "entry"}),
        "Technician levels": [level.id for level in book.ordered_levels],
        "Move up to": sorted({p.to_role for p in book.paths if p.kind == "advancement" and p.to_role not in levels}),
        "Move across to": sorted({p.to_role for p in book.paths if p.kind == "lateral"}),
    }
    html = ['<figure class="bht-career" role="group" aria-labelledby="bht-career-caption">', '<div class="bht-career-columns">']
    for heading, ids in columns.items():
        if not ids:
            continue
        items = "".join(f"<li>{cell(book.role_title(i))}</li>" for i in ids)
        html.append(f'<section class="bht-career-column"><h4>{cell(heading)}</h4><ol>{items}</ol></section>')
    html.append("</div>")
    html.append('<figcaption id="bht-career-caption">Career map: the roles people come from, the technician levels in order, and the roles they move up or across to. The table below lists every path with its requirements.</figcaption>')
    html.append("</figure>")
    return block("".join(html))
