"""What a first visit costs: bytes over the wire (gzip), and Lighthouse's mobile scores.

Both run against the built site served gzip-compressed from 127.0.0.1, as a static
host would serve it. Chromium is the system one; Lighthouse comes from bench/node_modules
(``npm ci --prefix bench``, pinned in bench/package-lock.json) and drives it via CHROME_PATH.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser.support import CHROMIUM, LocalServer, gzip_site, launch, why_no_browser  # noqa: E402

LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
KINDS = ("HTML", "CSS", "JS", "Search index", "Other")


def heaviest_page(site: Path) -> str:
    """URL path of the page whose HTML is largest after gzip."""
    sizes = {}
    for path in site.rglob("*.html"):
        if path.name == "404.html":
            continue
        rel = path.relative_to(site).as_posix()
        sizes[rel[: -len("index.html")] if rel.endswith("index.html") else rel] = len(gzip.compress(path.read_bytes(), 6))
    return max(sizes, key=sizes.get)


def _kind(url: str, resource: str) -> str:
    path = url.split("?")[0]
    if "search_index" in path:
        return "Search index"
    if resource == "document" or path.endswith((".html", "/")):
        return "HTML"
    if path.endswith(".css"):
        return "CSS"
    if path.endswith(".js"):
        return "JS"
    return "Other"


def transfer(site: Path, paths: list[str]) -> dict[str, dict[str, int]]:
    """Bytes transferred (headers + gzip body) per kind, for a first visit to each path."""
    reason = why_no_browser()
    if reason:
        raise RuntimeError(reason)
    from playwright.sync_api import sync_playwright

    gzip_site(site)
    results = {}
    with LocalServer(site, gzip_encoding=True) as server, sync_playwright() as playwright:
        browser = launch(playwright)
        for path in paths:
            totals = dict.fromkeys(KINDS, 0)
            context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)

            def finished(request, totals=totals):
                sizes = request.sizes()
                totals[_kind(request.url, request.resource_type)] += sizes["responseBodySize"] + sizes["responseHeadersSize"]

            context.on("requestfinished", finished)
            page = context.new_page()
            page.goto(server.base + path, wait_until="networkidle")
            page.wait_for_timeout(500)  # the search worker fetches its index after load
            context.close()
            results[path or "/"] = totals
        browser.close()
    return results


def lighthouse(site: Path, paths: list[str]) -> dict[str, dict[str, float]] | str:
    """Lighthouse mobile category scores (0-100) per path, or why they could not be measured."""
    if not LIGHTHOUSE.exists():
        return "Lighthouse is not installed: run `npm ci --prefix bench`"
    if not os.path.exists(CHROMIUM):
        return f"no Chromium at {CHROMIUM}"
    gzip_site(site)
    scores = {}
    with LocalServer(site, gzip_encoding=True) as server:
        for path in paths:
            command = [
                str(LIGHTHOUSE),
                server.base + path,
                "--quiet",
                "--output=json",
                "--output-path=stdout",
                "--only-categories=performance,accessibility,best-practices,seo",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --no-first-run",
            ]
            result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300)
            if result.returncode != 0:
                return f"Lighthouse failed on /{path}: {result.stderr.strip()[-500:]}"
            report = json.loads(result.stdout)
            scores[path or "/"] = {
                cat["title"]: round(cat["score"] * 100) if cat["score"] is not None else float("nan")
                for cat in report["categories"].values()
            }
            scores[path or "/"]["_failed"] = [
                f"{audit['id']} ({audit['score']})"
                for audit in report["audits"].values()
                if audit.get("score") is not None and audit["score"] < 0.9 and audit.get("scoreDisplayMode") in ("binary", "numeric")
            ]
    return scores
