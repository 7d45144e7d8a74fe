"""Template injection: payloads in a page fail the render before anything runs; data prints as text.

The unit tests drive the page sandbox directly (fast, many payloads); one build proves
the same through MkDocs. Every payload that would reach the machine tries to create a
canary file, so "failed" also means "did not run".
"""

from __future__ import annotations

import html

import pytest
from conftest import build_site

from macros.sandbox import PageError, freeze, make_environment, render_page

ESCAPES = {
    "class walk": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "cycler globals": "{{ cycler.__init__.__globals__.os.system('touch CANARY') }}",
    "joiner globals": "{{ joiner.__init__.__globals__.os.system('touch CANARY') }}",
    "namespace globals": "{{ namespace.__init__.__globals__.os.system('touch CANARY') }}",
    "lipsum globals": "{{ lipsum.__globals__.os.popen('touch CANARY').read() }}",
    "macro globals": "{{ level_title.__globals__.os.system('touch CANARY') }}",
    "attr filter": "{{ cycler|attr('__init__')|attr('__globals__') }}",
    "format string": "{{ '{0.__init__.__globals__}'.format(cycler) }}",
    "self context": "{{ self._TemplateReference__context }}",
    "loop over subclasses": "{% for c in ().__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
    "set then call": "{% set g = cycler.__init__.__globals__ %}{{ g.os.system('touch CANARY') }}",
    "import": "{% import 'os' as os %}{{ os.system('touch CANARY') }}",
    "include": "{% include '/etc/passwd' %}",
    "extends": "{% extends 'base.html' %}",
    "data mutation": "{{ facility.update({'name': 'x'}) }}",
    "list mutation": "{{ facility.settings.append('x') }}",
    "page meta mutation": "{% set _ = page.meta.__setitem__('x', 1) %}",
    "config": "{{ config }}",
    "environment": "{{ environment }}",
    "os env": "{{ os.environ }}",
}


def _names(extra: dict | None = None) -> dict:
    def level_title(level_id):
        return "<b>BHT I</b>"

    return {
        "facility": freeze({"name": "Example Facility", "settings": ["inpatient"], **(extra or {})}),
        "page": freeze({"title": "t", "meta": {}, "src_path": "x.md"}),
        "level_title": level_title,
    }


@pytest.mark.parametrize("payload", ESCAPES.values(), ids=ESCAPES.keys())
def test_escape_payload_fails_before_running(payload, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source = f"# Page\n\nSome text.\n\n{payload}\n"
    with pytest.raises(PageError) as caught:
        render_page(make_environment(), source, _names(), line_offset=4)
    assert caught.value.line == 9, caught.value
    assert caught.value.message.strip()
    assert not (tmp_path / "CANARY").exists()


HOSTILE_TEXT = '<script>window.__xss=1</script> [x](javascript:alert(1)) <img src=x onerror="alert(1)"> | {{ 7*7 }}'


def test_data_in_page_variables_prints_as_text():
    out = render_page(make_environment(), "Name: {{ facility.name }}\n", _names({"name": HOSTILE_TEXT}))
    for raw in ("<script", "<img", "](", "|", "{{"):
        assert raw not in out, (raw, out)
    assert "<script>" in html.unescape(out)  # shown as text: escaped, in whichever entity form


def test_data_stays_text_through_filters_and_joins():
    out = render_page(make_environment(), "{{ facility.name | upper }} {{ facility.name ~ '!' }}\n", _names({"name": "<i>x</i>"}))
    assert "<i>" not in out and "<I>" not in out


def test_the_escape_filter_escapes_markdown_too():
    # Pages write `{{ contact.how | e }}` in lists: `| e` must stop Markdown links as well as HTML.
    out = render_page(make_environment(), "- {{ facility.name | e }} {{ level_title('bht-1') | e }}\n", _names({"name": HOSTILE_TEXT}))
    for raw in ("<script", "<img", "](", "|", "{{"):
        assert raw not in out.replace("<b>BHT I</b>", ""), (raw, out)
    assert "<b>BHT I</b>" in out


def test_macro_output_is_not_escaped_twice():
    out = render_page(make_environment(), "{{ level_title('bht-1') }} {{ 3 * 4 }}\n", _names())
    assert out == "<b>BHT I</b> 12\n"


def test_jinja_in_a_page_runs_only_as_jinja():
    source = "{% raw %}{{ 7*7 }}{% endraw %} {% if facility.name %}yes{% endif %} {{ 7*7 }}\n"
    assert render_page(make_environment(), source, _names()) == "{{ 7*7 }} yes 49\n"


@pytest.mark.slow  # a site build
def test_escape_payload_in_a_page_fails_the_build_before_running(project_copy, tmp_path):
    canary = tmp_path / "CANARY"
    page = project_copy / "docs" / "index.md"
    payload = "{{ cycler.__init__.__globals__.os.system('touch " + str(canary) + "') }}"
    page.write_text(page.read_text(encoding="utf-8") + f"\n\n{payload}\n", encoding="utf-8")
    result = build_site(tmp_path / "out", project=project_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "docs/index.md:" in output and "sandbox" in output, output
    assert "Traceback" not in output
    assert not canary.exists()
    assert not (tmp_path / "out" / "index.html").exists()
