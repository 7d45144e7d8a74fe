"""The published site carries the PDF and the offline copy in downloads/, linked from the Downloads page."""

from __future__ import annotations

import shutil

import pytest
from conftest import build_site

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_published_build_ships_and_links_the_pdf_and_zip(handbook_pdf, offline_zip, tmp_path):
    dist = tmp_path / "dist"
    dist.mkdir()
    shutil.copy(handbook_pdf, dist / "bht-handbook.pdf")
    shutil.copy(offline_zip, dist / "bht-handbook-offline.zip")
    (dist / "stray.pdf").write_bytes(b"%PDF-")  # only the two known files are published
    site = tmp_path / "site"
    result = build_site(site, env={"BHT_EXTRA_DOWNLOADS": str(dist)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "downloads" / "bht-handbook.pdf").read_bytes() == handbook_pdf.read_bytes()
    assert (site / "downloads" / "bht-handbook-offline.zip").read_bytes() == offline_zip.read_bytes()
    assert not (site / "downloads" / "stray.pdf").exists()
    page = (site / "reference" / "downloads" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../downloads/bht-handbook.pdf" download>' in page
    assert '<a href="../../downloads/bht-handbook-offline.zip" download>' in page
    assert "KB)" in page or "MB)" in page


def test_plain_build_says_where_the_pdf_comes_from(built_site):
    page = (built_site / "reference" / "downloads" / "index.html").read_text(encoding="utf-8")
    assert "bht-handbook.pdf" not in page and "make publish" in page
