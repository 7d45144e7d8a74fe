"""The loader's two YAML paths (handbook/load/yamlnodes.py) agree: the event pass that reads
plain files gives the same values and lines as the node path, and leaves everything
unusual to the node path, which words the problems."""

from __future__ import annotations

import pytest
from conftest import ROOT

from handbook.load import yamlnodes


def node_path(text: str) -> yamlnodes.Document:
    node = yamlnodes._compose(text)
    document = yamlnodes.Document(value=None)
    document.value = yamlnodes._Converter(document).convert(node, ())
    return document


FILES = sorted([*(ROOT / "data").glob("*.yml"), *(ROOT / "examples").rglob("*.yml")])


@pytest.mark.parametrize("path", FILES, ids=[p.relative_to(ROOT).as_posix() for p in FILES])
def test_every_shipped_file_reads_the_same_on_both_paths(path):
    text = path.read_text(encoding="utf-8")
    fast = yamlnodes._from_events(text)
    assert fast is not None, "a shipped file should not need the slow path"
    slow = node_path(text)
    assert fast.value == slow.value
    assert fast.lines == slow.lines


PLAIN = {
    "nested": "a:\n  b: [1, 2, {c: d}]\n  e:\n  - f: 1.5\n    g: 2026-01-02\n  - 'x'\n",
    "numbers and nulls": "a: 0x1A\nb: 1_000\nc: ~\nd: yes\ne: .inf\n1: int key\n",
    "block text": "text: >-\n  folded\n  lines\nother: |\n  kept\n",
    "top-level list": "- 1\n- [2, 3]\n",
    "a scalar": "just text\n",
}


@pytest.mark.parametrize("text", PLAIN.values(), ids=PLAIN.keys())
def test_plain_documents_match(text):
    fast = yamlnodes._from_events(text)
    assert fast is not None
    slow = node_path(text)
    assert (fast.value, fast.lines) == (slow.value, slow.lines)


UNUSUAL = {
    "anchor and alias": "a: &x [1]\nb: *x\n",
    "duplicate key": "a: 1\na: 2\n",
    "merge key": "a: {b: 1}\nc:\n  <<: {b: 2}\n",
    "bool key": "true: 1\n",
    "float key": "1.5: x\n",
    "null key": "? \n: x\n",
    "mapping as key": "? {a: 1}\n: x\n",
    "python tag": "a: !!python/name:os.system\n",
    "custom tag": "a: !ENV HOME\n",
    "binary tag": "a: !!binary aGk=\n",
    "bad bool": "a: !!bool maybe\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "empty": "# only a comment\n",
    "syntax error": "a: [1, 2\n",
    "too deep": "a: " + "[" * 60 + "]" * 60 + "\n",
    "control character": "a: b\x07\n",
}


@pytest.mark.parametrize("text", UNUSUAL.values(), ids=UNUSUAL.keys())
def test_unusual_documents_go_to_the_node_path(text):
    assert yamlnodes._from_events(text) is None


def test_read_document_words_problems_the_same_as_before():
    with pytest.raises(yamlnodes.YamlProblem, match="duplicate key 'a' \\(first at line 1\\)"):
        yamlnodes.read_document("a: 1\na: 2\n")
    with pytest.raises(yamlnodes.YamlProblem, match="nested more than 50 levels deep"):
        yamlnodes.read_document(UNUSUAL["too deep"])
    assert yamlnodes.read_document("a: &x [1]\nb: *x\n").value == {"a": [1], "b": [1]}
