"""Pages are rendered in a sandbox: no Python internals, config, environment or modules.

Each payload goes through ``Build.prepare``, the one function both engines call for
every page (fast: no site build). One build proves the route through MkDocs: the names
only the mkdocs-macros plugin's own, unsandboxed Jinja would offer (``config``,
``environment``, ``plugin``) still fail there, so the plugin never renders a page.
"""

from __future__ import annotations

import pytest
from conftest import ROOT, build_site
from page_render import load_build, prepare

from macros.pages import BuildProblem

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
HOME = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def build():
    return load_build()


def with_line(extra: str) -> tuple[str, int]:
    """The home page with ``extra`` appended, and the file line ``extra`` is on."""
    source = HOME + f"\n\n{extra}\n"
    return source, source.splitlines().index(extra) + 1


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_injection_in_a_page_stops_the_render_at_its_line(build, payload):
    source, line = with_line(f"Injected: {payload}")
    with pytest.raises(BuildProblem) as refused:
        prepare(build, "index.md", source)
    (problem,) = refused.value.lines
    assert problem.startswith(f"docs/index.md:{line}: "), problem
    assert problem.removeprefix(f"docs/index.md:{line}: ").strip()
    for leak in ("Traceback", "0x", "site_name", "BHT Handbook"):
        assert leak not in problem, (leak, problem)


def test_the_page_renders_without_a_payload(build):
    """The control for the test above: the home page itself renders."""
    assert "Injected" not in prepare(build, "index.md", HOME).markdown


def test_unknown_id_in_a_macro_lists_valid_ids(build):
    source, line = with_line('{{ level_comparison("bht-1", "bht-9") }}')
    with pytest.raises(BuildProblem) as refused:
        prepare(build, "index.md", source)
    (problem,) = refused.value.lines
    assert problem.startswith(f"docs/index.md:{line}: ")
    assert "unknown level 'bht-9'; valid ids: bht-1, bht-2, lead-bht" in problem


@pytest.mark.slow
def test_names_only_the_macros_plugin_offers_fail_the_mkdocs_build(project_copy, tmp_path):
    page = project_copy / "docs" / "index.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n\nInjected: {{ config.site_name }} {{ environment }} {{ plugin }}\n", encoding="utf-8"
    )
    result = build_site(tmp_path / "out", project=project_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "docs/index.md:" in output and "'config' is undefined" in output, output
    assert "Traceback" not in output
    assert not (tmp_path / "out" / "index.html").exists()
