#!/usr/bin/env python3
"""The whole handbook as one PDF: ``build_pdf.py OFFLINE_SITE OUT.pdf``.

Reads the pages of an offline build (BHT_OFFLINE=true, so every page is a plain
.html file) in the order of the site's nav (mkdocs.yml's, with the facility's own
section), and joins their content into one
document: a cover with the facility's name and the edition date, a table of contents
with page numbers, then every page, each starting on a new sheet. Links between
pages become links inside the PDF. The site's own stylesheets (print.css included)
lay it out, and the system Chromium prints it through Playwright. Printing runs
twice: the first pass finds the page each chapter starts on, the second writes
those numbers into the contents.

The edition date is BHT_EDITION_DATE (YYYY-MM-DD), else SOURCE_DATE_EPOCH, else today.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import posixpath
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

CHROMIUM = os.environ.get("BHT_CHROMIUM", "/usr/bin/chromium")
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
HEAD_STYLES = re.compile(r'<link rel="stylesheet" href="([^"]+)">|<style>(.*?)</style>', re.S)


@dataclass
class Page:
    key: str  # anchor of the page's start in the PDF: p1, p2, ...
    section: str | None
    title: str
    html_path: str  # relative to the site: safety/medication.html
    body: str = ""


def nav_pages(config: Path) -> list[Page]:
    """The pages in nav order, titled as the nav titles them (a facility page by its own title)."""
    from handbook.derive import review
    from handbook.derive.site import plan
    from handbook.load.siteconfig import read_site_config

    edition = load()
    titles = {
        r.src_path: r.title
        for r in review.collect(edition.pages, edition.today, edition.book.facility.page_owners, edition.book.facility.page_owner_map)
    }
    nav = plan(edition, None).nav(read_site_config(config)["nav"])
    pages: list[Page] = []

    def walk(items, section):
        for item in items:
            ((title, value),) = item.items() if isinstance(item, dict) else ((None, item),)
            if isinstance(value, list):
                walk(value, title)
            elif isinstance(value, str) and value.endswith(".md"):
                pages.append(Page(f"p{len(pages) + 1}", section, title or titles.get(value, value), value[:-3] + ".html"))

    walk(nav, None)
    return pages


def edition_date() -> dt.date:
    if os.environ.get("BHT_EDITION_DATE"):
        return dt.date.fromisoformat(os.environ["BHT_EDITION_DATE"])
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), dt.UTC).date()
    return dt.date.today()


def load():
    """The edition being printed, loaded the one way every build loads it."""
    from handbook.load.edition import facility_dir, load_edition

    return load_edition(PROJECT, facility_dir(PROJECT), PROJECT / "docs")


def rewrite(page: Page, body: str, by_path: dict[str, Page]) -> str:
    """Make one page's content fit inside the joined document."""
    here = posixpath.dirname(page.html_path)
    body = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", body, flags=re.S)
    body = re.sub(r'<a [^>]*class="md-content__button[^"]*"[^>]*>.*?</a>', "", body, flags=re.S)
    body = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{page.key}-{m.group(1)}"', body)
    body = re.sub(r'\bfor="([^"]+)"', lambda m: f'for="{page.key}-{m.group(1)}"', body)
    body = re.sub(
        r'\baria-(labelledby|describedby|controls)="([^"]+)"',
        lambda m: f'aria-{m.group(1)}="' + " ".join(f"{page.key}-{i}" for i in m.group(2).split()) + '"',
        body,
    )

    def link(match: re.Match) -> str:
        target = html.unescape(match.group(1))
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # https:, mailto:, tel:
            return match.group(0)
        path, _, anchor = target.partition("#")
        if not path:
            return f'href="#{page.key}-{anchor}"' if anchor else match.group(0)
        resolved = posixpath.normpath(posixpath.join(here, path))
        other = by_path.get(resolved)
        if other is None:
            return "data-offline-only"  # downloads and the like: not inside the PDF
        return f'href="#{other.key}-{anchor}"' if anchor else f'href="#{other.key}"'

    return re.sub(r'href="([^"]*)"', link, body)


def cover_and_contents(pages: list[Page], name: str, edition: str, date: dt.date, numbers: dict[str, int]) -> str:
    when = f"{date:%B} {date.day}, {date.year}"
    parts = [
        '<section class="bht-pdf-cover">',
        f'<p class="bht-pdf-facility">{html.escape(name)}</p>',
        '<p class="bht-pdf-title">Behavioral Health Technician Handbook</p>',
        f'<p class="bht-pdf-edition">{html.escape(edition)}<br>Edition of {when}</p>',
        "</section>",
        '<nav class="bht-pdf-toc" aria-label="Contents"><p class="bht-pdf-toc-heading">Contents</p><ol>',
    ]
    section = None
    for page in pages:
        if page.section != section and page.section:
            parts.append(f'<li class="bht-pdf-toc-section">{html.escape(page.section)}</li>')
        section = page.section
        number = str(numbers.get(page.key, "")).rjust(3)
        parts.append(
            f'<li class="bht-pdf-toc-page{" bht-pdf-toc-nested" if page.section else ""}"><a href="#{page.key}">'
            f'<span>{html.escape(page.title)}</span><span class="bht-pdf-toc-number">{number}</span></a></li>'
        )
    parts.append("</ol></nav>")
    return "".join(parts)


