"""Search keywords for pages, taken from the glossary.

A new hire searches for the words used on the floor: "MHT", "psych tech", "q15",
"MAR". Those words live in the glossary as terms, expansions and aliases; a term's
``see`` list names the pages that explain it. This module turns that into one list
of keywords per page. The engine hands them to the site search as page tags, which
the search ranks above body text and shows on each result, so nothing is hidden
in the page itself. Engine-free: plain data in, plain data out.
"""

from __future__ import annotations

from handbook.model.handbook import Handbook
from handbook.model.records import Term


def term_keywords(term: Term) -> tuple[str, ...]:
    """The names a reader might type for one term: the term, its expansion, its aliases."""
    names = (term.term, *((term.expansion,) if term.expansion else ()), *term.aliases)
    return tuple(dict.fromkeys(" ".join(name.split()) for name in names))


def page_keywords(book: Handbook) -> dict[str, tuple[str, ...]]:
    """Keywords for each docs/ page that some glossary term points to with ``see``.

    Keys are paths relative to docs/ (``safety/medication.md``); terms keep their
    order from the glossary, and a keyword appears once per page.
    """
    pages: dict[str, dict[str, None]] = {}
    for term in book.terms:
        for page in term.see:
            pages.setdefault(page, {}).update(dict.fromkeys(term_keywords(term)))
    return {page: tuple(words) for page, words in pages.items()}
