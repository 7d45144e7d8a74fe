"""Renderer for "How this edition differs": a computed EditionDiff in, escaped HTML out."""

from __future__ import annotations

from handbook.derive.differences import EditionDiff
from handbook.model import collections
from handbook.render.markup import block, cell, table

CHANGE_NAMES = {"added": "Added", "replaced": "Replaced", "removed": "Removed"}
PAGE_CHANGE_NAMES = {"hidden": "Hidden", "replaced": "Replaced"}


def edition_differences(diff: EditionDiff) -> str:
    if diff.empty:
        if diff.is_standard:
            return block(f"<p>This is the standard edition of {cell(diff.standard_name)}. It has no differences to list.</p>")
        return block(f"<p>{cell(diff.name)} uses the standard edition as it is: no records and no profile values differ.</p>")
    parts = [
        f"<p>{cell(diff.name)} makes {_count(len(diff.profile), 'profile change')}, "
        f"{_count(len(diff.records), 'record change')}, {_count(len(diff.scope), 'scope change')} and "
        f"{_count(len(diff.pages), 'page change')}{_mapped(diff)} compared with the standard edition of {cell(diff.standard_name)}.</p>"
    ]
    if diff.pages:
        rows: list[tuple[str, ...]] = [(f"<code>{cell(c.page)}</code>", PAGE_CHANGE_NAMES[c.change], cell(c.how)) for c in diff.pages]
        parts.append(table(("Page", "Change", "Where"), rows, caption="Standard pages this edition hides or replaces"))
    if diff.mapped:
        rows = [
            (
                cell(collections.get(m.collection).heading),
                f"{cell(m.standard)} <small><code>{cell(m.key)}</code></small>",
                "<br>".join(map(cell, m.mapped_to)),
            )
            for m in diff.mapped
        ]
        caption = "Standard records this edition replaces with its own (where standard data names them)"
        parts.append(table(("What", "Standard record", "Stands for it here"), rows, caption=caption))
    if diff.profile:
        rows = [(cell(c.label), "<br>".join(map(cell, c.standard)), "<br>".join(map(cell, c.current))) for c in diff.profile]
        parts.append(table(("Setting", "Standard edition", "This edition"), rows, caption="Facility profile values that differ"))
    if diff.records:
        rows = [
            (
                cell(collections.get(c.collection).heading),
                f"{cell(c.label)} <small><code>{cell(c.key)}</code></small>",
                CHANGE_NAMES[c.change],
                cell(", ".join(c.fields)) if c.fields else "&mdash;",
            )
            for c in diff.records
        ]
        parts.append(table(("What", "Record", "Change", "Fields that differ"), rows, caption="Records added, replaced or removed"))
    if diff.scope:
        rows = [
            (cell(collections.get(c.collection).heading), cell(c.label), "Shown here" if c.shown else "Not shown here", cell(c.reason))
            for c in diff.scope
        ]
        caption = "Content that follows this facility's scope of practice"
        parts.append(table(("What", "Record", "In this edition", "Why"), rows, caption=caption))
    return block(*parts)


def _mapped(diff: EditionDiff) -> str:
    return f", and maps {_count(len(diff.mapped), 'standard record')} to its own," if diff.mapped else ""


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
