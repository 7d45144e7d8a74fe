"""Escaping and small building blocks shared by the renderers.

Data strings never reach a page unescaped. Tables are emitted as HTML, where
``html.escape`` is exact, so a ``|`` or ``<script>`` in a cell is just text. Inline
Markdown (headings, list items) escapes every character Markdown or its extensions
might treat as syntax, using numeric entities that always display literally.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence

# Characters with a meaning in HTML, Markdown or the pymdown extensions we enable.
_MARKDOWN_SPECIAL = re.compile(r"[&<>\"'\\`*_{}\[\]()#+!|~^=:\-]")


class RenderError(ValueError):
    """A macro was called with arguments that do not match the data."""


def cell(value: object) -> str:
    """Text for an HTML element: escaped, whitespace folded to one line."""
    return html.escape(" ".join(str(value).split()), quote=True)


def inline(value: object) -> str:
    """Text for a Markdown line (heading, list item): every special character neutralised."""
    # One pass: escaping HTML first and then '#' would break the entities it made.
    return _MARKDOWN_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", " ".join(str(value).split()))


def attr(value: object) -> str:
    return html.escape(str(value), quote=True)


def require(known: Mapping[str, object], wanted: str | None, what: str) -> None:
    """Fail with the list of valid ids when a macro names an unknown one."""
    if wanted is not None and wanted not in known:
        raise RenderError(f"unknown {what} {wanted!r}; valid ids: {', '.join(sorted(known)) or '(none)'}")


def choice(value: str | None, allowed: Iterable[str], what: str) -> None:
    allowed = list(allowed)
    if value is not None and value not in allowed:
        raise RenderError(f"unknown {what} {value!r}; valid values: {', '.join(allowed)}")


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    caption: str,
    css: str = "",
    row_headers: bool = True,
) -> str:
    """An HTML table in a focusable scroll box, so wide tables scroll on phones.

    ``headers`` and ``caption`` are plain text (escaped here). Each row's cells must
    already be safe HTML: renderers build them with ``cell()``.
    """
    head = "".join(f'<th scope="col">{cell(h)}</th>' for h in headers)
    body = []
    for row in rows:
        cells = []
        for i, value in enumerate(row):
            tag = "th" if (i == 0 and row_headers) else "td"
            scope = ' scope="row"' if tag == "th" else ""
            cells.append(f"<{tag}{scope}>{value}</{tag}>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    if not body:
        body.append(f'<tr><td colspan="{len(headers)}">Nothing to show for this selection.</td></tr>')
    klass = f' class="bht-table {css}"' if css else ' class="bht-table"'
    return (
        f'<div class="bht-scroll" role="region" tabindex="0" aria-label="{attr(caption)}">'
        f"<table{klass}><caption>{cell(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def block(*parts: str) -> str:
    """Join generated blocks with blank lines, so Markdown keeps them apart."""
    return "\n\n".join(part for part in parts if part) + "\n"
