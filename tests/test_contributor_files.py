"""Files contributors meet: pre-commit hooks, spelling, CODEOWNERS, the PR template, CONTRIBUTING."""

from __future__ import annotations

import os
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


SLOW_HOOKS = {"language"}  # over two seconds: make test runs it, make test-fast does not


@pytest.mark.parametrize(
    "hook", [pytest.param(hook, id=hook["id"], marks=[pytest.mark.slow] if hook["id"] in SLOW_HOOKS else []) for _, hook in hooks()]
)
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


# --- Every `make <target>` the documentation tells a reader to run exists and does something ---

MAKE_DOCS = ["README.md", "CONTRIBUTING.md", *sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").rglob("*.md"))]
FENCE = re.compile(r"^[ \t]*(```|~~~)[^\n]*\n(.*?)^[ \t]*\1[ \t]*$", re.M | re.S)
INLINE_CODE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
# `make` in command position (line start, after a prompt, && ; or ||, after VAR=value words),
# then options and VAR=value words, then the target.
MAKE_COMMAND = re.compile(
    r"(?:^|&&|\|\||;|\$)[ \t]*(?P<env>(?:[A-Z_][A-Z0-9_]*=\S*[ \t]+)*)make\b"
    r"(?P<opts>(?:[ \t]+(?:-\S+|[A-Za-z_][A-Za-z0-9_]*=\S*))*)[ \t]+(?P<target>[a-z][a-z0-9_.-]*)"
    r"(?P<after>(?:[ \t]+[A-Za-z_][A-Za-z0-9_]*=\S*)*)",
    re.M,
)


def make_mentions(text: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """(target, make's VAR=value words, environment VAR=value words) for each `make <target>` in
    the text's code: fenced blocks (comments dropped) and inline code spans."""
    code = []
    for fence in FENCE.finditer(text):
        code += [re.sub(r"(^|\s)#.*$", "", line) for line in fence.group(2).splitlines()]
    prose = FENCE.sub("", text)
    code += [span.group(2) for span in INLINE_CODE.finditer(prose)]
    found = []
    for snippet in code:
        for match in MAKE_COMMAND.finditer(snippet.strip()):
            variables = tuple(w for w in (match["opts"] + match["after"]).split() if "=" in w and not w.startswith("-"))
            found.append((match["target"], variables, tuple(match["env"].split())))
    return found


def dry_run(target: str, variables=(), env=(), cwd: Path = ROOT) -> str:
    """What is wrong with `make <target>`, from `make -n`: '' when it would run something."""
    clean = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEFILES")}
    clean.update(dict(word.split("=", 1) for word in env))
    result = subprocess.run(["make", "-n", target, *variables], cwd=cwd, env=clean, capture_output=True, text=True, timeout=60)
    output = result.stdout + result.stderr
    if "No rule to make target" in output:
        return "no such target in the Makefile"
    if "Nothing to be done" in output:
        return "the target does nothing"
    if result.returncode != 0:
        return f"make -n fails: {output.strip()[-300:]}"
    return ""


def test_every_make_target_the_documentation_names_exists_and_does_something():
    mentions: dict[tuple, list[str]] = {}
    for name in MAKE_DOCS:
        for target, variables, env in make_mentions((ROOT / name).read_text(encoding="utf-8")):
            mentions.setdefault((target, variables, env), []).append(name)
    assert {"serve", "test", "build", "check"} <= {target for target, _, _ in mentions}, sorted(mentions)
    problems = []
    for (target, variables, env), files in sorted(mentions.items()):
        wrong = dry_run(target, variables, env)
        if wrong:
            command = " ".join([*env, "make", target, *variables])
            problems.append(f"`{command}` ({', '.join(sorted(set(files)))}): {wrong}")
    assert not problems, "\n".join(problems)


def test_the_make_check_finds_mentions_and_refuses_missing_and_empty_targets(tmp_path):
    text = (
        "Run `make serve`, then `BHT_FACILITY=none make build ENGINE=zensical`. Make sure you make a change.\n\n"
        "```sh\nmake -j2 test-fast   # make the tests pass\ncd x && make publish\n$ make check\n```\n\n"
        "```text\nYou make the call.\n```\n"
    )
    assert make_mentions(text) == [
        ("test-fast", (), ()),
        ("publish", (), ()),
        ("check", (), ()),
        ("serve", (), ()),
        ("build", ("ENGINE=zensical",), ("BHT_FACILITY=none",)),
    ]
    (tmp_path / "Makefile").write_text(".PHONY: empty real\nempty:\nreal:\n\t@echo hi\n", encoding="utf-8")
    assert dry_run("real", cwd=tmp_path) == ""
    assert dry_run("empty", cwd=tmp_path) == "the target does nothing"
    assert dry_run("gone", cwd=tmp_path) == "no such target in the Makefile"
