"""Content pages read at US grade 9 or below (Flesch-Kincaid), via scripts/readability.py.

Placeholder pages and pages with under 100 words of prose (generated-only pages such
as the glossary) are listed but not scored; the script's docstring says why.
"""

from __future__ import annotations

import subprocess
import sys
from types import SimpleNamespace

import pytest
from conftest import ROOT

from scripts.prose import page_prose
from scripts.readability import main

SCRIPT = ROOT / "scripts" / "readability.py"
PLAIN = "You check on each person at the set times. You write down what you see. " * 12
DENSE = (
    "Interdisciplinary collaboration necessitates comprehensive documentation of therapeutic "
    "interventions, individualized behavioral modifications and multidimensional psychosocial "
    "assessments, notwithstanding organizational constraints regarding administrative accountability. "
) * 6


def run(*args: str) -> subprocess.CompletedProcess:
    """The script as `make readability` runs it."""
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=120)


def run_here(capsys, *args: str) -> SimpleNamespace:
    """The same entry point in this process, so the pronouncing dictionary loads once."""
    code = main(list(args))
    return SimpleNamespace(returncode=code, stdout=capsys.readouterr().out)


def page(body: str) -> str:
    return f"---\nowner: Clinical education lead\nlast_reviewed: 2026-11-22\nreview_every: 12\n---\n\n# A page\n\n{body}\n"


@pytest.mark.slow  # scores every page (a few seconds)
def test_content_pages_are_at_grade_9_or_below():
    result = run("--max", "9")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow  # the first of these loads the pronouncing dictionary (a few seconds)
def test_a_hard_page_fails_and_is_named(tmp_path, capsys):
    (tmp_path / "easy.md").write_text(page(PLAIN), encoding="utf-8")
    (tmp_path / "hard.md").write_text(page(DENSE), encoding="utf-8")
    result = run_here(capsys, "--docs", str(tmp_path), "--max", "9")
    assert result.returncode == 1, result.stdout
    assert "hard.md  <-- above the maximum" in result.stdout
    assert "FAIL: 1 page(s) above grade 9: hard.md" in result.stdout
    lines = [line for line in result.stdout.splitlines() if line.endswith((".md", "maximum"))]
    assert "hard.md" in lines[0] and "easy.md" in lines[1], "pages are listed hardest first"


@pytest.mark.slow  # the first of these loads the pronouncing dictionary (a few seconds)
def test_placeholders_and_generated_only_pages_are_not_scored(tmp_path, capsys):
    (tmp_path / "todo.md").write_text(page("This page is being written. " + DENSE), encoding="utf-8")
    (tmp_path / "glossary.md").write_text(page("Every term we use.\n\n{{ glossary() }}"), encoding="utf-8")
    result = run_here(capsys, "--docs", str(tmp_path), "--max", "9")
    assert result.returncode == 0, result.stdout
    assert "todo.md  (placeholder)" in result.stdout
    assert "glossary.md  (under 100 words of prose)" in result.stdout


def test_prose_drops_front_matter_macros_code_and_markup():
    markdown = page(
        "Intro with a [link](other.md) and **bold** and `code`.\n\n"
        '{{ skill_matrix(kind="hard") }}\n\n'
        "```yaml\nkey: value\n```\n\n"
        "- First item\n- Second item\n\n"
        '<div class="x">Inside a div</div>\n\n'
        "Run by {{ facility.name }} staff"
    )
    assert page_prose(markdown).splitlines() == [
        "A page.",
        "Intro with a link and bold and .",
        "First item.",
        "Second item.",
        "Inside a div.",
        "Run by staff.",
    ]
