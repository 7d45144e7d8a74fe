"""YAML to plain Python, remembering the line of every value.

PyYAML's loader drops positions and silently keeps the last of two duplicate keys.
Composing nodes ourselves keeps the positions and turns duplicates, unsupported tags,
cyclic aliases and alias bombs into clear problems instead of surprises.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_VALUES = 200_000  # far above any real handbook; stops alias bombs from expanding
PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
# libyaml's parser when PyYAML has it (about 12x faster; it keeps line marks too).
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlProblem(Exception):
    def __init__(self, line: int, field: str, message: str):
        super().__init__(f"{line}: {field}: {message}")
        self.line, self.field, self.message = line, field, message


@dataclass
class Document:
    value: object
    lines: dict[tuple, int] = field(default_factory=dict)

    def line_of(self, path: tuple) -> int:
        """Line of the value at ``path``, or of its nearest parent that exists."""
        path = tuple(path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


def read_document(text: str) -> Document:
    try:
        node = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        # At the end of the file libyaml points one line past the last: report the last line.
        line = min(mark.line + 1, max(1, len(text.splitlines()))) if mark else 1
        problem = " ".join(part for part in (error.context, error.problem) if part)
        raise YamlProblem(line, "(yaml)", f"YAML syntax error: {problem}") from None
    except yaml.reader.ReaderError as error:  # a control character, e.g. NUL: give its line, on one line
        line = text.count("\n", 0, error.position) + 1
        code = ord(error.character) if isinstance(error.character, str) else error.character
        raise YamlProblem(line, "(yaml)", f"character U+{code:04X} is not allowed in YAML ({error.reason})") from None
    except yaml.YAMLError as error:
        raise YamlProblem(1, "(yaml)", f"YAML error: {' '.join(str(error).split())}") from None
    document = Document(value=None)
    if node is None:
        raise YamlProblem(1, "(file)", "the file is empty")
    document.value = _Converter(document).convert(node, ())
    return document


class _Converter:
    def __init__(self, document: Document):
        self.document = document
        self.scalars = SafeConstructor()
        self.count = 0
        self.active: set[int] = set()  # nodes on the current path, to catch cyclic aliases

    def convert(self, node: Node, path: tuple) -> object:
        from macros.locate import format_field

        self.count += 1
        line = node.start_mark.line + 1
        if self.count > MAX_VALUES:
            raise YamlProblem(line, format_field(path) or "(file)", f"more than {MAX_VALUES} values (an alias expanding out of control?)")
        self.document.lines.setdefault(path, line)
        if id(node) in self.active:
            raise YamlProblem(line, format_field(path) or "(file)", "an alias refers to itself")
        if isinstance(node, ScalarNode):
            try:
                return self.scalars.construct_object(node, deep=True)
            except (ConstructorError, ValueError, OverflowError) as error:
                raise YamlProblem(line, format_field(path) or "(file)", f"cannot read this value: {getattr(error, 'problem', error)}") from None
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

    def _mapping(self, node: MappingNode, path: tuple) -> dict:
        from macros.locate import format_field

        result: dict = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode):
                raise YamlProblem(key_line, format_field(path) or "(file)", "a key must be plain text, not a list or mapping")
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem(key_line, format_field(path) or "(file)", "merge keys (<<) are not supported; write the fields out")
            key = self.convert(key_node, path + ("(key)",))
            if isinstance(key, (bool, float)) or key is None:
                raise YamlProblem(key_line, format_field(path) or "(file)", f"key {key_node.value!r} reads as {type(key).__name__}; quote it")
            if key in result:
                first = self.document.lines.get(path + (key,), "?")
                raise YamlProblem(key_line, format_field(path + (key,)), f"duplicate key {key!r} (first at line {first}); the second would silently replace the first")
            self.document.lines[path + (key,)] = key_line
            result[key] = self.convert(value_node, path + (key,))
        return result
