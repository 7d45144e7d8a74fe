"""Theme features no page may use yet still pass axe: header tabs and every Markdown extension.

The real pages might not use a task list or turn on header tabs today; a copy of the
project does both (one fixture page with every enabled Markdown extension, and
``navigation.tabs``), so the fixes in overrides/ are proven before a page needs them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import copy_project, shared_build

from browser.conftest import Scanner, built, violations_text
from browser.support import VARIANTS, LocalServer

pytestmark = pytest.mark.browser

FIXTURE_PAGE = """---
owner: Clinical education lead
last_reviewed: 2026-01-01
review_every: 12
---

# Markdown features

A paragraph with a [link](index.md), **bold**, *italic* and `code`. The EHR holds notes.[^1]

- [ ] A task not done yet
- [x] A task that is done
    - [ ] A nested task

!!! note "A note"
    Text inside a note.

!!! warning
    Text inside a warning.

??? tip "A folded tip"
    Hidden until opened.

Term
:   Its definition.

| Column one | Column two |
| --- | --- |
| a | b |

```python
# A comment, then most kinds of token the highlighter colors
@decorator
def check(count: int = 3, *, name="text") -> bool:
    '''A docstring.'''
    return print(f"{name}", count + 1.5, None, 0x1F) is True and Value.CONSTANT
```

```yaml
key: value  # comment
list: [1, "two", true]
```

<div markdown>Markdown *inside* HTML.</div>

[^1]: A footnote.

*[EHR]: Electronic health record
"""


def add_fixture(project) -> None:
    (project / "docs" / "proof-fixture.md").write_text(FIXTURE_PAGE, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config, tabs = re.subn(r"(?m)^(  features:\n)", r"\1    - navigation.tabs\n", config, count=1)
    config, nav = re.subn(r"(?m)^(nav:\n)", r"\1  - Markdown features: proof-fixture.md\n", config, count=1)
    assert tabs == 1 and nav == 1, "mkdocs.yml has no theme features list or no nav"
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")


def features_site() -> Path:
    """The project with the fixture page and header tabs, built once per test run (shared by the workers)."""

    def make(site: Path) -> None:
        project = copy_project(site.parent / "project")
        add_fixture(project)
        built(site, project=project)

    return shared_build("features", make)


@pytest.fixture(scope="session")
def features_scan(browser):
    with LocalServer(features_site()) as server:
        # The fixture page, and a page in another section (so some tabs are inactive).
        yield Scanner(browser, server, ["proof-fixture/", ""])


@pytest.mark.parametrize("variant", VARIANTS, ids=[v.name for v in VARIANTS])
def test_markdown_features_and_header_tabs_pass_axe(features_scan, variant):
    reports = features_scan(variant)
    assert not any(r.violations for r in reports.values()), "axe-core (WCAG 2.2 AA):\n" + violations_text(reports)
    assert not any(r.console or r.foreign for r in reports.values()), {p: (r.console, r.foreign) for p, r in reports.items()}


def test_fixture_page_really_has_task_lists_and_tabs(features_scan):
    page = features_scan.server.base + "proof-fixture/"
    context = features_scan.browser.new_context(**VARIANTS[3].context_options())
    try:
        tab = context.new_page()
        tab.goto(page, wait_until="load")
        boxes = tab.locator(".task-list-item input[type=checkbox]").count()
        tabs = tab.locator(".md-tabs__item").count()
    finally:
        context.close()
    assert boxes == 3 and tabs > 1, (boxes, tabs)
