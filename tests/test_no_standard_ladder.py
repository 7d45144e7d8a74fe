"""Nothing outside the level records assumes the standard ladder: pages and macro examples
take levels from the edition, so a facility's own ladder just works."""

from __future__ import annotations

import re

from conftest import ROOT

from handbook.load.edition import load_edition
from handbook.render import macros as macro_table

# Where a standard id is the point: the guide's overlay examples that map the standard
# ladder to a facility's own. Only inside fenced YAML there.
ALLOWED_IN_FENCES = {"docs/facilities/customize.md"}


def _pattern() -> re.Pattern[str]:
    book = load_edition(ROOT).book
    names = [book.level_title(level.id) for level in book.levels] + [level.id for level in book.levels]
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])")


def _outside_fences(text: str) -> list[tuple[int, str]]:
    lines, fenced = [], False
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced:
            lines.append((number, line))
    return lines


def test_no_page_names_a_standard_level():
    pattern = _pattern()
    found = []
    for page in sorted((ROOT / "docs").rglob("*.md")):
        name = page.relative_to(ROOT).as_posix()
        text = page.read_text(encoding="utf-8")
        lines = _outside_fences(text) if name in ALLOWED_IN_FENCES else list(enumerate(text.splitlines(), 1))
        found += [f"{name}:{number}: {hit}" for number, line in lines for hit in pattern.findall(line)]
    assert not found, "pages take levels from the edition (levels, ladder(), level_title); found:\n" + "\n".join(found)


def test_no_macro_example_names_a_standard_level():
    pattern = _pattern()
    found = [f"{m.name}: {m.example}" for m in macro_table.TABLE if pattern.search(m.example)]
    assert not found


def test_the_scan_finds_a_standard_title_when_one_is_there():
    book = load_edition(ROOT).book
    title = book.level_title(book.ordered_levels[0].id)
    assert _pattern().findall(f"Ask a {title} for help.") == [title]
    assert _outside_fences(f"```yaml\nremove: [{title}]\n```\ntext\n") == [(4, "text")]
