"""Renderers for onboarding: the 90-day plan and printable sign-off checklists."""

from __future__ import annotations

from handbook.model.fields import VALIDATION_METHOD_NAMES
from handbook.model.handbook import Handbook
from handbook.model.records import Phase
from handbook.render.markup import block, cell, inline, require, table


def days(phase: Phase) -> str:
    return f"Day {phase.day_start}" if phase.day_start == phase.day_end else f"Days {phase.day_start}&ndash;{phase.day_end}"


def patients(book: Handbook, phase: Phase) -> str:
    """How the new hire works with patients in a phase: not yet, with a preceptor, or alone."""
    if phase.before_patient_contact:
        return "Not yet: safety training first"
    solo = next((i for i, p in enumerate(book.phases) if p.works_alone), len(book.phases))
    return "On your own" if book.phases.index(phase) >= solo else "With a preceptor beside you"


def onboarding_plan(book: Handbook) -> str:
    rows = [
        (
            cell(p.title),
            days(p),
            cell(p.goal),
            patients(book, p),
            str(len([c for c in p.competencies if book.applies(c.scope)])),
        )
        for p in book.phases
    ]
    return block(table(("Phase", "When", "Goal", "Working with patients", "Sign-offs"), rows, caption="The first 90 days"))


def onboarding_checklist(book: Handbook, phase: str | None = None) -> str:
    """Sign-off sheets: one per phase, with blank columns to fill in by hand."""
    require(book.by_id(Phase), phase, "phase")
    parts = []
    for p in book.phases:
        if phase and p.id != phase:
            continue
        tasks = [(cell(t.text), "", "") for t in p.tasks if book.applies(t.scope)]
        competencies = [
            (
                cell(c.text),
                ", ".join(VALIDATION_METHOD_NAMES[m] for m in c.methods),
                "",
                "",
                "",
            )
            for c in p.competencies
            if book.applies(c.scope)
        ]
        # .bht-sheet-start: in print, each phase starts a new sheet (print.css).
        parts.append(f"### {inline(p.title)} checklist {{#checklist-{p.id} .bht-sheet-start}}")
        parts.append(
            f'<div class="bht-checklist"><p class="bht-checklist-goal">{days(p)}. {cell(p.goal)}</p>'
            '<p class="bht-sheet-names">Employee: <span class="bht-line"></span> '
            'Preceptor: <span class="bht-line"></span> Unit: <span class="bht-line bht-line-short"></span></p>'
        )
        if tasks:
            parts.append(table(("Task", "Date done", "Initials"), tasks, caption=f"{p.title}: tasks", css="bht-signoff"))
        if competencies:
            parts.append(
                table(
                    ("Competency", "Allowed methods", "Date", "Validator initials", "Method used"),
                    competencies,
                    caption=f"{p.title}: competencies to validate",
                    css="bht-signoff",
                )
            )
        parts.append(
            '<p class="bht-signature">Employee signature: <span class="bht-line"></span> '
            'Validator signature: <span class="bht-line"></span> Date: <span class="bht-line bht-line-short"></span></p></div>'
        )
    return block(*parts)
