"""Renderers for reference material: glossary, sources, citations and voices."""

from __future__ import annotations

from handbook.model.handbook import Handbook
from handbook.model.records import Source, WorkSetting
from handbook.render.markup import attr, block, cell, inline, require


def glossary(book: Handbook, see: dict[str, list[tuple[str, str]]] | None = None) -> str:
    """``see`` maps a term id to (href, page title) for the pages its ``see`` names."""
    see = see or {}
    entries = []
    for term in sorted(book.terms, key=lambda t: t.term.casefold()):
        expansion = f' <span class="bht-expansion">({cell(term.expansion)})</span>' if term.expansion else ""
        aliases = f"<br><small>Also called: {', '.join(cell(a) for a in term.aliases)}</small>" if term.aliases else ""
        more = ", ".join(f'<a href="{attr(href)}">{cell(title)}</a>' for href, title in see.get(term.id, ()))
        more = f'<br><small class="bht-see">More: {more}</small>' if more else ""
        entries.append(f'<dt id="term-{term.id}">{cell(term.term)}{expansion}</dt><dd>{cell(term.definition)}{aliases}{more}</dd>')
    return block(f'<dl class="bht-glossary">{"".join(entries)}</dl>')


def sources_list(book: Handbook) -> str:
    items = []
    for s in sorted(book.sources, key=lambda s: (s.publisher.casefold(), s.title.casefold())):
        effective = f" {cell(s.effective)}." if s.effective else ""
        note = f" {cell(s.note)}" if s.note else ""
        items.append(
            f'<li id="source-{s.id}">{cell(s.publisher)}. <cite>{cell(s.title)}</cite>.{effective} '
            f'Retrieved {s.retrieved.isoformat()}. <a href="{attr(s.url)}">{cell(s.url)}</a>.{note}</li>'
        )
    return block(f'<ol class="bht-sources">{"".join(items)}</ol>')


def cite(book: Handbook, source_id: str, sources_page: str) -> str:
    """An inline Markdown link to one source; ``sources_page`` is relative to the citing page."""
    require(book.by_id(Source), source_id, "source")
    source = book.by_id(Source)[source_id]
    label = source.publisher + (f", {source.effective}" if source.effective else "")
    return f"[{inline(label)}]({sources_page}#source-{source_id})"


def voices(book: Handbook) -> str:
    parts = []
    for v in book.voices:
        badge = "Fictional example" if v.fictional else "Shared with consent"
        parts.append(
            f'<figure class="bht-voice"><blockquote><p>{cell(v.quote)}</p></blockquote>'
            f"<figcaption>{cell(v.name)}, {cell(v.role)}, {cell(book.by_id(WorkSetting)[v.setting].name)}. "
            f'<span class="bht-badge">{badge}</span></figcaption></figure>'
        )
    return block(*parts)


def abbreviation_titles(book: Handbook) -> dict[str, str]:
    """Each abbreviation (a term or alias in capitals, or with a digit) and its tooltip text."""
    titles = {}
    for term in book.terms:
        title = " ".join((term.expansion or term.definition).split()).replace("]", ")")
        for name in (term.term, *term.aliases):
            if name.replace(" ", "").isupper() or any(ch.isdigit() for ch in name):
                titles[name.replace("]", "")] = title
    return titles


def abbreviations(book: Handbook) -> str:
    """Markdown abbreviation definitions, appended to each page for hover tooltips.

    One block each (a blank line between them): Python-Markdown takes one definition out of
    a block at a time and tests what is left again, so one block of every definition costs
    time that grows with the square of the glossary's size on every page."""
    return "\n\n".join(f"*[{name}]: {title}" for name, title in abbreviation_titles(book).items())


def role_aliases(book: Handbook) -> str:
    return ", ".join(inline(a) for a in book.role.aliases)
