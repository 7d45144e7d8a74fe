"""Helpers for the facility tests: scratch facility folders and overlays."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from conftest import ROOT

EXAMPLE = ROOT / "examples" / "maple-grove"


def facility_folder(
    tmp_path: Path, overlays: dict[str, str] | None = None, *, keep_overlays: bool = True, profile: str | None = None
) -> Path:
    """A copy of the example facility, with extra overlay files (name -> YAML text)."""
    folder = tmp_path / "facility"
    shutil.copytree(EXAMPLE, folder)
    if not keep_overlays:
        shutil.rmtree(folder / "overlays")
        (folder / "overlays").mkdir()
    for name, text in (overlays or {}).items():
        (folder / "overlays" / name).write_text(text, encoding="utf-8")
    if profile is not None:
        (folder / "profile.yml").write_text(profile, encoding="utf-8")
    return folder


def edit_profile(folder: Path, old: str, new: str) -> None:
    path = folder / "profile.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in the example profile"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """1-based line of the first line containing ``needle``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not found in {path}")


def scoped_overlay(domain: str, phase: str) -> str:
    """Records that only some facilities show: medication and restraint duties.

    Every text carries "(test record)", so it can never match real handbook content.
    """
    levels = {1: "Knows it.", 2: "Does it with help.", 3: "Does it alone.", 4: "Teaches it."}
    return yaml.safe_dump(
        {
            "responsibilities": {
                "add": [
                    {
                        "id": "t-med-observe",
                        "category": "primary",
                        "domain": domain,
                        "title": "Watch for medicine side effects (test record)",
                        "text": "Tell the nurse about any side effects you notice.",
                        "scope": "medication-observe",
                    },
                    {
                        "id": "t-hold-team",
                        "category": "primary",
                        "domain": domain,
                        "title": "Join the hold team (test record)",
                        "text": "Take your place on the hold team when the charge nurse calls it.",
                        "scope": "restraint",
                    },
                ]
            },
            "skills": {
                "add": [
                    {
                        "id": "t-safe-holds",
                        "name": "Safe holding skills (test record)",
                        "kind": "hard",
                        "summary": "Holds as trained.",
                        "levels": levels,
                        "scope": "restraint",
                    }
                ]
            },
            "matrix": {"add": [{"skill": "t-safe-holds", "expected": {"bht-1": 1, "bht-2": 2, "lead-bht": 3}}]},
            "interventions": {
                "add": [
                    {
                        "id": "t-physical-hold",
                        "name": "Physical hold (test record)",
                        "summary": "A last resort.",
                        "led_by": "The charge nurse.",
                        "bht_part": "Hold as trained.",
                        "scope": "restraint",
                    }
                ]
            },
            "tasks": {
                "add": [
                    {
                        "phase": phase,
                        "id": "t-hold-training",
                        "text": "Finish hold training before your first shift (test record).",
                        "scope": "restraint",
                    },
                ]
            },
            "competencies": {
                "add": [
                    {
                        "phase": phase,
                        "id": "t-med-pass",
                        "text": "Helps the nurse during a medicine pass (test record).",
                        "methods": ["observation"],
                        "scope": "medication-assist",
                    },
                ]
            },
        },
        sort_keys=False,
    )


SCOPED_TEXTS = {
    "Watch for medicine side effects (test record)": "medication-observe",
    "Join the hold team (test record)": "restraint",
    "Safe holding skills (test record)": "restraint",
    "Physical hold (test record)": "restraint",
    "Finish hold training before your first shift (test record).": "restraint",
    "Helps the nurse during a medicine pass (test record).": "medication-assist",
}
