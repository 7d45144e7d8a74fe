"""Macros for the contributor pages: the review status table and the macro reference.

They need more than the handbook data (every page's review metadata; the other
macros and a way to run an example), so they are built here rather than in
``registry.py``. Engine-free: the engine passes in plain values and callables.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from macros import render_macro_reference, render_review
from macros.examples import EXAMPLES, NOT_RUN
from macros.markup import RenderError
from macros.review import PageReview


def build_contrib_macros(
    macros: dict[str, Callable[..., str]],
    reviews: list[PageReview],
    today: date,
    href: Callable[[str], str],
    run_example: Callable[[str], str],
) -> dict[str, Callable[..., str]]:
    """``macros`` is the full table (these two are added to it); ``href`` links a docs/
    path from the current page; ``run_example`` renders ``{{ call }}`` in the page sandbox."""

    def review_status(overdue_only=False):
        """Every page with its owner role, last review and next due date; overdue pages first.

        With overdue_only=True, only the pages whose review is overdue. Dates are as of the build."""
        return render_review.review_status(reviews, today, href, overdue_only=bool(overdue_only))

    def macro_reference():
        """This reference: every macro's description, call, an example and its live result."""
        missing = sorted(set(macros) - set(EXAMPLES))
        if missing:
            raise RenderError(f"no example for macro(s) {', '.join(missing)}; add one to macros/examples.py")
        results = {}
        for name in macros:
            if name in NOT_RUN:
                results[name] = NOT_RUN[name]
                continue
            try:
                results[name] = run_example(EXAMPLES[name])
            except Exception as error:  # say which example broke, not just that the page did
                raise RenderError(f"the example for {name} ({EXAMPLES[name]}) failed: {error}") from None
        return render_macro_reference.macro_reference(macros, EXAMPLES, results)

    added = {"review_status": review_status, "macro_reference": macro_reference}
    macros.update(added)
    return added
