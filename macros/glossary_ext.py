"""The glossary Markdown extension both engines run: first mentions link to the glossary,
and generated tables get abbreviation tooltips.

The terms and tooltips come from the edition (``handbook/derive/glossary_terms.py``).
Which page is being rendered is not needed: the page adapter (``macros/pages.py``)
ends every page but the glossary with a reference definition ``[bht-glossary]: <path>``,
the relative .md path to the glossary from that page, and links point there. Both
engines then turn that .md link into a URL and check it like any other link.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from handbook.derive.glossary_terms import (
    NO_LINK,
    NO_LINK_CLASSES,
    TermMatcher,
    abbreviate_html,
    is_generated_table,
    space_table_cells,
)

REFERENCE = "bht-glossary"  # the reference definition a page ends with (Python-Markdown lower-cases ids)


class GlossaryExtension(Extension):
    def __init__(self, matcher: TermMatcher, titles: dict[str, str]):
        super().__init__()
        self.matcher, self.titles = matcher, titles

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
        target = self.md.references.get(REFERENCE)
        if target is None:  # the glossary page itself, or a page rendered outside the handbook
            return
        href = target[0]
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
        pieces: list[etree.Element] = []
        head: str | None = None
        position = 0
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
        return head or "", pieces

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


def makeExtension(**kwargs: Any) -> GlossaryExtension:  # noqa: N802 - Python-Markdown's entry point
    """Load by name with ``data: <file>``: a JSON file holding ``entries`` and ``titles``
    (written by the Zensical adapter for its own Markdown process)."""
    data = json.loads(Path(kwargs["data"]).read_text(encoding="utf-8"))
    return GlossaryExtension(TermMatcher((term_id, names) for term_id, names in data["entries"]), data["titles"])
