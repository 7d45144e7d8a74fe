"""Renderers for the Downloads page: the data files, their columns, the PDF and offline copy.

The files themselves come from ``export.py`` (data) and ``make publish`` (PDF and
offline zip); these functions only describe and link them. ``hrefs`` maps a file
name under downloads/ to the link from the current page, and holds only files that
exist in this build, so a link here never points at nothing.
"""

from __future__ import annotations

from handbook.derive.export import DATASETS
from handbook.derive.site import OFFLINE_FILE, PDF_FILE
from handbook.model.handbook import Handbook
from handbook.render.markup import attr, block, cell, inline, table


def size_text(size: int | None) -> str:
    if size is None:
        return ""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def _link(href: str, label: str) -> str:
    return f'<a href="{attr(href)}" download>{cell(label)}</a>'


def data_downloads(book: Handbook, hrefs: dict[str, str]) -> str:
    rows = []
    for data in DATASETS:
        links = [_link(hrefs[f"{data.name}.{kind}"], kind.upper()) for kind in ("csv", "json") if f"{data.name}.{kind}" in hrefs]
        rows.append((cell(data.name.capitalize()), cell(data.summary), str(len(data.rows(book))), " &middot; ".join(links) or "&mdash;"))
    return block(table(("Data", "What it holds", "Rows", "Download"), rows, caption="Handbook data for HR and learning systems"))


def download_columns() -> str:
    parts = []
    for data in DATASETS:
        parts.append(f"### {inline(data.name)}.csv {{#columns-{data.name}}}")
        rows = [(f"<code>{cell(name)}</code>", cell(meaning)) for name, meaning in data.columns]
        parts.append(table(("Column", "What it holds"), rows, caption=f"Columns of {data.name}.csv"))
    return block(*parts)


def handbook_downloads(hrefs: dict[str, str], sizes: dict[str, int]) -> str:
    items = []
    if PDF_FILE in hrefs:
        items.append(
            f"<li>{_link(hrefs[PDF_FILE], 'The whole handbook as one PDF')} ({size_text(sizes.get(PDF_FILE))}): "
            "a cover, a table of contents and every page, ready to print.</li>"
        )
    if OFFLINE_FILE in hrefs:
        items.append(
            f"<li>{_link(hrefs[OFFLINE_FILE], 'The offline copy')} ({size_text(sizes.get(OFFLINE_FILE))}): "
            "the whole site in one zip file. Unzip it and open <code>index.html</code>. "
            "It works with no internet, search included.</li>"
        )
    if not items:
        return block(
            '<p class="bht-note">This copy of the handbook was built without the PDF and the offline copy. '
            "The published site has both; to make them yourself, run <code>make publish</code>.</p>"
        )
    return block(f'<ul class="bht-downloads">{"".join(items)}</ul>')
