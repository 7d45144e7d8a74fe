"""Hostile or odd YAML gives one clean ``file:line: field: message`` line, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from datapatch import apply, copy_data, line_of

from handbook.load.loader import HandbookDataError, load_handbook
from handbook.load.yamlnodes import MAX_DEPTH, MAX_VALUES, YamlProblem, read_document
from handbook.model.records import AdjacentRole

BOMB = "voices:\n  - &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"  - &{b} [{', '.join([f'*{a}'] * 10)}]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=True)
)

# voices.yml replaced by each text below; the loader must report exactly this line.
HOSTILE = {
    "alias-to-itself": ("voices: &loop [*loop]\n", "data/voices.yml:1: voices[0]: an alias refers to itself"),
    "alias-to-own-mapping": (
        "voices:\n  - &me {id: x, next: *me}\n",
        "data/voices.yml:2: voices[0].next: an alias refers to itself",
    ),
    "python-object-tag": (
        "voices:\n  - !!python/object:os.system {id: x}\n",
        "data/voices.yml:2: voices[0]: unsupported YAML tag 'tag:yaml.org,2002:python/object:os.system'",
    ),
    "python-name-tag": (
        "voices:\n  - id: !!python/name:os.system ''\n",
        "data/voices.yml:2: voices[0].id: unsupported YAML tag 'tag:yaml.org,2002:python/name:os.system'",
    ),
    "binary-tag": ("voices:\n  - id: !!binary aGk=\n", "data/voices.yml:2: voices[0].id: unsupported YAML tag 'tag:yaml.org,2002:binary'"),
    "local-tag": ("voices:\n  - id: !mine x\n", "data/voices.yml:2: voices[0].id: unsupported YAML tag '!mine'"),
    "set-tag": ("voices: !!set {a, b}\n", "data/voices.yml:1: voices: unsupported YAML tag 'tag:yaml.org,2002:set'"),
    "bool-nonsense": ("voices:\n  - fictional: !!bool maybe\n", "data/voices.yml:2: voices[0].fictional: cannot read 'maybe' as bool"),
    "timestamp-nonsense": ("voices:\n  - id: !!timestamp soon\n", "data/voices.yml:2: voices[0].id: cannot read 'soon' as timestamp"),
    "impossible-date": (
        "voices:\n  - id: 2025-02-30\n",
        "data/voices.yml:2: voices[0].id: cannot read this value: day is out of range for month",
    ),
    "merge-key": (
        "voices:\n  - &base {name: A, role: B}\n  - <<: *base\n    id: x\n",
        "data/voices.yml:3: voices[1]: merge keys (<<) are not supported; write the fields out",
    ),
    "alias-bomb": (BOMB, f"data/voices.yml:2: voices[5][0][6][8][8][8][6]: aliases here expand to more than {MAX_VALUES} values"),
    "deep-nesting": ("voices: " + "[" * 100_000 + "]" * 100_000 + "\n", f"data/voices.yml:1: (yaml): nested more than {MAX_DEPTH} levels"),
    "control-character": ("voices:\n  - id: x\n    name: a\x07b\n", "data/voices.yml:3: (yaml): character U+0007 is not allowed in YAML"),
    "two-documents": (
        "voices: []\n---\nvoices: []\n",
        "data/voices.yml:2: (yaml): YAML syntax error: expected a single document in the stream but found another document",
    ),
    "tab-indent": (
        "voices:\n\t- id: x\n",
        "data/voices.yml:2: (yaml): YAML syntax error: while scanning for the next token found character '\\t' that cannot start",
    ),
    "undefined-alias": ("voices: [*nowhere]\n", "data/voices.yml:1: (yaml): YAML syntax error: found undefined alias 'nowhere'"),
    "unclosed-quote": (
        "voices:\n  - id: 'open\n",
        # The parser stops past the last line; the report names the last line, where the quote opens.
        "data/voices.yml:2: (yaml): YAML syntax error: while scanning a quoted scalar found unexpected end of stream",
    ),
    "list-as-key": ("voices:\n  - ? [a, b]\n    : x\n", "data/voices.yml:2: voices[0]: a key must be plain text, not a list or mapping"),
}
# Keys YAML 1.1 reads as something other than text.
ODD_KEYS = {
    "yes": "true/false",
    "no": "true/false",
    "on": "true/false",
    "off": "true/false",
    "True": "true/false",
    "null": "empty (null)",
    "~": "empty (null)",
    "1.5": "a number with a point",
    "2024-01-01": "a date",
}


def problems(data) -> list[str]:
    with pytest.raises(HandbookDataError) as raised:
        load_handbook(data)
    return raised.value.problems


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_yaml_gives_one_clean_problem(tmp_path, name):
    text, expected = HOSTILE[name]
    data = copy_data(tmp_path)
    (data / "voices.yml").write_text(text, encoding="utf-8")
    found = problems(data)
    assert len(found) == 1, found
    assert found[0].startswith(expected), found[0]
    assert "\n" not in found[0] and "Traceback" not in found[0]


@pytest.mark.parametrize("key", ODD_KEYS)
def test_keys_that_yaml_reads_as_non_text_are_refused(tmp_path, key):
    data = copy_data(tmp_path)
    (data / "voices.yml").write_text(f"voices:\n  - id: x\n    {key}: 1\n", encoding="utf-8")
    assert problems(data) == [f"data/voices.yml:3: voices[0]: key {key!r} reads as {ODD_KEYS[key]}, not text; quote it"]


def test_non_utf8_bytes_point_at_their_line(tmp_path):
    data = copy_data(tmp_path)
    (data / "voices.yml").write_bytes(b"voices:\n  - id: x\n    name: Jos\xe9\n")
    assert problems(data) == ["data/voices.yml:3: (file): not UTF-8 text (invalid continuation byte at byte 31); save the file as UTF-8"]


def test_latin1_file_among_good_files_is_the_only_problem(tmp_path):
    data = copy_data(tmp_path)
    text = (data / "glossary.yml").read_text(encoding="utf-8")
    (data / "glossary.yml").write_bytes(text.encode("utf-8") + "# caf\u00e9\n".encode("latin-1"))
    found = problems(data)
    assert len(found) == 1 and found[0].startswith(f"data/glossary.yml:{text.count(chr(10)) + 1}: (file): not UTF-8 text")


def test_windows_line_endings_and_a_bom_load_with_the_right_lines(tmp_path):
    data = copy_data(tmp_path)
    for path in data.glob("*.yml"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    assert load_handbook(data).levels
    facility = (data / "facility.yml").read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    line = line_of(facility, "scope.medication_role")
    raw = (data / "facility.yml").read_bytes().replace(b"medication_role: ", b"medication_role: sometimes #", 1)
    (data / "facility.yml").write_bytes(raw)
    found = problems(data)
    assert len(found) == 1 and found[0].startswith(f"data/facility.yml:{line}: scope.medication_role: Input should be")


def test_a_value_reused_through_an_alias_is_fine(tmp_path):
    data = copy_data(tmp_path)
    added = "- {id: zz-alias-a, title: &t Shared title, summary: One.}\n- {id: zz-alias-b, title: *t, summary: Two.}\n"
    apply({"file": "roles.yml", "append": "adjacent_roles", "text": added}, data)
    roles = load_handbook(data).by_id(AdjacentRole)
    assert roles["zz-alias-a"].title == roles["zz-alias-b"].title == "Shared title"


def test_read_document_keeps_the_line_of_every_value():
    document = read_document("a:\n  - x\n  - {b: 1,\n     c: 2}\nd: 3\n")
    assert document.value == {"a": ["x", {"b": 1, "c": 2}], "d": 3}
    assert [document.line_of(p) for p in [("a",), ("a", 0), ("a", 1), ("a", 1, "c"), ("d",), ()]] == [1, 2, 3, 4, 5, 1]
    assert document.line_of(("a", 1, "missing", "deeper")) == 3  # nearest parent that exists


def test_read_document_reports_a_duplicate_key_with_both_lines():
    with pytest.raises(YamlProblem) as raised:
        read_document("a:\n  b: 1\n  c: 2\n  b: 3\n")
    assert (raised.value.line, raised.value.field) == (4, "a.b")
    assert raised.value.message.startswith("duplicate key 'b' (first at line 2)")


@pytest.mark.slow  # two command runs
def test_check_with_a_data_folder_elsewhere_labels_every_problem_by_its_path(tmp_path):
    data = copy_data(tmp_path / "elsewhere")
    (data / "roles.yml").write_text("role: {title: T, short: T, definition: D}\nbogus: 1\n", encoding="utf-8")
    result = run_check_elsewhere(data)
    assert result.returncode == 1
    assert f"{data.as_posix()}/roles.yml:2: bogus: unknown top-level key" in result.stderr
    (data / "roles.yml").write_text("role: {title: T, short: T, definition: D}\n", encoding="utf-8")
    result = run_check_elsewhere(data)
    assert result.returncode == 1
    assert result.stderr.splitlines()[1:] == [f"{data.as_posix()}/roles.yml:1: levels: missing required key 'levels'"]


def run_check_elsewhere(data) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "BHT_FACILITY"}
    command = [sys.executable, "-m", "handbook", "--data", str(data), "check"]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def test_an_unreadable_file_is_a_problem_not_a_traceback(tmp_path, monkeypatch):
    data = copy_data(tmp_path)
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "skills.yml":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert problems(data) == ["data/skills.yml:1: (file): cannot read the file (Permission denied)"]
