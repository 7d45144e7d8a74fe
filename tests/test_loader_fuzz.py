"""Fuzz the loader: whatever is in data/, the answer is a Handbook or the handbook's own error.

Random YAML structures, raw garbage text and random edits of the real files go through
``load_handbook``. Every outcome must be a loaded handbook or a ``HandbookDataError``
whose every line reads ``data/<file>.yml:<line>: <field>: <message>``, with a line that
exists in that file. Any other exception is an engine bug.

The budget is fixed and the cases are the same on every run (``derandomize``), so the
suite takes the same time everywhere; one copy of data/ serves every example and each
example puts back the file it changed. ``BHT_FUZZ_EXAMPLES=2000`` explores further.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import string
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook.load.loader import PROFILE_FILE, HandbookDataError, load_handbook
from handbook.model.collections import data_files

DATA_FILES = data_files()

FILES = [*DATA_FILES, PROFILE_FILE]
PROBLEM = re.compile(r"^data/(?P<file>[a-z_]+\.yml):(?P<line>\d+): (?P<field>\S[^\n]*?): (?P<message>\S[^\n]*)$")
FUZZ = settings(
    max_examples=int(os.environ.get("BHT_FUZZ_EXAMPLES", "40")),
    deadline=None,
    derandomize=True,  # the same cases on every run: a failure here is never a fluke of the seed
    database=None,  # nothing written into the project (.hypothesis/)
    suppress_health_check=[HealthCheck.too_slow],
)

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats()
    | st.text(max_size=30)
    | st.dates(min_value=dt.date(1, 1, 1))
    | st.sampled_from(["bht-1", "cpi", "q15", "https://example.org/x", "#00695c", ""])
)
keys = st.text(alphabet=string.ascii_lowercase + "_-", min_size=1, max_size=12) | st.sampled_from(
    ["id", "name", "title", "levels", "skills", "scope", "kind", "expected", "from", "to", "text", "summary", "term"]
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys | st.integers(0, 5), inner, max_size=5),
    max_leaves=25,
)


def load_outcome(data_dir: Path) -> None:
    """Load; a HandbookDataError is fine if every line is well formed. Anything else raises."""
    try:
        load_handbook(data_dir, root=data_dir.parent)
    except HandbookDataError as error:
        assert error.problems, "HandbookDataError without problems"
        for problem in error.problems:
            match = PROBLEM.match(problem)
            assert match, f"not a file:line: field: message line: {problem!r}"
            path = data_dir / match["file"]
            lines = len(path.read_text(encoding="utf-8", errors="replace").splitlines()) if path.is_file() else 0
            assert 1 <= int(match["line"]) <= max(lines, 1) + 1, f"line out of range ({lines} lines): {problem!r}"


class Scratch:
    """One copy of the real data/ for every example of a module; ``edit(file)`` hands it over
    for one example and then puts ``file`` back as it was."""

    def __init__(self, folder: Path):
        self.data = folder / "data"
        shutil.copytree(ROOT / "data", self.data)
        self.originals = {p.name: p.read_bytes() for p in self.data.iterdir() if p.is_file()}

    @contextmanager
    def edit(self, file: str):
        try:
            yield self.data
        finally:
            (self.data / file).write_bytes(self.originals[file])
            stray = {p.name for p in self.data.iterdir()} - set(self.originals)
            assert not stray, f"an example left files behind: {stray}"


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Scratch:
    return Scratch(tmp_path_factory.mktemp("fuzz"))


@pytest.mark.slow  # a fixed budget of examples, a few seconds each
@FUZZ
@given(file=st.sampled_from(FILES), value=values, wrap=st.booleans())
def test_random_structures_give_clear_errors(scratch, file, value, wrap):
    with scratch.edit(file) as data:
        if wrap and file in DATA_FILES:  # right top-level keys, random contents: reaches the validators
            value = {key: value for key in DATA_FILES[file]}
        (data / file).write_text(yaml.safe_dump(value, allow_unicode=True), encoding="utf-8")
        load_outcome(data)


@pytest.mark.slow  # a fixed budget of examples, a few seconds each
@FUZZ
@given(file=st.sampled_from(FILES), text=st.text(max_size=200) | st.binary(max_size=200))
def test_garbage_files_give_clear_errors(scratch, file, text):
    with scratch.edit(file) as data:
        if isinstance(text, bytes):
            (data / file).write_bytes(text)
        else:
            (data / file).write_text(text, encoding="utf-8")
        load_outcome(data)


EDITS = ("delete", "duplicate", "swap", "indent", "dedent", "replace-value", "insert", "truncate", "tab")


@pytest.mark.slow  # a fixed budget of examples, a few seconds each
@FUZZ
@given(
    file=st.sampled_from(FILES),
    edits=st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 10_000), scalars), min_size=1, max_size=3),
)
def test_random_edits_of_the_real_files_give_clear_errors(scratch, file, edits):
    with scratch.edit(file) as data:
        lines = (data / file).read_text(encoding="utf-8").splitlines()
        for edit, where, value in edits:
            if not lines:
                break
            i = where % len(lines)
            text = yaml.safe_dump(value, default_flow_style=True).splitlines()[0] if value is not None else "~"
            if edit == "delete":
                del lines[i]
            elif edit == "duplicate":
                lines.insert(i, lines[i])
            elif edit == "swap":
                j = (i + 1) % len(lines)
                lines[i], lines[j] = lines[j], lines[i]
            elif edit == "indent":
                lines[i] = "  " + lines[i]
            elif edit == "dedent":
                lines[i] = lines[i][2:] if lines[i].startswith("  ") else lines[i]
            elif edit == "replace-value" and ":" in lines[i]:
                lines[i] = lines[i].split(":", 1)[0] + ": " + text
            elif edit == "insert":
                lines.insert(i, lines[i][: len(lines[i]) - len(lines[i].lstrip())] + text)
            elif edit == "truncate":
                lines = lines[:i]
            elif edit == "tab":
                lines[i] = "\t" + lines[i]
        (data / file).write_text("\n".join(lines) + "\n", encoding="utf-8")
        load_outcome(data)


def test_the_real_data_loads(scratch):
    """Also the control for the tests above: the scratch copy, put back after each example, loads."""
    load_handbook(scratch.data, root=scratch.data.parent)
