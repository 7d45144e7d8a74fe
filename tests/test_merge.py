"""The fork story: a facility's branch takes upstream changes with a plain `git merge`.

Upstream changes data/, docs/ and mkdocs.yml; the facility only ever adds facility/.
The merge must have no conflicts, and the merged site (built by MkDocs) must show both
sides. Upstream's own standard edition is rendered through ``macros.pages.Build``.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess

import pytest
import yaml
from conftest import EXAMPLES, build_site
from page_render import RenderedEdition, load_build

from handbook.derive.differences import compare
from handbook.load.edition import load_edition

pytestmark = pytest.mark.slow

GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
NEW_DUTY = "Upstream handoff huddle"
MED_DUTY = "Upstream medicine watch"
HOLD_TASK = "Upstream: practice the hold team roles with your preceptor."
NEWS = "Upstream news: this paragraph arrived by merge."


def git(repo, *args) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, env=GIT_ENV, capture_output=True, text=True, timeout=60)


def commit(repo, message: str) -> None:
    assert git(repo, "add", "-A").returncode == 0
    result = git(repo, "commit", "-q", "-m", message)
    assert result.returncode == 0, result.stdout + result.stderr


def edit_yaml(path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def upstream_change(repo) -> str:
    """New and scoped records, an edited skill, an edited page and config. Returns the edited skill's new summary."""
    standard = load_edition(repo).book
    domain, phase = standard.domains[0].id, standard.phases[0].id
    example_touched = {"shift-notes", "supply-inventory"}
    skill = next(s for s in standard.skills if s.kind == "hard" and s.id not in example_touched)
    summary = f"Upstream improved summary for {skill.name}."

    def responsibilities(data):
        data["responsibilities"] += [
            {
                "id": "upstream-handoff",
                "category": "primary",
                "domain": domain,
                "title": NEW_DUTY,
                "text": "Meet the next shift for five minutes and pass on what matters.",
            },
            {
                "id": "upstream-med-watch",
                "category": "primary",
                "domain": domain,
                "title": MED_DUTY,
                "text": "Tell the nurse about any side effect you see.",
                "scope": "medication-observe",
            },
        ]

    def skills(data):
        next(s for s in data["skills"] if s["id"] == skill.id)["summary"] = summary

    def onboarding(data):
        phase_data = next(p for p in data["phases"] if p["id"] == phase)
        phase_data.setdefault("tasks", []).append({"id": "upstream-hold-roles", "text": HOLD_TASK, "scope": "restraint"})

    edit_yaml(repo / "data" / "responsibilities.yml", responsibilities)
    edit_yaml(repo / "data" / "skills.yml", skills)
    edit_yaml(repo / "data" / "onboarding.yml", onboarding)
    home = repo / "docs" / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + f"\n{NEWS}\n", encoding="utf-8")
    config = repo / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\nsite_author: " in text
    config.write_text(text.replace("\nsite_author: ", "\nsite_author: Upstream friends and "), encoding="utf-8")
    return summary


DIFFERENCES = "reference/edition-differences/index.html"


def all_html(site, *, skip: str = "") -> str:
    return "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html") if p.relative_to(site).as_posix() != skip)


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_a_facility_fork_merges_upstream_without_conflicts(project_copy, tmp_path, example):
    repo = project_copy
    shutil.rmtree(repo / "facility", ignore_errors=True)  # upstream never ships one
    assert git(repo, "init", "-q", "-b", "main").returncode == 0
    commit(repo, "Upstream handbook")

    assert git(repo, "checkout", "-q", "-b", "facility").returncode == 0
    shutil.copytree(example, repo / "facility")
    commit(repo, "Our facility")

    assert git(repo, "checkout", "-q", "main").returncode == 0
    summary = upstream_change(repo)
    commit(repo, "Upstream improvements")
    # The standard edition on main, every page rendered as both engines render it (no build).
    main_text = RenderedEdition(load_build(repo)).everything()

    assert git(repo, "checkout", "-q", "facility").returncode == 0
    merge = git(repo, "merge", "--no-edit", "main")
    assert merge.returncode == 0, merge.stdout + merge.stderr
    assert git(repo, "diff", "--name-only", "--diff-filter=U").stdout == ""
    assert git(repo, "status", "--porcelain").stdout == ""
    changed_by_facility = git(repo, "diff", "--name-only", "main", "facility", "--").stdout.split()
    assert changed_by_facility and all(name.startswith("facility/") for name in changed_by_facility), changed_by_facility

    site = tmp_path / "facility-site"
    result = build_site(site, project=repo, env={"BHT_FACILITY": ""})
    assert result.returncode == 0, result.stdout + result.stderr
    merged = all_html(site)
    own = load_edition(repo, repo / "facility").book
    # The facility's values...
    headers = {re.sub(r"<[^>]+>", "", h) for h in re.findall(r'<th scope="col">(.*?)</th>', merged)}  # tooltips wrap "MHT"
    assert html.escape(own.facility.name) in merged
    assert own.level_title(own.ordered_levels[-1].id) in headers
    assert (site / "your-facility" / "index.html").is_file()
    # ...and the upstream change, both in one site.
    assert html.escape(NEW_DUTY) in (site / "responsibilities" / "primary" / "index.html").read_text(encoding="utf-8")
    assert html.escape(summary) in merged
    assert NEWS in (site / "index.html").read_text(encoding="utf-8")
    # Upstream content outside the facility's scope of practice stays out (the
    # differences page names it, as "Not shown here").
    pages = all_html(site, skip=DIFFERENCES)
    assert (html.escape(MED_DUTY) in pages) == own.applies("medication-observe")
    assert (html.escape(HOLD_TASK) in pages) == own.applies("restraint")
    # The standard edition on main does show what its own profile allows.
    standard = load_edition(repo).book
    assert NEW_DUTY in main_text and NEWS in main_text
    assert (MED_DUTY in main_text) == standard.applies("medication-observe")
    assert (HOLD_TASK in main_text) == standard.applies("restraint")
    # Upstream additions are in both editions, so they are not "differences".
    differences = (site / DIFFERENCES).read_text(encoding="utf-8")
    assert "upstream-handoff" not in differences
    own_changes = compare(standard, own).records
    assert own_changes and all(f"<code>{html.escape(c.key)}</code>" in differences for c in own_changes)
    listed = re.search(rf"<td>{re.escape(html.escape(MED_DUTY))}</td>\s*<td>(Shown here|Not shown here)</td>", differences)
    if own.applies("medication-observe") == standard.applies("medication-observe"):
        assert listed is None  # the same in both editions: no difference
    else:
        assert listed and listed.group(1) == ("Shown here" if own.applies("medication-observe") else "Not shown here")
