"""The patient-information guard catches each kind of identifier, and the real repo is clean."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import phi_guard  # noqa: E402

GUARD = ROOT / "scripts" / "phi_guard.py"

# (kind, planted line, the text that must be reported)
PLANTED = [
    ("ssn", "Her SSN is 123-45-6789, on file.", "123-45-6789"),
    ("ssn", "SSN: 123456789", "123456789"),
    ("ssn", "Social security number 078 05 1120 was on the form.", "078 05 1120"),
    ("mrn", "MRN: 00482913 was on the wristband.", "00482913"),
    ("mrn", "medical record number 4471-2290", "4471-2290"),
    ("mrn", "Chart #A-1029384 came up from intake.", "A-1029384"),
    ("date-of-birth", "DOB 03/14/1962", "03/14/1962"),
    ("date-of-birth", "date of birth: March 14, 1962", "March 14, 1962"),
    ("date-of-birth", "She was born on 1962-03-14 in Tucson.", "1962-03-14"),
    ("name-with-birth-date", "Seen today: Jane Roe, 3/14/1962, unit B.", "Jane Roe, 3/14/1962"),
    ("name-with-birth-date", "Marcus O'Neil (04/02/87) was admitted.", "Marcus O'Neil (04/02/87"),
    ("patient-name", "Patient: Maria Lopez, room 12", "Maria Lopez"),
    ("patient-name", "pt name: John Q. Public", "John Q. Public"),
    ("phone", "Call her at (602) 867-5309 after six.", "(602) 867-5309"),
    ("phone", "Cell 480.555.1234", "480.555.1234"),
    ("phone", "+1 212-555-1987 is the son's number", "+1 212-555-1987"),
    ("email", "Write to jane.roe@gmail.com for records.", "jane.roe@gmail.com"),
    ("email", "nurse.k@hospital.org", "nurse.k@hospital.org"),
]

# Ordinary handbook text that looks a little like the above and must pass.
CLEAN = [
    "Call or text 988 any time. Call 911 in an emergency.",
    "The old Lifeline number was 1-800-273-8255.",
    "Fictional unit phone: (555) 555-0142, or 602-555-0100.",
    "Questions go to handbook@example.org or team@docs.example.com.",
    "Psychiatric technicians (SOC 29-2053) earned a median of $42,200 in May 2024.",
    "last_reviewed: 2026-11-22",
    "Retrieved 2026-11-22 from the Joint Commission, 2024-05-01 edition.",
    "Employment may grow 8% over 2023-2033. Rounds every 15 minutes; q15 checks.",
    "42 CFR Part 2 protects substance use records. HIPAA covers the rest.",
    "Sam Example, a fictional BHT II on nights, says: keep your rounds on time.",
    "The patient: a person, not a diagnosis.",
]


@pytest.mark.parametrize("kind, line, hit", PLANTED, ids=[f"{k}-{i}" for i, (k, _, _) in enumerate(PLANTED)])
def test_each_kind_is_caught(kind, line, hit):
    found = list(phi_guard.scan_text(f"intro\n{line}\n", phi_guard.load_allowlist()))
    assert (2, kind, hit) in found, found


@pytest.mark.parametrize("line", CLEAN)
def test_ordinary_text_and_allowlisted_values_pass(line):
    assert list(phi_guard.scan_text(line, phi_guard.load_allowlist())) == []


def test_command_prints_file_line_kind_text_and_fails(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text("# Notes\n\nPatient: Maria Lopez, DOB 03/14/1962.\n", encoding="utf-8")
    (tmp_path / "data.yml").write_text("contact: jane.roe@gmail.com\n", encoding="utf-8")
    command = [sys.executable, str(GUARD), str(tmp_path / "docs"), str(tmp_path / "data.yml")]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"{tmp_path / 'docs' / 'page.md'}:3: patient-name: Maria Lopez" in lines
    assert f"{tmp_path / 'docs' / 'page.md'}:3: date-of-birth: 03/14/1962" in lines
    assert f"{tmp_path / 'data.yml'}:1: email: jane.roe@gmail.com" in lines
    assert "Traceback" not in result.stderr


def test_the_published_docs_and_data_hold_no_patient_information():
    result = subprocess.run([sys.executable, str(GUARD)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
