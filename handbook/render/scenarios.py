"""Renderer for practice drills: each situation as a self-check with the answer folded away.

The answer sits in a ``<details>`` element, so a reader thinks first and then opens it.
For preceptor-led practice the page prints with every answer open (print.css and the
PDF open them). Links to the pages that teach each drill come in as hrefs.
"""

from __future__ import annotations

from collections.abc import Callable

from handbook.model.handbook import Handbook
from handbook.model.records import Scenario, Skill
from handbook.render.markup import attr, block, cell, require
from handbook.render.roles import scope_note


def select(book: Handbook, skill: str | None = None, page: str | None = None) -> list[Scenario]:
    require(book.by_id(Skill), skill, "skill")
    return [
        s for s in book.scenarios if book.applies(s.scope) and (skill is None or skill in s.skills) and (page is None or page in s.pages)
    ]


def _items(tag: str, items: tuple[str, ...]) -> str:
    return f"<{tag}>" + "".join(f"<li>{cell(item)}</li>" for item in items) + f"</{tag}>"


def scenario_drills(
    book: Handbook, href: Callable[[str], str], title: Callable[[str], str], skill: str | None = None, page: str | None = None
) -> str:
    """Every drill that applies in this edition (optionally only those for one skill or page)."""
    chosen = select(book, skill, page)
    if not chosen:
        return block('<p class="bht-note">No practice drills match this selection in this edition.</p>')
    skills = book.by_id(Skill)
    parts = []
    for number, drill in enumerate(chosen, start=1):
        learn = ", ".join(f'<a href="{attr(href(p))}">{cell(title(p))}</a>' for p in drill.pages)
        practiced = ", ".join(cell(skills[s].name) for s in drill.skills)
        parts.append(
            f'<section class="bht-drill" id="drill-{drill.id}" aria-labelledby="drill-{drill.id}-title">'
            f'<h3 id="drill-{drill.id}-title">Drill {number}. {cell(drill.title)}</h3>'
            f'<p class="bht-drill-situation">{cell(drill.situation)}{scope_note(drill.scope)}</p>'
            '<p class="bht-drill-ask"><strong>What do you do? Who do you tell? What do you never do?</strong> '
            "Answer out loud or on paper first, then open the answer.</p>"
            '<details class="bht-drill-answer"><summary>Show the answer</summary>'
            f"<p><strong>Do this, in order:</strong></p>{_items('ol', drill.do)}"
            f"<p><strong>Never:</strong></p>{_items('ul', drill.avoid)}"
            f"<p><strong>Tell:</strong></p>{_items('ul', drill.tell)}"
            f'<p class="bht-drill-learn"><strong>Skills:</strong> {practiced}. <strong>Learn more:</strong> {learn}.</p>'
            "</details></section>"
        )
    return block(*parts)
