"""The offline copy: opens from file://, search included, and calls no CDN."""

from __future__ import annotations

import json
import re
import zipfile

import pytest

# Every test here but one reads the offline build, a second site build (offline_site).
offline_build = pytest.mark.slow
HREF = re.compile(r'<a [^>]*href="([^"#?]*)(?:[#?][^"]*)?"')


@offline_build
def test_pages_link_to_html_files_that_exist(offline_site):
    pages = sorted(p for p in offline_site.rglob("*.html") if p.name != "404.html")  # 404 is for web servers only
    assert (offline_site / "safety" / "medication.html").is_file()
    assert not (offline_site / "safety" / "medication").exists(), "directory URLs must be off offline"
    for page in pages:
        for target in HREF.findall(page.read_text(encoding="utf-8")):
            if not target or "://" in target or target.startswith(("mailto:", "tel:")):
                continue
            resolved = (page.parent / target).resolve()
            assert resolved.is_file(), f"{page.relative_to(offline_site)} links to {target}, which is not a file"


@offline_build
def test_search_index_is_inlined_for_file_urls(offline_site):
    index = (offline_site / "search" / "search_index.json").read_text(encoding="utf-8")
    script = (offline_site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert script == f"var __index = {index}"
    assert json.loads(index)["docs"]


@offline_build
def test_worker_shim_is_local_and_instant_loading_is_off(offline_site):
    home = (offline_site / "index.html").read_text(encoding="utf-8")
    assert '<script src="assets/javascripts/vendor/iframe-worker-shim.js"></script>' in home
    assert (offline_site / "assets" / "javascripts" / "vendor" / "iframe-worker-shim.js").is_file()
    assert "unpkg.com" not in home
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', home).group(1))
    assert not [f for f in config["features"] if f.startswith("navigation.instant")]


def test_online_build_is_unchanged(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "iframe-worker" not in home and (built_site / "safety" / "medication" / "index.html").is_file()


@offline_build
def test_zip_holds_the_site_in_one_folder(offline_zip, offline_site):
    with zipfile.ZipFile(offline_zip) as archive:
        names = archive.namelist()
        assert "bht-handbook/index.html" in names and "README.txt" in names
        assert all(n == "README.txt" or n.startswith("bht-handbook/") for n in names)
        assert not [n for n in names if n.endswith(".map")]
        assert "bht-handbook/404.html" not in names  # only a web server shows it, with links from the site root
        pages = {p.relative_to(offline_site).as_posix() for p in offline_site.rglob("*.html") if p.name != "404.html"}
        assert pages <= {n.removeprefix("bht-handbook/") for n in names}
    size = offline_zip.stat().st_size
    print(f"offline zip: {size / 1024:.0f} KB, {len(names)} files")
    assert size < 5 * 1024 * 1024, "the offline copy should stay small enough for a phone on poor Wi-Fi"


@pytest.mark.browser
@offline_build
def test_search_works_from_the_unzipped_copy(offline_zip, tmp_path, browser):
    with zipfile.ZipFile(offline_zip) as archive:
        archive.extractall(tmp_path)
    home = (tmp_path / "bht-handbook" / "index.html").as_uri()
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:", "blob:", "about:")) else None)
    page.goto(home)
    page.locator("input.md-search__input").click()
    page.keyboard.type("MAR")
    first = page.locator(".md-search-result__item > a").first
    first.wait_for(timeout=15000)
    assert first.get_attribute("href").split("?")[0].endswith("safety/medication.html")
    page.close()
    assert outside == []
