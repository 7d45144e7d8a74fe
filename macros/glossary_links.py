"""Glossary help on every page: first mentions link to the glossary; tables get tooltips.

Two jobs, both as one Python-Markdown extension (no MkDocs here):

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
import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable, Iterator

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from macros.model import Term

GLOSSARY_PAGE = "reference/glossary.md"
# Elements whose text never gets a glossary link.
NO_LINK = {"a", "abbr", "code", "pre", "kbd", "samp", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6",
           "button", "summary", "caption", "figcaption", "dt", "th", "label", "svg", "math", "textarea", "title"}
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


class TermMatcher:
    """Finds glossary terms in plain text."""

    def __init__(self, terms: Iterable[Term]):
        self.owner: dict[str, str] = {}
        exact, loose = [], []
        for term in terms:
            for name in linkable_names(term):
                key = name if exact_case(name) else name.casefold()
                self.owner.setdefault(key, term.id)
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
def _abbreviation_regex(names: tuple[str, ...]) -> re.Pattern:
    """One compiled pattern per set of names: a build has one set and about 67 tables."""
    return re.compile(_pattern(names, plural=False))


def abbreviate_html(fragment: str, titles: dict[str, str]) -> str:
    """Wrap known abbreviations in ``<abbr title>`` in the text of an HTML fragment.

    Tags and attribute values are never touched; nor is text inside ``NO_ABBR`` elements.
    """
    if not titles:
        return fragment
    regex = _abbreviation_regex(tuple(titles))
    out, skipping = [], []
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
            del stack[len(stack) - 1 - stack[::-1].index(name):]
    else:
        stack.append(name)


def space_table_cells(fragment: str) -> str:
    """A space between cells and a line break between rows (invisible; helps the search index)."""
    fragment = re.sub(r"(</t[dh]>)(?=<t[dh][\s>])", r"\1 ", fragment)
    return re.sub(r"(</tr>|</caption>|</thead>)(?=<)", "\\1\n", fragment)


def is_generated_table(block: object) -> bool:
    return isinstance(block, str) and block.lstrip().startswith('<div class="bht-scroll"')


# --- The Markdown extension ----------------------------------------------------


class GlossaryExtension(Extension):
    """``page_path(md)`` tells which docs/ page is being rendered (the engine knows)."""

    def __init__(self, matcher: TermMatcher, titles: dict[str, str], page_path: Callable[[Markdown], str | None]):
        super().__init__()
        self.matcher, self.titles, self.page_path = matcher, titles, page_path

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        # After inline parsing (20), before abbreviations (7) and before MkDocs
        # turns .md links into URLs and checks them (0).
        md.treeprocessors.register(GlossaryTreeprocessor(md, self), "bht_glossary", 8)


class GlossaryTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, extension: GlossaryExtension):
        super().__init__(md)
        self.ext = extension

    def run(self, root: etree.Element) -> None:
        stash = self.md.htmlStash.rawHtmlBlocks
        for i, block in enumerate(stash):
            if is_generated_table(block):
                stash[i] = space_table_cells(abbreviate_html(block, self.ext.titles))
        page = self.ext.page_path(self.md)
        if page is None or page == GLOSSARY_PAGE:
            return
        href = posixpath.relpath(GLOSSARY_PAGE, posixpath.dirname(page) or ".")
        linked = {m.group(1) for a in root.iter("a") if (m := re.search(r"#term-([\w-]+)$", a.get("href", "")))}
        link_first_mentions(root, self.ext.matcher, href, linked)


def _skipped(el: etree.Element) -> bool:
    classes = set((el.get("class") or "").split())
    return el.tag in NO_LINK or bool(classes & NO_LINK_CLASSES)


def link_first_mentions(root: etree.Element, matcher: TermMatcher, href: str, linked: set[str] | None = None) -> set[str]:
    """Link the first mention of each term in ``root``'s prose; returns the term ids linked by now."""
    linked = set(linked or ())

    def links_for(text: str) -> tuple[str, list[etree.Element]]:
        if isinstance(text, AtomicString):
            return text, []
        pieces, head, position = [], None, 0
        for start, end, term_id in matcher.find(text):
            if term_id in linked:
                continue
            linked.add(term_id)
            a = etree.Element("a", {"href": f"{href}#term-{term_id}", "class": "bht-term"})
            a.text = text[start:end]
            if head is None:
                head = text[:start]
            else:
                pieces[-1].tail = text[position:start]
            pieces.append(a)
            position = end
        if not pieces:
            return text, []
        pieces[-1].tail = text[position:]
        return head, pieces

    def walk(el: etree.Element) -> None:
        if _skipped(el):
            return
        if el.text:
            el.text, new = links_for(el.text)
            for offset, a in enumerate(new):
                el.insert(offset, a)
        for child in list(el):
            walk(child)
            if child.tail:
                child.tail, new = links_for(child.tail)
                at = list(el).index(child) + 1
                for offset, a in enumerate(new):
                    el.insert(at + offset, a)

    walk(root)
    return linked
