"""Renderer for the macro reference page: each macro's docstring, call, example and result.

Pure: the macros, their examples and the live results come in; Markdown comes out.
Examples are shown inside fenced code blocks of generated output, which is never
rendered as a template again, so ``{{ ... }}`` appears literally.
"""

from __future__ import annotations

import html
import inspect
from collections.abc import Callable, Mapping


def signature(function: Callable[..., str]) -> str:
    """The call as a page writes it: names and defaults, without the type annotations."""
    full = inspect.signature(function)
    bare = [p.replace(annotation=p.empty) for p in full.parameters.values()]
    return f"{function.__name__}{full.replace(parameters=bare, return_annotation=full.empty)}"


def macro_reference(
    macros: Mapping[str, Callable[..., str]],
    examples: Mapping[str, str],
    results: Mapping[str, str],
) -> str:
    """One section per macro, in name order. ``results`` holds each example's live output
    (or a sentence saying why it is not run)."""
    parts = []
    for name in sorted(macros):
        function = macros[name]
        doc = inspect.getdoc(function) or ""
        summary, _, details = doc.partition("\n\n")
        parts.append(f"## `{name}` {{#macro-{name.replace('_', '-')}}}")
        parts.append(_prose(summary))
        if details.strip():
            parts.append(_prose(details))
        parts.append(f"Call: `{signature(function)}`")
        parts.append(f"Example:\n\n```jinja\n{{{{ {examples[name]} }}}}\n```")
        parts.append(f'<div class="bht-example" markdown="1">\n\n**Result:**\n\n{results[name]}\n\n</div>')
    return "\n\n".join(parts) + "\n"


def _prose(docstring_part: str) -> str:
    """Docstrings are our own code, written as Markdown (`code` stays code); only HTML is escaped."""
    return html.escape(" ".join(docstring_part.split()), quote=False)
