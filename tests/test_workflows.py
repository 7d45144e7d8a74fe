"""GitHub Actions workflows: valid against the published schema, and the PR check is safe for forks."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import ROOT

CHECK_JSONSCHEMA = str(Path(sys.executable).with_name("check-jsonschema"))
WORKFLOWS = ROOT / ".github" / "workflows"


def validate(schema: str, *files: Path) -> subprocess.CompletedProcess:
    """check-jsonschema ships these schemas vendored: this works offline."""
    return subprocess.run([CHECK_JSONSCHEMA, "--builtin-schema", schema, *map(str, files)], capture_output=True, text=True, timeout=120)


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


def test_pull_request_checks_give_a_fast_answer_every_test_and_the_builds_in_separate_jobs():
    workflow = yaml.safe_load((WORKFLOWS / "checks.yml").read_text(encoding="utf-8"))
    runs = {name: [step.get("run", "") for step in job["steps"]] for name, job in workflow["jobs"].items()}
    jobs = {name for name, steps in runs.items() if "make lint" in steps and "make test-fast" in steps}
    assert jobs, "a job runs make lint and make test-fast"
    assert any("bash .ci/run" in steps for steps in runs.values()), "a job runs every test"
    builds = [name for name, steps in runs.items() if "make build" in steps]
    assert builds and {"make build ENGINE=zensical", "BHT_FACILITY=examples/maple-grove make build"} <= set(runs[builds[0]])
    build_steps = workflow["jobs"][builds[0]]["steps"]
    upload = next(i for i, step in enumerate(build_steps) if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert build_steps[upload]["with"]["path"].rstrip("/") == "site"
    assert upload == [step.get("run") for step in build_steps].index("make build") + 1, "the preview is the standard MkDocs build"
    for name, job in workflow["jobs"].items():
        assert job["container"] == "python:3.11-bookworm", name
        uses = [step["uses"] for step in job["steps"] if "uses" in step]
        assert all(re.fullmatch(r"actions/[\w-]+@v\d+", u) for u in uses), uses  # official actions, pinned by tag
        cache = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/cache@"))
        assert cache["with"]["path"] == "~/.cache/pip" and "hashFiles('requirements*.txt')" in cache["with"]["key"], name
        assert job["steps"].index(cache) < min(i for i, step in enumerate(job["steps"]) if "run" in step), "restore before installing"


def test_ci_entry_point_runs_make_test_with_ci_true():
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "export CI=true" in text and "make test" in text
