"""YAML to plain Python, remembering the line of every value.

PyYAML's loader drops positions and silently keeps the last of two duplicate keys.
Composing nodes ourselves keeps the positions and turns duplicates, unsupported tags,
cyclic aliases and alias bombs into clear problems instead of surprises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from handbook.load.locate import Loc, format_field

MAX_VALUES = 200_000  # far above any real handbook; stops alias bombs from expanding
MAX_DEPTH = 50  # data nests a few levels; deeper input would exhaust the stack
PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
SCALAR_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}
KEY_KINDS = {bool: "true/false", type(None): "empty (null)", float: "a number with a point"}
# libyaml parses many times faster than pure Python; PyYAML's own parser words
# syntax errors better, so it re-reads a file only when libyaml finds a problem.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlProblem(Exception):
    def __init__(self, line: int, field: str, message: str):
        super().__init__(f"{line}: {field}: {message}")
        self.line, self.field, self.message = line, field, message


@dataclass
class Document:
    value: object
    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, path: Loc) -> int:
        """Line of the value at ``path``, or of its nearest parent that exists."""
        path = tuple(path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


def read_document(text: str) -> Document:
    fast = _from_events(text)
    if fast is not None:
        return fast
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        # At the end of the file libyaml points one line past the last: report the last line.
        line = min(mark.line + 1, max(1, len(text.splitlines()))) if mark else 1
        problem = " ".join(part for part in (error.context, error.problem) if part)
        lines = text.splitlines()
        if 0 < line <= len(lines) and re.search(r":\s+\{(level|role|fact):", lines[line - 1]):
            problem += '; a value that starts with a reference such as {level:...} must be in quotes: "{level:...}, ..."'
        raise YamlProblem(line, "(yaml)", f"YAML syntax error: {problem}") from None
    except yaml.reader.ReaderError as error:  # control characters and the like; no line of its own
        line = text.count("\n", 0, error.position) + 1
        code = ord(error.character) if isinstance(error.character, str) else error.character  # libyaml gives a str
        raise YamlProblem(line, "(yaml)", f"character U+{code:04X} is not allowed in YAML ({error.reason})") from None
    except yaml.YAMLError as error:
        raise YamlProblem(1, "(yaml)", "YAML error: " + " ".join(str(error).split())) from None
    except RecursionError:
        raise YamlProblem(1, "(yaml)", f"nested more than {MAX_DEPTH} levels deep") from None
    document = Document(value=None)
    if node is None:
        raise YamlProblem(1, "(file)", "the file is empty")
    document.value = _Converter(document).convert(node, ())
    return document


def _compose(text: str) -> Node | None:
    try:
        _check_depth(text, FAST_LOADER)  # libyaml's composer recurses in C: a deep file would crash it
        return yaml.compose(text, Loader=FAST_LOADER)
    except yaml.YAMLError:
        if FAST_LOADER is yaml.SafeLoader:
            raise
    return yaml.compose(text, Loader=yaml.SafeLoader)  # raises again, with PyYAML's clearer wording


def _check_depth(text: str, loader: type) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                line = event.start_mark.line + 1 if event.start_mark else 1  # the parser marks every event; the stubs allow None
                raise YamlProblem(line, "(yaml)", f"nested more than {MAX_DEPTH} levels deep")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


class _Converter:
    def __init__(self, document: Document):
        self.document = document
        self.scalars = SafeConstructor()
        self.count = 0
        self.active: set[int] = set()  # nodes on the current path, to catch cyclic aliases
        self.seen: set[int] = set()  # every node converted so far: meeting one again means an alias
        self.expanded = 0  # values that came from aliases

    def convert(self, node: Node, path: Loc) -> object:
        self.count += 1
        line = node.start_mark.line + 1
        if id(node) in self.seen:
            self.expanded += 1
        self.seen.add(id(node))
        if self.count > MAX_VALUES:
            where = format_field(path) or "(file)"
            if self.expanded:  # an alias bomb: a few lines that expand into millions of values
                raise YamlProblem(line, where, f"aliases here expand to more than {MAX_VALUES} values; write the values out instead")
            raise YamlProblem(line, where, f"the file holds more than {MAX_VALUES} values; split it into smaller files")
        self.document.lines.setdefault(path, line)
        if id(node) in self.active:
            raise YamlProblem(line, format_field(path) or "(file)", "an alias refers to itself")
        if isinstance(node, ScalarNode):
            if node.tag not in SCALAR_TAGS:
                raise YamlProblem(line, format_field(path) or "(file)", f"unsupported YAML tag {node.tag!r}")
            try:
                return self.scalars.construct_object(node, deep=True)
            except (ConstructorError, ValueError, OverflowError) as error:
                reason = getattr(error, "problem", error)
                raise YamlProblem(line, format_field(path) or "(file)", f"cannot read this value: {reason}") from None
            except Exception:  # PyYAML's constructors fail in odd ways on nonsense such as `!!bool maybe`
                kind = node.tag.rpartition(":")[2]
                raise YamlProblem(line, format_field(path) or "(file)", f"cannot read {node.value!r} as {kind}") from None
        if node.tag not in PLAIN_TAGS:
            raise YamlProblem(line, format_field(path) or "(file)", f"unsupported YAML tag {node.tag!r}")
        self.active.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                return [self.convert(item, path + (i,)) for i, item in enumerate(node.value)]
            assert isinstance(node, MappingNode)
            return self._mapping(node, path)
        finally:
            self.active.discard(id(node))

    def _mapping(self, node: MappingNode, path: Loc) -> dict[str | int, object]:
        result: dict[str | int, object] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode):
                raise YamlProblem(key_line, format_field(path) or "(file)", "a key must be plain text, not a list or mapping")
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem(key_line, format_field(path) or "(file)", "merge keys (<<) are not supported; write the fields out")
            key = self.convert(key_node, path + ("(key)",))
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                kind = KEY_KINDS.get(type(key), f"a {type(key).__name__}")
                raise YamlProblem(key_line, format_field(path) or "(file)", f"key {key_node.value!r} reads as {kind}, not text; quote it")
            if key in result:
                first = self.document.lines.get(path + (key,), "?")
                message = f"duplicate key {key!r} (first at line {first}); the second would silently replace the first"
                raise YamlProblem(key_line, format_field(path + (key,)), message)
            self.document.lines[path + (key,)] = key_line
            result[key] = self.convert(value_node, path + (key,))
        return result


# --- The fast path ------------------------------------------------------------------
# Most files are plain: no anchors, aliases or tags, no duplicate keys. For them one pass
# over libyaml's events builds the values and their lines, with no node tree and no
# recursion. Anything else (and any error) returns None, and the node path above reads the
# file again and words the problem. Both paths give the same values and lines.

_STR = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()
_SCALARS = SafeConstructor()


class _Unusual(Exception):
    """Something the fast path leaves to the node path."""


class _Frame:
    __slots__ = ("value", "path", "key", "has_key")

    def __init__(self, value: dict[str | int, object] | list[object], path: Loc) -> None:
        self.value, self.path = value, path
        self.key: str | int = ""
        self.has_key = False


def _from_events(text: str) -> Document | None:
    try:
        return _build(text)
    except Exception:  # noqa: BLE001 - any surprise: the node path reads the file and words the problem
        return None


def _scalar(event: Any) -> object:  # a yaml.ScalarEvent; libyaml's events and marks are untyped
    if event.anchor is not None:
        raise _Unusual
    tag = event.tag
    if tag is None or tag == "!":
        tag = _RESOLVER.resolve(ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
    if tag == _STR:
        return event.value
    if tag not in SCALAR_TAGS:
        raise _Unusual
    return _SCALARS.construct_object(ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style), deep=True)


def _build(text: str) -> Document:
    lines: dict[Loc, int] = {}
    stack: list[_Frame] = []
    root: list[object] = []
    count = 0

    def place(value: object, line: int) -> Loc:
        """Put ``value`` where the parser is; return its path."""
        if not stack:
            if root:
                raise _Unusual  # a second document
            root.append(value)
            lines.setdefault((), line)
            return ()
        frame = stack[-1]
        if isinstance(frame.value, list):
            path = frame.path + (len(frame.value),)
            frame.value.append(value)
            lines.setdefault(path, line)
            return path
        if not frame.has_key:
            raise _Unusual  # a list or mapping as a key
        path = frame.path + (frame.key,)
        frame.value[frame.key] = value
        frame.has_key = False
        return path

    event: Any
    for event in yaml.parse(text, Loader=FAST_LOADER):
        kind = type(event)
        if kind is yaml.ScalarEvent:
            count += 1
            value = _scalar(event)
            line = event.start_mark.line + 1
            frame = stack[-1] if stack else None
            if frame is not None and isinstance(frame.value, dict) and not frame.has_key:
                if not isinstance(value, (str, int)) or isinstance(value, bool) or value in frame.value:
                    raise _Unusual  # a key the node path explains (duplicate, true/false, a number with a point)
                lines.setdefault(frame.path + ("(key)",), line)
                lines[frame.path + (value,)] = line
                frame.key, frame.has_key = value, True
            else:
                place(value, line)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            count += 1
            if event.anchor is not None or (event.tag is not None and event.tag not in PLAIN_TAGS and event.tag != "!"):
                raise _Unusual
            if len(stack) >= MAX_DEPTH:
                raise _Unusual
            container: dict[str | int, object] | list[object] = {} if kind is yaml.MappingStartEvent else []
            path = place(container, event.start_mark.line + 1)
            stack.append(_Frame(container, path))
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            stack.pop()
        elif kind is yaml.AliasEvent:
            raise _Unusual
        if count > MAX_VALUES:
            raise _Unusual
    if not root:
        raise _Unusual  # an empty file
    return Document(value=root[0], lines=lines)
