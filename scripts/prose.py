"""The prose a reader sees on a docs/ page, without markup: shared by the content checks.

``page_prose`` strips front matter, Jinja (macro calls and tags), code, HTML and
Markdown syntax, and ends every heading, list item and paragraph with a full stop
so that readability formulas count them as sentences instead of gluing them onto
the next one. ``words`` normalizes text for exact-run comparison.
"""

from __future__ import annotations

import html
import re

PLACEHOLDER = "This page is being written."

FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n---[ \t]*\n", re.S)
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
FENCED_CODE = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[ \t]*$", re.S | re.M)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
BLOCK_HTML = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)

# Lines that are Markdown definitions, not prose.
DEFINITION_LINE = re.compile(r"^\s*(\*\[[^\]]*\]:|\[[^\]]+\]:\s|\[\^[^\]]+\]:)")
HEADING = re.compile(r"^\s*#{1,6}\s+(.*?)\s*#*\s*$")
ADMONITION = re.compile(r"^\s*(!!!|\?\?\?\+?)\s*[\w-]+(?:\s+\"(.*)\")?\s*$")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
TABLE_RULE = re.compile(r"^\s*\|?[\s:|-]+\|?\s*$")

INLINE = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # inline links
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"\[\^[^\]]+\]"), ""),  # footnote markers
    (re.compile(r"`[^`]*`"), ""),  # inline code
    (re.compile(r"<[^>\n]+>"), " "),  # HTML tags (their text stays)
    (re.compile(r"\{[:.#][^}]*\}"), ""),  # attribute lists
    (re.compile(r"(\*{1,3}|_{1,3})(\S(?:.*?\S)?)\1"), r"\2"),  # emphasis
    (re.compile(r"==(\S(?:.*?\S)?)=="), r"\1"),  # highlight
    (re.compile(r"^\s*>+\s?"), ""),  # block quotes
)
SENTENCE_END = (".", "!", "?")


def is_placeholder(markdown: str) -> bool:
    """True for a page that still only says it is being written."""
    return PLACEHOLDER in markdown


def _inline(line: str) -> str:
    for pattern, replacement in INLINE:
        line = pattern.sub(replacement, line)
    return html.unescape(line).strip()


def _close(block: list[str]) -> str:
    text = " ".join(" ".join(block).split())
    if not text:
        return ""
    text = text.rstrip(":;,")
    return text if text.endswith(SENTENCE_END) else text + "."


def page_prose(markdown: str) -> str:
    """Plain prose of a Markdown page: one block (paragraph, heading, item) per line."""
    text = FRONT_MATTER.sub("", markdown, count=1)
    text = JINJA.sub(" ", text)  # a value inside a sentence; a call on its own line leaves a blank line
    for pattern in (FENCED_CODE, HTML_COMMENT, BLOCK_HTML):
        text = pattern.sub("\n", text)
    blocks: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            blocks.append(_close(current))
            current.clear()

    for raw in text.splitlines():
        if not raw.strip() or DEFINITION_LINE.match(raw):
            flush()
            continue
        if TABLE_ROW.match(raw):
            flush()
            if not TABLE_RULE.match(raw):
                cells = [_inline(cell) for cell in raw.strip().strip("|").split("|")]
                blocks.extend(_close([cell]) for cell in cells if cell)
            continue
        heading, admonition, item = HEADING.match(raw), ADMONITION.match(raw), LIST_ITEM.match(raw)
        if heading or admonition:
            flush()
            title = heading.group(1) if heading else (admonition.group(2) or "")
            blocks.append(_close([_inline(title)]))
            continue
        if item:
            flush()
            current.append(_inline(item.group(1)))
            continue
        current.append(_inline(raw))
    flush()
    return "\n".join(block for block in blocks if block)


APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc`]")
WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """Lower-case words with punctuation dropped: "It's OK—really." -> its, ok, really."""
    return WORD.findall(APOSTROPHES.sub("", text.casefold()))
