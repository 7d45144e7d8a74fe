"""Publishing: the GitHub Pages workflow is least-privilege and the guide matches the repository."""

from __future__ import annotations

import re
import subprocess

import yaml
from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "deploy.yml"
GUIDE = ROOT / "docs" / "facilities" / "customize.md"


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_deploys_on_push_to_the_default_branch_only():
    data = workflow()
    triggers = data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"] is None  # every branch triggers; the build job publishes only the default one
    assert set(triggers) <= {"push", "workflow_dispatch"}
    condition = data["jobs"]["build"]["if"]
    assert condition == "github.event_name == 'workflow_dispatch' || github.ref_name == github.event.repository.default_branch"


def test_permissions_are_minimal_and_write_only_where_deploying():
    data = workflow()
    assert data["permissions"] == {"contents": "read"}
    jobs = data["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["needs"] == "build"


def test_builds_with_make_publish_and_uses_the_official_pages_actions():
    jobs = workflow()["jobs"]
    build_steps, deploy_steps = jobs["build"]["steps"], jobs["deploy"]["steps"]
    assert any(step.get("run") == "make publish" for step in build_steps)
    upload = next(step for step in build_steps if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in deploy_steps)
    used = [step["uses"].split("@")[0] for job in jobs.values() for step in job["steps"] if "uses" in step]
    assert all(name.startswith("actions/") for name in used), used  # official actions only


def test_make_publish_runs_the_strict_build_into_site():
    result = subprocess.run(["make", "-n", "publish"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert re.search(r"mkdocs build --strict --site-dir site$", result.stdout, re.M)


def test_the_guide_names_things_that_exist():
    guide = GUIDE.read_text(encoding="utf-8")
    copy = re.search(r"cp -r (\S+) facility", guide)
    assert copy and (ROOT / copy.group(1) / "profile.yml").is_file()
    assert f"**{workflow()['name']}**" in guide
    targets = set(re.findall(r"^([a-z-]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    for target in re.findall(r"`(?:BHT_FACILITY=\S+ )?make ([a-z-]+)`", guide) + re.findall(r"^make ([a-z-]+)$", guide, re.M):
        assert target in targets, target
    for owned in ("facility/profile.yml", "facility/overlays/", "facility/docs/"):
        assert owned in guide
