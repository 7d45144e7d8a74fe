"""Pages are rendered in a sandbox: no Python internals, config, environment or modules."""

from __future__ import annotations

import pytest
from conftest import build_site

PAYLOADS = {
    "dunder": "{{ ''.__class__.__mro__ }}",
    "config": "{{ config.site_name }}",
    "environment": "{{ environment }}",
    "plugin": "{{ plugin }}",
    "os module": "{{ cycler.__init__.__globals__.os }}",
    "format escape": "{{ '{0.__class__}'.format(1) }}",
    "attr filter": "{{ ''|attr('__class__') }}",
    "include": "{% include 'mkdocs.yml' %}",
    "mutation": "{{ facility.update({'name': 'x'}) }}",
}


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_injection_in_a_page_fails_the_build_with_a_clear_message(project_copy, tmp_path, payload):
    page = project_copy / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n\nInjected: {payload}\n", encoding="utf-8")
    result = build_site(tmp_path / "out", project=project_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "docs/index.md:" in output
    assert "Traceback" not in output
    assert not (tmp_path / "out" / "index.html").exists()


def test_unknown_id_in_a_macro_lists_valid_ids(project_copy, tmp_path):
    page = project_copy / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n\n{{ level_comparison("bht-1", "bht-9") }}\n', encoding="utf-8")
    result = build_site(tmp_path / "out", project=project_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "unknown level 'bht-9'; valid ids: bht-1, bht-2, lead-bht" in output
