"""Glossary help on every page, the engine-free part: finding terms and abbreviations.

The Markdown extension in ``macros/glossary_ext.py`` uses these to do two jobs:

- The first time a page mentions a glossary term in its prose, that mention links
  to the term's entry (``reference/glossary.md#term-<id>``). Never inside a heading,
  a link, code, an abbreviation, a caption or any raw HTML block, and not on the
  glossary page itself; a term the page already links to by hand is left alone.
- Generated tables are raw HTML, which Markdown's ``abbr`` extension never sees, so
  acronyms in their text get the same ``<abbr title>`` tooltips prose gets. Table
  cells also get a space between them, so the site search reads "CPI" and "Crisis"
  as two words instead of one ("CPICrisis").

Matching: a name with no lower-case letter, or with a digit ("MAR", "q15", "1:1"), must
match exactly; other names ("Treatment plan") match in any case, plural too.
Single plain words used as aliases ("Hold", "Vitals") are too common to link.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable, Iterator
from typing import TypeGuard

from handbook.model.records import Term

GLOSSARY_PAGE = "reference/glossary.md"
# Elements whose text never gets a glossary link.
NO_LINK = {
    "a",
    "abbr",
    "code",
    "pre",
    "kbd",
    "samp",
    "script",
    "style",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "button",
    "summary",
    "caption",
    "figcaption",
    "dt",
    "th",
    "label",
    "svg",
    "math",
    "textarea",
    "title",
}
NO_LINK_CLASSES = {"admonition-title", "headerlink", "bht-no-glossary-links"}
# Elements whose text in raw HTML never gets an abbreviation.
NO_ABBR = {"abbr", "code", "pre", "kbd", "samp", "script", "style", "svg", "math", "textarea", "title"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def exact_case(name: str) -> bool:
    return not any(ch.islower() for ch in name) or any(ch.isdigit() for ch in name)


def linkable_names(term: Term) -> list[str]:
    names = [term.term]
    names += [a for a in term.aliases if exact_case(a) or " " in a or "-" in a]
    return names


def _pattern(names: Iterable[str], plural: bool) -> str:
    ordered = sorted(set(names), key=len, reverse=True)
    body = "|".join(re.escape(n) for n in ordered)
    return rf"(?<![\w&#-])(?:{body}){'(?:e?s)?' if plural else ''}(?![\w-])"


def linkable(terms: Iterable[Term]) -> list[tuple[str, list[str]]]:
    """(term id, names a mention may use) for each term: what ``TermMatcher`` needs."""
    return [(term.id, linkable_names(term)) for term in terms]


class TermMatcher:
    """Finds glossary terms in plain text; ``entries`` is ``linkable(terms)``."""

    def __init__(self, entries: Iterable[tuple[str, list[str]]]):
        self.owner: dict[str, str] = {}
        exact: list[str] = []
        loose: list[str] = []
        for term_id, names in entries:
            for name in names:
                key = name if exact_case(name) else name.casefold()
                self.owner.setdefault(key, term_id)
                (exact if exact_case(name) else loose).append(name)
        self._exact = re.compile(_pattern(exact, plural=False)) if exact else None
        self._loose = re.compile(_pattern(loose, plural=True), re.IGNORECASE) if loose else None

    def find(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, term id) for each match, left to right, never overlapping."""
        found = []
        for regex, exact in ((self._exact, True), (self._loose, False)):
            if regex is None:
                continue
            for m in regex.finditer(text):
                found.append((m.start(), m.end(), self._term_of(m.group(0), exact)))
        end = -1
        for start, stop, term_id in sorted(found, key=lambda f: (f[0], -f[1])):
            if start >= end and term_id:
                yield start, stop, term_id
                end = stop

    def _term_of(self, matched: str, exact: bool) -> str | None:
        if exact:
            return self.owner.get(matched)
        key = matched.casefold()
        for candidate in (key, re.sub(r"e?s$", "", key), key[:-1]):
            if candidate in self.owner:
                return self.owner[candidate]
        return None


# --- Raw HTML: abbreviations and searchable cells ------------------------------

_TAG = re.compile(r"(<!--.*?-->|<[^>]+>)", re.S)


@functools.lru_cache(maxsize=8)
def _abbreviation_regex(names: tuple[str, ...]) -> re.Pattern[str]:
    """One compiled pattern per set of names: a build has one set and about 67 tables."""
    return re.compile(_pattern(names, plural=False))


def abbreviate_html(fragment: str, titles: dict[str, str]) -> str:
    """Wrap known abbreviations in ``<abbr title>`` in the text of an HTML fragment.

    Tags and attribute values are never touched; nor is text inside ``NO_ABBR`` elements.
    """
    if not titles:
        return fragment
    regex = _abbreviation_regex(tuple(titles))
    out: list[str] = []
    skipping: list[str] = []  # open NO_ABBR elements
    for part in _TAG.split(fragment):
        if part.startswith("<"):
            _track(part, skipping, NO_ABBR)
            out.append(part)
        elif skipping or not part:
            out.append(part)
        else:
            out.append(regex.sub(lambda m: f'<abbr title="{html.escape(titles[m.group(0)], quote=True)}">{m.group(0)}</abbr>', part))
    return "".join(out)


def _track(tag: str, stack: list[str], names: set[str]) -> None:
    match = re.match(r"<(/?)([a-zA-Z][\w:-]*)", tag)
    if not match or tag.startswith("<!--"):
        return
    closing, name = match.group(1) == "/", match.group(2).lower()
    if name not in names or name in VOID or tag.endswith("/>"):
        return
    if closing:
        if name in stack:
            del stack[len(stack) - 1 - stack[::-1].index(name) :]
    else:
        stack.append(name)


def space_table_cells(fragment: str) -> str:
    """A space between cells and a line break between rows (invisible; helps the search index)."""
    fragment = re.sub(r"(</t[dh]>)(?=<t[dh][\s>])", r"\1 ", fragment)
    return re.sub(r"(</tr>|</caption>|</thead>)(?=<)", "\\1\n", fragment)


def is_generated_table(block: object) -> TypeGuard[str]:
    """A stashed raw-HTML block that is one of our tables (Python-Markdown also stashes elements)."""
    return isinstance(block, str) and block.lstrip().startswith('<div class="bht-scroll"')
