"""Bad data always yields exact ``file:line: field: message`` problems, never a traceback.

Cases live in tests/bad_data/cases.yml (record-level problems) and below (problems
every file can have). Each patches a scratch copy of the real data/, so the corpus
keeps working as the dataset grows.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from datapatch import apply, copy_data, expand, find, resolve_values

from handbook.load.loader import PROFILE_FILE, HandbookDataError, load_handbook
from handbook.load.yamlnodes import read_document
from handbook.model.collections import data_files

DATA_FILES = data_files()

CASES_FILE = Path(__file__).parent / "bad_data" / "cases.yml"
FILES = (*DATA_FILES, PROFILE_FILE)
# A key each file might wrongly hold, and the file it belongs in.
MISPLACED = {file: next(k for f, keys in DATA_FILES.items() if f != file for k in keys) for file in DATA_FILES}


def top_level_keys(file: str) -> list[str]:
    _, node = find((ROOT / "data" / file).read_text(encoding="utf-8"), "")
    return [key.value for key, _ in node.value]


def case(case_id: str, kind: str, file: str, at: str, says: str, **patch) -> dict:
    return {"id": case_id, "kind": kind, "file": file, **patch, "expect": [{"at": f"data/{file}:{at}", "says": says}]}


def generic_cases() -> list[dict]:
    """Problems any data file can have, one case per file and kind."""
    cases = []
    for file in FILES:
        stem, first = file.removesuffix(".yml"), top_level_keys(file)[0]
        cases += [
            case(
                f"{stem}-yaml-syntax-error",
                "yaml_syntax",
                file,
                "{line}: (yaml)",
                "YAML syntax error: mapping values are not allowed here",
                at_end="broken: key: value #<\n",
            ),
            case(
                f"{stem}-duplicate-yaml-key",
                "duplicate_yaml_key",
                file,
                f"{{line}}: {first}",
                f"duplicate key '{first}' (first at line {{line:{first}}}); the second would silently replace the first",
                at_end=f"{first}: again #<\n",
            ),
            case(f"{stem}-empty-file", "empty_file", file, "1: (file)", "the file is empty", content=""),
            case(f"{stem}-only-comments", "empty_file", file, "1: (file)", "the file is empty", content="# nothing here yet\n"),
            case(f"{stem}-missing-file", "missing_file", file, "1: (file)", "file not found", remove=True),
        ]
        if file == PROFILE_FILE:  # the profile is one mapping: an unknown key is an unknown field
            cases += [
                case(
                    f"{stem}-unknown-top-level-key",
                    "unknown_top_level_key",
                    file,
                    "{line}: bogus_key",
                    "unknown field 'bogus_key'; allowed fields: edition, name, ",
                    at_end="bogus_key: 1 #<\n",
                ),
                case(
                    f"{stem}-not-a-mapping",
                    "not_a_mapping",
                    file,
                    "1: (top level)",
                    "Input should be a valid dictionary or instance of Facility (found a list)",
                    content="- just\n- a list\n",
                ),
            ]
            continue
        keys, other = ", ".join(DATA_FILES[file]), MISPLACED[file]
        home = next(f for f, owned in DATA_FILES.items() if other in owned)
        cases += [
            case(
                f"{stem}-unknown-top-level-key",
                "unknown_top_level_key",
                file,
                "{line}: bogus_key",
                f"unknown top-level key; allowed keys: {keys}",
                at_end="bogus_key: 1 #<\n",
            ),
            case(
                f"{stem}-misplaced-top-level-key",
                "unknown_top_level_key",
                file,
                f"{{line}}: {other}",
                f"unknown top-level key; '{other}' belongs in data/{home}",
                at_end=f"{other}: [] #<\n",
            ),
            case(
                f"{stem}-not-a-mapping",
                "not_a_mapping",
                file,
                "1: (top level)",
                f"expected a mapping with keys {keys}; found a list",
                content="- just\n- a list\n",
            ),
        ]
    return cases


TABLE_CASES: list[dict] = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
ALL_CASES = {case["id"]: case for case in [*TABLE_CASES, *generic_cases()]}

# Every data file must have at least one case of each kind, unless it cannot happen there.
REQUIRED_KINDS = (
    "yaml_syntax",
    "wrong_type",
    "unknown_field",
    "missing_field",
    "duplicate_id",
    "dangling_reference",
    "out_of_range",
    "duplicate_yaml_key",
    "unknown_top_level_key",
    "empty_file",
    "missing_file",
)
NOT_APPLICABLE = {
    ("roles.yml", "dangling_reference"): "levels and roles refer to nothing",
    ("skills.yml", "dangling_reference"): "skills refer to nothing",
    ("settings.yml", "dangling_reference"): "settings and observation levels refer to nothing",
    ("glossary.yml", "dangling_reference"): "terms refer to nothing",
    ("facility.yml", "duplicate_id"): "the profile has no records with ids",
}
IMPOSSIBLE_PATHS = ("paths-self-loop", "paths-downward-advancement", "paths-entry-into-non-level", "paths-lateral-from-non-level")


_parsed: dict[str, object] = {}


@pytest.fixture(autouse=True)
def parse_each_text_once(monkeypatch):
    """Speed: most files in a case are unpatched, so parse each distinct text once a session.

    The patched file's text is new, so the real parser still reads it every time.
    """
    import handbook.load.loader

    def cached(text: str):
        if text not in _parsed:
            _parsed[text] = read_document(text)
        return _parsed[text]

    monkeypatch.setattr(handbook.load.loader, "read_document", cached)


def problems_after(tmp_path: Path, *case_ids: str) -> tuple[list[str], list[tuple[str, str]]]:
    """Apply the cases to one fresh copy of data/; return (problems, expected (at, says) pairs)."""
    data = copy_data(tmp_path)
    expected = []
    for case_id in case_ids:
        case = resolve_values(ALL_CASES[case_id], data)
        values = apply(case, data)
        for item in case["expect"]:
            expected.append((expand(item["at"], values, data, case["file"]), expand(item["says"], values, data, case["file"])))
    with pytest.raises(HandbookDataError) as raised:
        load_handbook(data)
    return raised.value.problems, expected


def assert_reported(problems: list[str], expected: list[tuple[str, str]]) -> None:
    """Each expected problem appears exactly once, and nothing else is reported."""
    unmatched = list(problems)
    for at, says in expected:
        hits = [p for p in unmatched if p.startswith(at + ": ") and says in p[len(at) + 2 :]]
        assert len(hits) == 1, f"expected one problem {at}: ...{says}...\nreported:\n" + "\n".join(problems)
        unmatched.remove(hits[0])
    assert not unmatched, "unexpected extra problems:\n" + "\n".join(unmatched)
    for problem in problems:
        assert "\n" not in problem and "Traceback" not in problem, problem


@pytest.mark.parametrize("case_id", ALL_CASES)
def test_bad_data_is_reported_exactly(tmp_path, case_id):
    assert_reported(*problems_after(tmp_path, case_id))


def test_every_file_has_a_case_of_every_kind():
    covered = {(case["file"], case["kind"]) for case in ALL_CASES.values()}
    missing = [
        f"{file}: {kind}" for file in FILES for kind in REQUIRED_KINDS if (file, kind) not in covered and (file, kind) not in NOT_APPLICABLE
    ]
    assert not missing, "no bad-data case for:\n" + "\n".join(missing)
    stale = [key for key in NOT_APPLICABLE if key in covered]
    assert not stale, f"marked not applicable but covered: {stale}"
    assert set(IMPOSSIBLE_PATHS) <= set(ALL_CASES)


def test_case_ids_are_unique():
    ids = [case["id"] for case in TABLE_CASES]
    assert len(ids) == len(set(ids))


def test_good_data_loads(tmp_path):
    book = load_handbook(copy_data(tmp_path))
    assert book.levels and book.facility.name


@pytest.mark.parametrize(
    "case_ids",
    [
        # Files that cannot be read: every one is named, not just the first.
        ("skills-yaml-syntax-error", "roles-duplicate-yaml-key", "onboarding-missing-file", "facility-empty-file"),
        # Records that do not fit the model, across files.
        (
            "skills-wrong-type",
            "paths-unknown-field",
            "certifications-missing-field",
            "facility-wrong-type",
            "matrix-proficiency-out-of-range",
        ),
        # Cross-references and rules, across files.
        ("voices-dangling-setting", "matrix-duplicate-row", "paths-self-loop", "glossary-duplicate-id", "facility-dangling-settings"),
    ],
    ids=["unreadable-files", "model-problems", "rule-problems"],
)
def test_several_problems_across_files_are_all_reported_in_one_run(tmp_path, case_ids):
    problems, expected = problems_after(tmp_path, *case_ids)
    assert len({p.split(":")[0] for p in problems}) == len(case_ids)
    assert_reported(problems, expected)


def run_check(project: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "BHT_FACILITY"}
    return subprocess.run([sys.executable, "-m", "handbook", "check"], cwd=project, env=env, capture_output=True, text=True, timeout=60)


def check_project(tmp_path: Path) -> Path:
    """The smallest project `python -m handbook check` runs in: handbook/ and data/."""
    project = tmp_path / "project"
    copy_data(project)
    shutil.copytree(ROOT / "handbook", project / "handbook", ignore=shutil.ignore_patterns("__pycache__"))
    return project


def test_check_command_exits_1_and_prints_every_problem(tmp_path):
    project = check_project(tmp_path)
    data = project / "data"
    for case_id in ("skills-wrong-type", "paths-unknown-field", "facility-wrong-type"):
        apply(resolve_values(ALL_CASES[case_id], data), data)
    with pytest.raises(HandbookDataError) as raised:
        load_handbook(data)
    result = run_check(project)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == "3 problems in the handbook data:"
    assert lines[1:] == raised.value.problems
    assert "Traceback" not in result.stderr


def test_check_command_exits_0_with_a_one_line_summary(tmp_path):
    result = run_check(check_project(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("OK: ") and " levels, " in lines[0]
