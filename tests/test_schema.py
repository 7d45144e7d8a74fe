"""JSON Schema for the data files: generated from the model, committed, never drifting.

Editors validate YAML through these schemas, so they must accept every real data file,
reject a typo'd field exactly as the loader does, and give hover help for every field.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import ROOT
from pydantic import Field

from handbook.derive import schema
from handbook.load.loader import PROFILE_FILE
from handbook.model.collections import data_files
from handbook.model.fields import Record

DATA_FILES = data_files()

CHECK_JSONSCHEMA = str(Path(sys.executable).with_name("check-jsonschema"))
STEMS = [Path(name).stem for name in [*DATA_FILES, PROFILE_FILE]]


def run_macros(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "handbook", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def as_editor_sees_it(path: Path) -> object:
    """YAML as an editor hands it to a JSON Schema validator: keys and dates become strings."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


def test_committed_schemas_match_the_model():
    assert schema.drift(ROOT) == [], "run: python -m handbook schema"


def test_every_data_file_and_the_profile_has_a_schema_named_after_it():
    assert sorted(t.name for t in schema.TARGETS) == sorted([*STEMS, "overlay"])  # overlays live in facility/
    for stem in STEMS:
        assert (ROOT / "schema" / f"{stem}.schema.json").is_file()
        first_line = (ROOT / "data" / f"{stem}.yml").read_text(encoding="utf-8").splitlines()[0]
        assert first_line == f"# yaml-language-server: $schema=../schema/{stem}.schema.json"


@pytest.mark.parametrize("example", sorted(p.name for p in (ROOT / "examples").iterdir() if p.is_dir()))
def test_example_schema_lines_point_at_the_schemas_once_copied_to_facility(example):
    """Facilities copy an example to facility/, so the lines are right there (one folder below the root)."""
    folder = ROOT / "examples" / example
    wanted = {
        folder / "profile.yml": "../schema/facility.schema.json",
        **{overlay: "../../schema/overlay.schema.json" for overlay in (folder / "overlays").glob("*.yml")},
    }
    for path, target in wanted.items():
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        assert first_line == f"# yaml-language-server: $schema={target}", path
        copied = ROOT / "facility" / path.relative_to(folder)
        assert (copied.parent / target).resolve() == (ROOT / "schema" / Path(target).name).resolve()


@pytest.mark.parametrize("stem", STEMS)
def test_shipped_data_validates_against_its_schema(stem):
    document = json.loads((ROOT / "schema" / f"{stem}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(document)
    errors = list(jsonschema.Draft202012Validator(document).iter_errors(as_editor_sees_it(ROOT / "data" / f"{stem}.yml")))
    assert not errors, [e.message for e in errors]


def test_schemas_are_valid_under_their_metaschema_including_regex_patterns():
    """Patterns must be ECMA-262 regexes: editors compile them as JavaScript."""
    files = sorted(str(p) for p in (ROOT / "schema").glob("*.schema.json"))
    result = subprocess.run([CHECK_JSONSCHEMA, "--check-metaschema", *files], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def _properties(node: object, where: str = ""):
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            yield f"{where}.{name}", prop
        for key, value in node.items():
            yield from _properties(value, key if key not in ("properties", "$defs", "items") else where)
    elif isinstance(node, list):
        for value in node:
            yield from _properties(value, where)


@pytest.mark.parametrize("target", schema.TARGETS, ids=lambda t: t.name)
def test_every_field_has_hover_help_and_unknown_fields_are_refused(target):
    generated = schema.generate(target)
    undocumented = [where for where, prop in _properties(generated) if not prop.get("description")]
    assert not undocumented, f"add description= to these fields in macros/: {undocumented}"
    objects = [generated, *generated.get("$defs", {}).values()]
    assert all(o.get("additionalProperties") is False for o in objects if "properties" in o)


def test_vscode_settings_map_each_schema_to_its_files():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    for stem in STEMS:
        assert f"data/{stem}.yml" in mapping[f"./schema/{stem}.schema.json"]
    assert "facility/profile.yml" in mapping["./schema/facility.schema.json"]


@pytest.mark.slow  # three command runs
def test_schema_check_fails_on_drift_and_prints_the_fix(project_copy):
    path = project_copy / "schema" / "skills.schema.json"
    path.write_text(path.read_text(encoding="utf-8").replace("Skill", "Skil", 1), encoding="utf-8")
    (project_copy / "schema" / "old.schema.json").write_text("{}\n", encoding="utf-8")
    (project_copy / "schema" / "glossary.schema.json").unlink()
    result = run_macros("schema", "--check", "--root", str(project_copy))
    assert result.returncode == 1
    assert "schema/skills.schema.json: out of date" in result.stderr
    assert "schema/glossary.schema.json: missing" in result.stderr
    assert "schema/old.schema.json: no model generates this file" in result.stderr
    assert "Run `make schema`" in result.stderr
    fixed = run_macros("schema", "--root", str(project_copy))
    assert fixed.returncode == 0
    assert not (project_copy / "schema" / "old.schema.json").exists()
    assert run_macros("schema", "--check", "--root", str(project_copy)).returncode == 0


def test_vscode_settings_keep_other_settings(project_copy):
    path = project_copy / ".vscode" / "settings.json"
    path.write_text(json.dumps({"editor.tabSize": 2, "yaml.schemas": {}}), encoding="utf-8")
    assert "out of date" in "\n".join(schema.drift(project_copy))
    schema.write(project_copy)
    settings = json.loads(path.read_text(encoding="utf-8"))
    assert settings["editor.tabSize"] == 2 and len(settings["yaml.schemas"]) == len(schema.TARGETS)


def test_one_table_line_adds_a_schema(monkeypatch):
    class OverlayFile(Record):
        """A made-up overlay file, to prove the table drives everything."""

        replace: dict[str, str] = Field(default_factory=dict, description="Text to replace.")

    monkeypatch.setattr(schema, "TARGETS", [*schema.TARGETS, schema.Target(OverlayFile, "overlay", ("facility/overlay/*.yml",))])
    files = schema.expected_files(ROOT)
    assert "schema/overlay.schema.json" in files
    assert json.loads(files[".vscode/settings.json"])["yaml.schemas"]["./schema/overlay.schema.json"] == ["facility/overlay/*.yml"]


@pytest.mark.slow  # two command runs
def test_a_typo_in_a_field_is_refused_by_the_schema_and_by_the_loader(project_copy):
    data = project_copy / "data" / "skills.yml"
    text = data.read_text(encoding="utf-8")
    lines = text.splitlines()
    line = next(i for i, value in enumerate(lines, start=1) if value.strip() == "levels:" and i > 8)
    data.write_text(text.replace("    levels:\n", "    levles:\n", 1), encoding="utf-8")

    by_schema = subprocess.run(
        [CHECK_JSONSCHEMA, "--schemafile", str(project_copy / "schema" / "skills.schema.json"), str(data)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert by_schema.returncode != 0
    assert "'levles' was unexpected" in by_schema.stdout + by_schema.stderr

    by_loader = run_macros("--data", str(project_copy / "data"), "check", cwd=project_copy)
    assert by_loader.returncode == 1
    assert re.search(rf"data/skills\.yml:{line}: skills\[0\]\.levles: unknown field 'levles'; did you mean 'levels'\?", by_loader.stderr), (
        by_loader.stderr
    )
    assert "Traceback" not in by_loader.stderr