PDF_CSS = """
.bht-pdf-cover { break-after: page; padding-top: 30vh; text-align: left; }
.bht-pdf-facility { font-size: 16pt; margin: 0 0 .5em; color: var(--md-primary-fg-color); font-weight: 700; }
.bht-pdf-title { font-size: 26pt; line-height: 1.2; margin: 0 0 1em; font-weight: 300; }
.bht-pdf-edition { font-size: 12pt; }
.bht-pdf-toc { break-after: page; }
.bht-pdf-toc-heading { font-size: 18pt; margin: 0 0 1em; }
.md-typeset .bht-pdf-toc ol { list-style: none; margin: 0; padding: 0; }
.md-typeset .bht-pdf-toc li { margin: 0; }
.bht-pdf-toc-section { font-weight: 700; margin-top: .8em !important; }
.bht-pdf-toc-nested { padding-left: 1.5em; }
.md-typeset .bht-pdf-toc a { display: flex; justify-content: space-between; text-decoration: none; color: inherit; }
.md-typeset .bht-pdf-toc a::after { content: none !important; }
.bht-pdf-toc-number { font-variant-numeric: tabular-nums; white-space: pre; }
.bht-pdf-page { break-before: page; }
.md-typeset .bht-pdf-chapter { margin: 0 0 .6em; color: var(--md-default-fg-color--light); font-size: 8.5pt;
  text-transform: uppercase; letter-spacing: .04em; border-bottom: 1px solid var(--md-default-fg-color--lightest); }
"""


def document(site: Path, pages: list[Page], front: str) -> str:
    head = (site / "index.html").read_text(encoding="utf-8").split("</head>")[0]
    styles = []
    for href, inline in HEAD_STYLES.findall(head):
        styles.append(f'<link rel="stylesheet" href="{(site / href).resolve().as_uri()}">' if href else f"<style>{inline}</style>")
    body = "".join(
        f'<section class="bht-pdf-page" id="{p.key}"><p class="bht-pdf-chapter">'
        f"{html.escape(' · '.join(filter(None, (p.section, p.title))))}</p>{p.body}</section>"
        for p in pages
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>BHT Handbook</title>'
        + "".join(styles)
        + f"<style>{PDF_CSS}</style></head>"
        '<body dir="ltr" data-md-color-scheme="default" data-md-color-primary="custom" data-md-color-accent="custom">'
        '<div class="md-container"><main class="md-main"><div class="md-main__inner md-grid"><div class="md-content">'
        f'<article class="md-content__inner md-typeset">{front}{body}</article></div></div></main></div></body></html>'
    )


def start_pages(pdf: Path, keys: list[str]) -> dict[str, int]:
    """1-based page on which each chapter starts, from the PDF's link destinations."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    numbers = {}
    for name, destination in reader.named_destinations.items():
        key = name.lstrip("/")  # Chromium names them /p1, /p2, ...
        if key in keys:
            numbers[key] = reader.get_destination_page_number(destination) + 1
    return numbers


def build(site: Path, out: Path) -> tuple[int, int]:
    from playwright.sync_api import sync_playwright

    pages = nav_pages(PROJECT / "mkdocs.yml")
    by_path = {p.html_path: p for p in pages}
    for page in pages:
        source = (site / page.html_path).read_text(encoding="utf-8")
        found = ARTICLE.search(source)
        if not found:
            raise SystemExit(f"{page.html_path}: no page content found; is {site} an offline build?")
        page.body = rewrite(page, found.group(1), by_path)
    profile = load().book.facility
    edition = "Standard edition" if profile.edition == "standard" else "Facility edition"
    date = edition_date()
    footer = (
        '<div style="font-size:8px;width:100%;padding:0 14mm;display:flex;justify-content:space-between;color:#555;'
        f'font-family:sans-serif"><span>{html.escape(profile.name)} &middot; {date.isoformat()}</span>'
        '<span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>'
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        source = Path(tmp) / "handbook.html"
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        tab = browser.new_page()
        numbers: dict[str, int] = {}
        for final in (False, True):  # pass 1 finds where chapters start; pass 2 prints those numbers
            source.write_text(document(site, pages, cover_and_contents(pages, profile.name, edition, date, numbers)), encoding="utf-8")
            tab.goto(source.as_uri(), wait_until="load")
            tab.emulate_media(media="print")
            partial = out.with_suffix(".partial.pdf")
            tab.pdf(
                path=str(partial),
                format="Letter",
                print_background=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=footer,
                # The tags (for screen readers) and the outline take half the printing time and
                # change no page break, so the first pass, read only for its page numbers, skips them.
                outline=final,
                tagged=final,
                margin={"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"},
            )
            numbers = start_pages(partial, [p.key for p in pages])
        browser.close()
    missing = [p.title for p in pages if p.key not in numbers]
    if missing:
        raise SystemExit(f"could not find where these pages start in the PDF: {', '.join(missing)}")
    partial.replace(out)
    from pypdf import PdfReader

    return len(PdfReader(str(out)).pages), out.stat().st_size


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("usage: build_pdf.py OFFLINE_SITE OUT.pdf")
    from handbook.derive.review import ReviewError
    from handbook.load.loader import HandbookDataError

    try:
        count, size = build(Path(sys.argv[1]), Path(sys.argv[2]))
    except (HandbookDataError, ReviewError) as error:
        raise SystemExit(str(error)) from None
    print(f"{sys.argv[2]}: {count} pages, {size / 1024 / 1024:.1f} MB")
