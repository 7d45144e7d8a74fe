"""Renderers for review governance: the line under each page and the review status table.

Pure: review records and "today" in, escaped HTML out. Links come in as a function
from a docs/ path to a relative URL, so this module never touches the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from handbook.derive.review import DUE_SOON_DAYS, PageReview, ordered
from handbook.render.markup import attr, cell, table

STATUS_NAMES = {"overdue": "Overdue", "due-soon": "Due soon", "current": "Up to date"}


def long_date(day: date) -> str:
    """``November 22, 2026``: spelled out, so no reader mixes up day and month."""
    return f"{day:%B} {day.day}, {day.year}"


def page_facts(review: PageReview, today: date) -> dict[str, object]:
    """Plain values the page template needs for 'Last reviewed ... by ...; next review due ...'."""
    return {
        "owner": review.owner,
        "last_reviewed": review.last_reviewed.isoformat(),
        "last_reviewed_text": long_date(review.last_reviewed),
        "due": review.due.isoformat(),
        "due_text": long_date(review.due),
        "status": review.status(today),
        "overdue": review.status(today) == "overdue",
    }


def status_text(review: PageReview, today: date) -> str:
    days = review.days_overdue(today)
    if days > 0:
        return f"Overdue by {days} day{'s' if days != 1 else ''}"
    if review.status(today) == "due-soon":
        return "Due today" if days == 0 else f"Due in {-days} day{'s' if days != -1 else ''}"
    return STATUS_NAMES["current"]


def _time(day: date) -> str:
    return f'<time datetime="{day.isoformat()}">{day.isoformat()}</time>'


def review_status(pages: Iterable[PageReview], today: date, href: Callable[[str], str], overdue_only: bool = False) -> str:
    """Every page with owner, last review and due date; overdue pages first."""
    pages = list(pages)
    counts = {name: sum(1 for p in pages if p.status(today) == name) for name in STATUS_NAMES}
    shown = [p for p in ordered(pages, today) if not overdue_only or p.status(today) == "overdue"]
    rows = []
    for review in shown:
        state = review.status(today)
        link = f'<a href="{attr(href(review.src_path))}">{cell(review.title)}</a>'
        status = f'<span class="bht-review-{state}">{cell(status_text(review, today))}</span>'
        if state == "overdue":
            status = f"<strong>{status}</strong>"
        every = f"{review.review_every} month{'s' if review.review_every != 1 else ''}"
        rows.append((link, cell(review.owner), _time(review.last_reviewed), cell(every), _time(review.due), status))
    summary = (
        f"<p>As of {cell(long_date(today))}: {len(pages)} pages, {counts['overdue']} overdue, "
        f"{counts['due-soon']} due in the next {DUE_SOON_DAYS} days.</p>"
    )
    caption = "Pages with an overdue review" if overdue_only else "Review status of every page, overdue first"
    headers = ("Page", "Owner", "Last reviewed", "Review every", "Next review due", "Status")
    return summary + "\n\n" + table(headers, rows, caption=caption, css="bht-review-status") + "\n"
