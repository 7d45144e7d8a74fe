"""Every value a page prints is text: escaped for HTML and Markdown whatever its type.

Only a macro's result (already escaped by the renderers) passes as it is. A value with
no plain-text form (a mapping, a record, a function, None, true/false) stops the build
with the page's own line, so no Python repr (``mappingproxy(``, ``object at 0x``,
``TemplateReference``) can reach a page.
"""

from __future__ import annotations

import html
from datetime import date

import pytest

from macros.sandbox import PageError, freeze, make_environment, render_page

ENV = make_environment()
XSS = "<img src=x onerror=alert(document.domain)> [x](javascript:alert(1)) *b* | {{ 7*7 }}"
REPRS = ("mappingproxy(", "object at 0x", "TemplateReference", "<function", "<built-in", "<class ", "range(", "Namespace(")


def _names() -> dict:
    def level_title(level_id):
        return f"<b>{level_id}</b>"

    profile = {
        "name": XSS,
        "short_name": XSS[:30],
        "contacts": [{"role": XSS, "how": XSS}],
        "settings": ["inpatient", XSS],
        "state": None,
        "scope": {"restraint": {"used": True}, "refreshers": {"cpi": 12}, "observation_levels": ["q15"]},
        "pay_bands": [{"level": "a", "hourly_min": 18.5, "hourly_max": 22.0}],
        "retrieved": date(2026, 1, 2),
    }
    return {
        "facility": freeze(profile),
        "page": freeze({"title": XSS, "meta": {"tags": [XSS]}, "src_path": "x.md"}),
        "level_title": level_title,
    }


def render(source: str) -> str:
    return render_page(ENV, source, _names())


def assert_text_only(out: str) -> None:
    for raw in ("<img", "<script", "](", "|", "{{", "*b*"):
        assert raw not in out, (raw, out)
    for marker in REPRS:
        assert marker not in out, (marker, out)


@pytest.mark.parametrize(
    "source",
    [
        "{{ facility.name }}",
        "{{ facility.contacts[0].how }}",
        "{{ facility.settings }}",  # a list of plain values prints as a list of text
        "{{ facility.settings | join(', ') }}",
        "{{ facility.name | upper }}",
        "{{ facility.name ~ '!' }}",
        "{{ facility.name | safe }}",  # `safe` cannot turn data into markup
        "{{ facility.name | e | safe }}",
        "{{ facility.name | tojson }}",
        "{{ facility.name | replace('x', '[y](javascript:1)') }}",
        "{{ '%s' | format(facility.name) }}",
        "{{ page.title }}",
        "{{ page.meta.tags }}",
        "{% set label %}{{ facility.name }}{% endset %}{{ label }}",
        "{% for c in facility.contacts %}- {{ c.role }}: {{ c.how }}{% endfor %}",
    ],
)
def test_data_prints_as_text_through_every_route(source):
    out = render(source + "\n")
    assert_text_only(out)
    assert "alert" in out.lower()  # shown, not dropped


@pytest.mark.parametrize(
    "source, shown",
    [
        ("{{ 3 * 4 }}", "12"),
        ("{{ facility.pay_bands[0].hourly_min }}", "18.5"),
        ("{{ facility.scope.refreshers.cpi }}", "12"),
        ("{{ facility.retrieved }}", "2026&#45;01&#45;02"),
        ("{{ facility.contacts | length }}", "1"),
    ],
)
def test_numbers_and_dates_print_as_text(source, shown):
    assert render(source + "\n") == shown + "\n"


@pytest.mark.parametrize(
    "source, why",
    [
        ("{{ facility.contacts }}", "a list of mappings"),
        ("{{ facility.contacts[0] }}", "a whole mapping"),
        ("{{ facility }}", "a whole mapping"),
        ("{{ facility.scope }}", "a whole mapping"),
        ("{{ page }}", "a whole mapping"),
        ("{{ page.meta }}", "a whole mapping"),
        ("{{ facility.state }}", "empty value (None)"),
        ("{{ facility.scope.restraint.used }}", "true or false"),
        ("{{ self }}", "object"),
        ("{{ level_title }}", "a function"),
        ("{{ facility.name.upper }}", "a function"),
        ("{{ range(3) }}", "object"),
        ("{{ cycler(1, 2) }}", "object"),
        ("{{ namespace(a=1) }}", "object"),
        ("{{ dict(a=XSS) }}", "a whole mapping"),
    ],
)
def test_a_value_with_no_text_form_stops_the_build_at_its_line(source, why):
    with pytest.raises(PageError) as raised:
        render_page(ENV, "# Title\n\ntext\n" + source + "\n", _names(), line_offset=5)
    assert raised.value.line == 9
    assert raised.value.message.startswith("cannot print this value: "), raised.value.message
    assert why in raised.value.message
    for marker in REPRS:
        assert marker not in raised.value.message


def test_a_macro_result_passes_as_it_is_and_keeps_escaping_what_joins_it():
    assert render("{{ level_title('a') }}\n") == "<b>a</b>\n"
    joined = render("{{ level_title('a').replace('a', facility.name) }}\n")
    assert joined.startswith("<b>") and joined.rstrip().endswith("</b>")
    assert_text_only(joined.replace("<b>", "").replace("</b>", ""))
    assert "alert" in html.unescape(joined)


def test_lipsum_is_not_offered():
    with pytest.raises(PageError) as raised:
        render("{{ lipsum() }}\n")
    assert "'lipsum' is undefined" in raised.value.message
