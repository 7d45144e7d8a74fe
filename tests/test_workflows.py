"""GitHub Actions workflows: valid against the published schema, and the PR check is safe for forks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml
from conftest import ROOT

CHECK_JSONSCHEMA = str(Path(sys.executable).with_name("check-jsonschema"))
WORKFLOWS = ROOT / ".github" / "workflows"


def validate(schema: str, *files: Path) -> subprocess.CompletedProcess:
    """check-jsonschema ships these schemas vendored: this works offline."""
    return subprocess.run(
        [CHECK_JSONSCHEMA, "--builtin-schema", schema, *map(str, files)], capture_output=True, text=True, timeout=120
    )


def test_every_workflow_is_valid_against_the_github_workflow_schema():
    files = sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])
    assert files, "no workflows found"
    result = validate("vendor.github-workflows", *files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_validator_rejects_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: pull_request\njobs:\n  test:\n    runs-on: ubuntu-latest\n    step:\n      - run: make test\n", encoding="utf-8")
    result = validate("vendor.github-workflows", broken)
    assert result.returncode != 0
    assert "step" in result.stdout + result.stderr


def test_pull_request_checks_run_make_test_with_no_secrets_and_read_only_access():
    path = WORKFLOWS / "checks.yml"
    text = path.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    trigger = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert set(trigger) == {"pull_request"}, "pull_request only: never pull_request_target"
    assert workflow["permissions"] == {"contents": "read"}
    code = "\n".join(line.split(" #")[0] for line in text.splitlines() if not line.lstrip().startswith("#"))
    assert "secrets" not in code, "no secrets in a pull request workflow"
    runs = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert any("bash .ci/run" in run or "make test" in run for run in runs)
    for job in workflow["jobs"].values():
        assert "permissions" not in job or job["permissions"] == {"contents": "read"}
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout"):
                assert step["with"]["persist-credentials"] is False
    assert validate("custom.github-workflows-require-timeout", path).returncode == 0


def test_ci_entry_point_runs_make_test_with_ci_true():
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "export CI=true" in text and "make test" in text

