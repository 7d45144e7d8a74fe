"""Every built page, in light and dark and at phone and desktop widths, in a real browser.

Each page is visited once per variant; the three checks below read that one visit.
"""

from __future__ import annotations

import pytest

from browser.conftest import violations_text
from browser.support import VARIANTS

pytestmark = pytest.mark.browser
BY_NAME = pytest.mark.parametrize("variant", VARIANTS, ids=[v.name for v in VARIANTS])


@BY_NAME
def test_every_page_renders_in_the_requested_color_scheme(scan, variant):
    reports = scan(variant)
    wrong = {path: r.scheme for path, r in reports.items() if r.scheme != variant.material_scheme}
    assert len(reports) > 1, "the build has no pages besides the home page?"
    assert not wrong, f"pages not in the {variant.material_scheme!r} scheme: {wrong}"


@BY_NAME
def test_no_page_logs_a_console_error(scan, variant):
    bad = {path: r.console for path, r in scan(variant).items() if r.console}
    assert not bad, "\n".join(f"/{path}: {messages}" for path, messages in bad.items())


@BY_NAME
def test_no_page_requests_another_origin(scan, variant):
    bad = {path: r.foreign for path, r in scan(variant).items() if r.foreign}
    assert not bad, "\n".join(f"/{path}: {urls}" for path, urls in bad.items())


@BY_NAME
def test_no_page_has_an_axe_violation(scan, variant):
    reports = scan(variant)
    assert not any(r.violations for r in reports.values()), "axe-core (WCAG 2.2 AA):\n" + violations_text(reports)
