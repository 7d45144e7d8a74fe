"""The site builds strictly, and generated text is identical wherever it appears."""

from __future__ import annotations

import html
import re

import pytest
import yaml
from conftest import ROOT, build_site


def page(site, path: str) -> str:
    target = site / path if path.endswith(".html") else site / path / "index.html"
    return target.read_text(encoding="utf-8")


def test_strict_build_has_no_warnings(built_site):
    assert (built_site / "index.html").is_file()
    assert (built_site / "assets" / "stylesheets" / "handbook.css").is_file()


def test_a_responsibility_reads_the_same_on_every_page_that_shows_it(built_site):
    data = yaml.safe_load((ROOT / "data" / "responsibilities.yml").read_text())
    text = html.escape(" ".join(data["responsibilities"][0]["text"].split()), quote=True)
    pages = [p for p in built_site.rglob("*.html") if text in p.read_text(encoding="utf-8")]
    assert pages, "the first responsibility appears on no page"
    for path in pages:
        cells = re.findall(r"<td>([^<]*" + re.escape(text[:40]) + r"[^<]*)", path.read_text(encoding="utf-8"))
        assert cells and all(c == text for c in cells), path


@pytest.mark.slow  # a site build
def test_build_failure_leaves_no_site_behind(project_copy, tmp_path):
    (project_copy / "data" / "skills.yml").write_text("skills: [", encoding="utf-8")
    dest = tmp_path / "out"
    result = build_site(dest, project=project_copy)
    assert result.returncode != 0
    assert "data/skills.yml:1:" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    written = list(dest.rglob("*.html")) if dest.exists() else []
    assert written == [], "pages were written despite bad data"
