"""Small, targeted patches to a scratch copy of data/, for the bad-data corpus.

The real dataset keeps growing, so a fixture never depends on record counts or on
any text beyond a path to a value. Patches find what they change through PyYAML's
node tree (its composer, not the loader under test):

- ``append: <top-level key>`` + ``text``: add list items at the end of that list,
  indented like its items. ``{new}`` is the index of the first added item.
- ``set: <dotted.path>`` + ``value``: replace one value (scalar, flow or block) with
  ``value`` written on the key's line; a missing key is added to its mapping.
- ``insert_before: <dotted.path>`` + ``text``: add lines just above a key, at its
  indentation (to put a misspelled field or a duplicate key in an existing record).
- ``at_end``: add lines at the end of the file.
- ``content``: the whole file. ``remove: true``: delete the file.
- ``also``: a list of further patches (each with its own ``file``).

In expectations, ``{line}`` is the line carrying the marker ``#<`` in the patch text
(for ``set``, the line of the value), ``{new}`` as above, ``{line:dotted.path}`` the
line of a key in the patched file. Anywhere in a case, ``{value:dotted.path}`` or
``{value:file.yml:dotted.path}`` is a value read from the unpatched data.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
MARKER = "#<"
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: much faster
VALUE = re.compile(r"\{value:(?:([\w-]+\.yml):)?([^{}]+)\}")
LINE = re.compile(r"\{line(?::([^{}]+))?\}")


def copy_data(dest: Path, source: Path = DATA) -> Path:
    """A scratch project root holding a copy of data/; returns the data folder."""
    data = dest / "data"
    shutil.copytree(source, data)
    return data


def parse_path(dotted: str) -> list[object]:
    return [int(part) if part.isdigit() else part for part in dotted.split(".")] if dotted else []


def find(text: str, dotted: str) -> tuple[Node | None, Node]:
    """(key node or None, value node) at a dotted path such as ``skills.0.name``."""
    node: Node = yaml.compose(text, Loader=LOADER)
    key: Node | None = None
    for part in parse_path(dotted):
        if isinstance(part, int):
            assert isinstance(node, SequenceNode), f"{dotted}: {part} is not a list index here"
            key, node = None, node.value[part]
        else:
            assert isinstance(node, MappingNode), f"{dotted}: {part!r} is not inside a mapping"
            matches = [(k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value == part]
            assert matches, f"{dotted}: no key {part!r}"
            key, node = matches[0]
    return key, node


def line_of(text: str, dotted: str) -> int:
    """1-based line of the key (or list item) at ``dotted``."""
    key, node = find(text, dotted)
    return (key or node).start_mark.line + 1


def value_of(data: Path, file: str, dotted: str) -> str:
    _, node = find((data / file).read_text(encoding="utf-8"), dotted)
    assert isinstance(node, ScalarNode), f"{file}:{dotted} is not a single value"
    return node.value


def _end_line(lines: list[str], node: Node) -> int:
    """Index of the first line after a block node (its end mark may sit on the next token)."""
    end = node.end_mark
    if end.line >= len(lines) or lines[end.line][: end.column].strip() == "":
        return end.line
    return end.line + 1


def _marker_line(lines: list[str], start: int) -> int | None:
    for number, line in enumerate(lines[start:], start=start + 1):
        if line.rstrip().endswith(MARKER):
            return number
    return None


def _indented(text: str, indent: str) -> list[str]:
    return [indent + line if line.strip() else line for line in text.splitlines(keepends=True)]


def _is_block(node: Node) -> bool:
    if isinstance(node, ScalarNode):
        return node.style in ("|", ">")
    return not node.flow_style


def _patch(case: dict, data: Path) -> dict[str, int]:
    path = data / case["file"]
    if case.get("remove"):
        path.unlink()
        return {}
    if "content" in case:
        path.write_text(case["content"], encoding="utf-8")
        found = _marker_line(case["content"].splitlines(), 0)
        return {"line": found} if found else {}
    text = path.read_text(encoding="utf-8")
    text += "" if text.endswith("\n") else "\n"
    lines = text.splitlines(keepends=True)
    values: dict[str, int] = {}
    if "append" in case:
        _, sequence = find(text, case["append"])
        assert isinstance(sequence, SequenceNode) and not sequence.flow_style, f"{case['append']} is not a block list"
        at = _end_line(lines, sequence)
        lines[at:at] = _indented(case["text"], " " * sequence.start_mark.column)
        values["new"] = len(sequence.value)
        values["line"] = _marker_line(lines, at) or at + 1
    elif "insert_before" in case:
        key, _ = find(text, case["insert_before"])
        assert key is not None, "insert_before needs a path that ends at a key"
        at, column = key.start_mark.line, key.start_mark.column
        assert lines[at][:column].strip() == "", "insert_before needs a key that starts its line"
        lines[at:at] = _indented(case["text"], " " * column)
        values["line"] = _marker_line(lines, at) or at + 1
    elif "at_end" in case:
        at = len(lines)
        lines += case["at_end"].splitlines(keepends=True)
        values["line"] = _marker_line(lines, at) or at + 1
    elif "set" in case:
        values["line"] = _set(lines, text, case["set"], str(case["value"]))
    else:
        raise AssertionError(f"case {case.get('id')}: no patch operation")
    path.write_text("".join(lines), encoding="utf-8")
    return values


def _set(lines: list[str], text: str, dotted: str, value: str) -> int:
    """Replace (or add) the value at ``dotted``; return its 1-based line."""
    parent_path, _, name = dotted.rpartition(".")
    _, parent = find(text, parent_path)
    if isinstance(parent, MappingNode) and not any(k.value == name for k, _ in parent.value):
        first_key, first_value = parent.value[0]
        at, column = first_key.start_mark.line, first_key.start_mark.column
        if lines[at][:column].strip():  # first key shares a line with "- ": add after it
            assert not _is_block(first_value), f"cannot add {dotted} here"
            at += 1
        lines[at:at] = [f"{' ' * column}{name}: {value}\n"]
        return at + 1
    key, node = find(text, dotted)
    if not _is_block(node):
        start, end = node.start_mark, node.end_mark
        assert start.line == end.line, f"{dotted} spans several lines"
        row = lines[start.line]
        lines[start.line] = row[: start.column] + value + row[end.column :]
        return start.line + 1
    assert key is not None, f"{dotted}: a block list item cannot be replaced"
    at = key.start_mark.line
    lines[at + 1 : _end_line(lines, node)] = []
    row = lines[at]
    lines[at] = row[: key.end_mark.column] + ": " + value + "\n"
    return at + 1


def resolve_values(case: object, data: Path, file: str | None = None) -> object:
    """Replace ``{value:...}`` everywhere in a case with values from the (unpatched) data."""
    if isinstance(case, dict):
        file = case.get("file", file)
        return {k: resolve_values(v, data, file) for k, v in case.items()}
    if isinstance(case, list):
        return [resolve_values(v, data, file) for v in case]
    if isinstance(case, str):
        return VALUE.sub(lambda m: value_of(data, m.group(1) or file, m.group(2)), case)
    return case


def apply(case: dict, data: Path) -> dict[str, int]:
    """Apply a case (already value-resolved) and its ``also`` patches; return ``{line}``/``{new}``."""
    values = _patch(case, data)
    for extra in case.get("also", ()):
        _patch(extra, data)
    return values


def expand(expected: str, values: dict[str, int], data: Path, file: str) -> str:
    """Fill ``{new}``, then ``{line}`` and ``{line:dotted.path}``, in an expected problem line."""
    if "{new}" in expected:
        expected = expected.replace("{new}", str(values["new"]))

    def fill(match: re.Match) -> str:
        if match.group(1):
            return str(line_of((data / file).read_text(encoding="utf-8"), match.group(1)))
        assert "line" in values, "{line} has no value for this kind of patch"
        return str(values["line"])

    return LINE.sub(fill, expected)
