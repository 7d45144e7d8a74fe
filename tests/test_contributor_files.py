"""Files contributors meet: pre-commit hooks, spelling, CODEOWNERS, the PR template, CONTRIBUTING."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

BIN = Path(sys.executable).parent
SPELLING_TARGETS = ["docs", "data", "README.md", "CONTRIBUTING.md"]
# Every Python file in the project: the ruff hook runs on staged files, and here on all of them.
OWN_PYTHON = sorted(
    p.relative_to(ROOT).as_posix()
    for folder in ("macros", "tests", "scripts", "bench")
    for p in (ROOT / folder).rglob("*.py")
    if "__pycache__" not in p.parts
) + ["scripts/check-yaml"]


def hooks() -> list[dict]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    return [(repo, hook) for repo in config["repos"] for hook in repo["hooks"]]


def test_pre_commit_hooks_are_all_local_and_download_nothing():
    found = hooks()
    assert {hook["id"] for _, hook in found} >= {"check-yaml", "schema-drift", "ruff"}
    for repo, hook in found:
        assert repo["repo"] == "local", repo
        assert hook["language"] == "system", hook["id"]
        assert "additional_dependencies" not in hook, hook["id"]


def _sample_files(hook: dict) -> list[str]:
    if hook.get("pass_filenames") is False:
        return []
    if hook.get("types") == ["python"]:
        return OWN_PYTHON
    if hook.get("types") == ["yaml"]:
        return ["mkdocs.yml", ".pre-commit-config.yaml", *sorted(p.relative_to(ROOT).as_posix() for p in ROOT.glob("data/*.yml"))]
    pattern = re.compile(hook["files"])
    return sorted(p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*") if p.is_file() and pattern.search(p.relative_to(ROOT).as_posix()))


@pytest.mark.parametrize("hook", [hook for _, hook in hooks()], ids=lambda hook: hook["id"])
def test_each_hook_runs_and_passes_on_the_handbook(hook):
    command = shlex.split(hook["entry"])
    assert command[0].startswith(".venv/bin/"), "hooks use the project's own .venv"
    command[0] = str(BIN / command[0].removeprefix(".venv/bin/"))
    files = _sample_files(hook)
    assert hook.get("pass_filenames") is False or files, f"{hook['id']}: nothing to check"
    result = subprocess.run([*command, *files], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def _codespell(*paths: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "codespell"), *paths], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_spelling_is_clean_in_docs_data_readme_and_contributing():
    result = _codespell(*SPELLING_TARGETS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_spelling_catches_a_typo_but_not_clinical_abbreviations(tmp_path):
    planted = tmp_path / "page.md"
    planted.write_text("The CNA will recieve the EHR note. ASIST and ADN training; OT helps.\n", encoding="utf-8")
    result = _codespell(str(planted))
    assert result.returncode != 0
    flagged = re.findall(r":\d+: (\S+) ==>", result.stdout)
    assert flagged == ["recieve"], result.stdout
    words = (ROOT / ".codespell-words.txt").read_text(encoding="utf-8").split()
    assert words == sorted(words) and all(w == w.lower() for w in words)


def codeowners() -> list[tuple[str, list[str]]]:
    rules = []
    for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            pattern, *owners = line.split()
            rules.append((pattern, owners))
    return rules


def test_codeowners_is_a_sample_that_maps_data_docs_sections_and_macros_to_teams():
    assert "SAMPLE" in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()[0]
    rules = codeowners()
    patterns = {pattern for pattern, _ in rules}
    for pattern, owners in rules:
        assert owners and all(re.fullmatch(r"@[\w.-]+/[\w.-]+", o) for o in owners), (pattern, owners)
        if pattern != "*":
            assert (ROOT / pattern.strip("/")).exists(), f"CODEOWNERS names {pattern}, which does not exist"
    assert {"/data/", "/macros/"} <= patterns
    sections = {f"/docs/{p.name}/" for p in (ROOT / "docs").iterdir() if p.is_dir()}
    assert sections <= patterns, f"sections without reviewers: {sorted(sections - patterns)}"


def test_pull_request_template_asks_the_questions_reviewers_need():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", text, re.M)
    assert len(boxes) >= 5
    for needed in ("patient information", "last_reviewed", "make test", "person-first"):
        assert any(needed in box for box in boxes), needed


def test_contributing_covers_editing_data_macros_and_checks():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for needed in (
        "Edit this page",
        "Suggest a change",
        "make serve",
        "make check",
        "make test",
        "python -m handbook schema",
        "macros/registry.py",
        "macros/examples.py",
        "render_",
        "last_reviewed",
        ".language-allow.yml",
        ".codespell-words.txt",
    ):
        assert needed in text, needed
