"""A page's front matter: the YAML between ``---`` lines at the top, with the line of each key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from handbook.load.yamlnodes import YamlProblem, read_document


@dataclass(frozen=True)
class FrontMatter:
    meta: Any  # a mapping for a well-formed page (review.check_page says when it is not)
    body: str  # the page after the front matter
    offset: int  # lines before the body: line n of the body is line n + offset of the file
    lines: dict[str, int]  # the file's line of each top-level key

    def line_of(self, field: str) -> int:
        return self.lines.get(field, 1)


def front_matter(text: str) -> FrontMatter:
    """Split a page; raises ``YamlProblem`` (at the file's own line) for front matter that does not parse.

    A page without front matter has an empty mapping."""
    lines = text.splitlines()
    if not lines or lines[0].rstrip() != "---":
        return FrontMatter({}, text, 0, {})
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        raise YamlProblem(1, "(front matter)", "front matter starts with --- but never ends; close it with a line of ---")
    yaml_text = "\n".join(lines[1:end])
    body = "\n".join(lines[end + 1 :]) + ("\n" if text.endswith("\n") else "")
    if not yaml_text.strip():
        return FrontMatter({}, body, end + 1, {})
    try:
        document = read_document(yaml_text)
    except YamlProblem as error:
        raise YamlProblem(error.line + 1, error.field, error.message) from None
    # +1: the opening --- is line 1
    keys = {str(path[0]): line + 1 for path, line in document.lines.items() if len(path) == 1}
    return FrontMatter(document.value, body, end + 1, keys)
