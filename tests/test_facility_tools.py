"""Every tool loads a facility edition the one way the site build does: a certification that
a facility's overlay adds, and its profile then names, works in the PDF, the export and
`check`, not only in the site."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT
from facility_helpers import edit_profile, facility_folder

OWN_COURSE = """certifications:
  add:
    - id: zz-own-course
      name: Our own safe-holding course
      short: OSHC
      kind: training
      issuer: The facility's education team
      summary: The facility's own crisis prevention course, taught on site.
      validity_months: 12
      renewal_rule: facility
"""


@pytest.fixture()
def folder(tmp_path):
    folder = facility_folder(tmp_path, {"zz-own-course.yml": OWN_COURSE})
    edit_profile(folder, "deescalation_program: mapa", "deescalation_program: zz-own-course")
    return folder


def test_the_pdf_loads_the_overlay_that_adds_what_the_profile_names(folder, monkeypatch):
    monkeypatch.setenv("BHT_FACILITY", str(folder))
    from scripts import build_pdf

    book = build_pdf.load().book
    assert book.facility.scope.deescalation_program == "zz-own-course"
    assert "zz-own-course" in book.ids("certifications")


def test_check_and_export_load_it_too(folder, tmp_path):
    env = {**os.environ, "BHT_FACILITY": str(folder)}
    check = subprocess.run([sys.executable, "-m", "handbook", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr
    out = tmp_path / "downloads"
    export = subprocess.run(
        [sys.executable, "-m", "handbook", "export", "--out", str(out)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert export.returncode == 0, export.stdout + export.stderr
    certifications = json.loads((out / "certifications.json").read_text(encoding="utf-8"))
    rows = certifications["records"] if isinstance(certifications, dict) else certifications
    assert any(row.get("id") == "zz-own-course" for row in rows)
