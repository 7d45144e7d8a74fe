"""Data downloads: JSON and CSV for HR and learning systems, with stable ids and documented columns."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys

import pytest
from conftest import ROOT

from handbook.derive.export import DATASETS, LIST_SEPARATOR, render_files
from handbook.load.loader import load_handbook
from handbook.model.records import Skill

DATASET = {d.name: d for d in DATASETS}


@pytest.fixture(scope="module")
def book():
    return load_handbook(ROOT / "data")


@pytest.fixture(scope="module")
def files(book):
    return render_files(book)


@pytest.mark.parametrize("data", DATASETS, ids=lambda d: d.name)
def test_csv_header_is_the_documented_columns_and_ids_are_unique(files, data):
    rows = list(csv.DictReader(io.StringIO(files[f"{data.name}.csv"].decode("utf-8"))))
    assert rows, f"{data.name}.csv is empty"
    assert list(rows[0]) == [name for name, _ in data.columns]
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)), f"duplicate ids in {data.name}.csv"
    assert all(re.fullmatch(r"[a-z0-9-]+(@[a-z0-9-]+)?", i) for i in ids)
    assert all(meaning.strip() for _, meaning in data.columns)


@pytest.mark.parametrize("data", DATASETS, ids=lambda d: d.name)
def test_json_holds_the_same_records_as_the_csv(files, data):
    document = json.loads(files[f"{data.name}.json"])
    assert document["dataset"] == data.name and document["format_version"] == 1
    rows = list(csv.DictReader(io.StringIO(files[f"{data.name}.csv"].decode("utf-8"))))
    assert [r["id"] for r in document["records"]] == [r["id"] for r in rows]
    for record in document["records"]:
        assert {name for name, _ in data.columns} <= set(record)


def test_ids_are_the_ids_in_data(book, files):
    skills = json.loads(files["skills.json"])["records"]
    assert [s["id"] for s in skills] == [s.id for s in book.skills if book.applies(s.scope)]
    matrix = json.loads(files["matrix.json"])["records"]
    assert len(matrix) == len([r for r in book.matrix if book.applies(book.by_id(Skill)[r.skill].scope)]) * len(book.levels)
    first = book.matrix[0]
    level = book.ordered_levels[0].id
    row = next(r for r in matrix if r["id"] == f"{first.skill}@{level}")
    assert row["expected"] == first.expected[level]


def test_checklists_hold_every_phase_with_tasks_and_competencies(book, files):
    rows = list(csv.DictReader(io.StringIO(files["checklists.csv"].decode("utf-8"))))
    assert {r["phase"] for r in rows} == {p.id for p in book.phases}
    assert {r["type"] for r in rows} == {"task", "competency"}
    competency = next(r for r in rows if r["type"] == "competency")
    allowed = ("observation", "return-demonstration", "written-test", "verbal", "simulation", "chart-review")
    assert competency["methods"] and all(m in allowed for m in competency["methods"].split(LIST_SEPARATOR))


def test_items_the_facility_does_not_use_are_left_out(book):
    no_restraint = book.model_copy(
        update={
            "facility": book.facility.model_copy(
                update={
                    "scope": book.facility.scope.model_copy(
                        update={"restraint": book.facility.scope.restraint.model_copy(update={"used": False, "bht_participates": False})}
                    )
                }
            )
        }
    )
    scoped = [r.id for r in book.responsibilities if r.scope == "restraint"]
    assert scoped, "the data has no restraint-scoped duty to test with"
    ids = {r["id"] for r in DATASET["responsibilities"].rows(no_restraint)}
    assert not ids & set(scoped)
    assert set(scoped) <= {r["id"] for r in DATASET["responsibilities"].rows(book)}


def test_command_line_writes_every_file(tmp_path):
    result = subprocess.run([sys.executable, "-m", "handbook", "export", "--out", str(tmp_path)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{d.name}.{k}" for d in DATASETS for k in ("csv", "json"))


def test_command_line_reports_bad_data_without_a_traceback(project_copy, tmp_path):
    (project_copy / "data" / "glossary.yml").write_text("terms: [", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "handbook", "export", "--out", str(tmp_path / "x")], cwd=project_copy, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "data/glossary.yml:1:" in result.stderr and "Traceback" not in result.stderr


def test_the_site_ships_the_downloads_and_links_them(built_site, files):
    for name, content in files.items():
        assert (built_site / "downloads" / name).read_bytes() == content
    page = (built_site / "reference" / "downloads" / "index.html").read_text(encoding="utf-8")
    for data in DATASETS:
        assert f'href="../../downloads/{data.name}.csv"' in page
        assert f'id="columns-{data.name}"' in page
