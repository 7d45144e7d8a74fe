"""The page sandbox: errors name the page's own line (front matter included), data stays data."""

from __future__ import annotations

from types import MappingProxyType

import pytest

from handbook.render.markup import RenderError
from macros.sandbox import ALLOWED_GLOBALS, PageError, freeze, make_environment, render_page

ENV = make_environment()


def fail(*_args):
    raise RenderError("unknown level 'x'; valid ids: a, b")


def echo():
    return "{{ 7*7 }} {% if true %}live{% endif %} <b>&amp;</b>"


NAMES = {"fail": fail, "echo": echo, "facility": freeze({"name": "Test", "scope": {"levels": ["q15"], "restraint": {"used": True}}})}


def page_error(source: str, offset: int = 0) -> PageError:
    with pytest.raises(PageError) as raised:
        render_page(ENV, source, NAMES, line_offset=offset)
    return raised.value


def test_a_page_renders_with_its_names():
    source = "# {{ facility.name }}\n{% if facility.scope.restraint.used %}holds{% endif %}\n"
    assert render_page(ENV, source, NAMES) == "# Test\nholds\n"


def test_macro_output_is_not_rendered_again():
    assert render_page(ENV, "{{ echo() }}", NAMES) == echo()


@pytest.mark.parametrize("offset", [0, 4])
def test_syntax_error_line_counts_front_matter(offset):
    error = page_error("Intro\n\n{% if %}\n", offset)
    assert error.line == 3 + offset
    assert error.message.startswith("template syntax error: Expected an expression")


@pytest.mark.parametrize("offset", [0, 7])
def test_undefined_name_line_and_available_names(offset):
    error = page_error("one\ntwo\nthree {{ nope }}\n", offset)
    assert error.line == 3 + offset
    assert error.message == "'nope' is undefined. Available macros and variables: echo, facility, fail"


def test_macro_error_inside_a_loop_names_the_line_of_the_call():
    error = page_error("a\nb\n{% for i in range(2) %}\n\n{{ fail(i) }}\n{% endfor %}\n", 10)
    assert (error.line, error.message) == (15, "unknown level 'x'; valid ids: a, b")


def test_wrong_arguments_are_explained():
    error = page_error("x\n{{ echo(1, 2) }}\n", 1)
    assert error.line == 3
    assert error.message.startswith("a macro was called with the wrong arguments: ")


@pytest.mark.parametrize(
    "source, message",
    [
        ("{{ ''.__class__ }}", "blocked by the page sandbox: access to attribute '__class__' of 'str' object is unsafe."),
        ("{% include 'mkdocs.yml' %}", "blocked by the page sandbox: pages cannot include, import or extend other files."),
        ("{% import 'x.html' as x %}", "blocked by the page sandbox: pages cannot include, import or extend other files."),
    ],
)
def test_sandbox_escapes_are_blocked_with_a_plain_message(source, message):
    error = page_error("ok\n" + source, 2)
    assert error.line == 4
    assert error.message.startswith(message)


def test_the_facility_profile_is_read_only():
    for source in ("{{ facility.update({'name': 'x'}) }}", "{{ facility.scope.levels.append('x') }}"):
        page_error(source)
    frozen = NAMES["facility"]
    assert isinstance(frozen, MappingProxyType) and frozen["scope"]["levels"] == ("q15",)
    with pytest.raises(TypeError):
        frozen["name"] = "x"


def test_only_harmless_globals_are_available():
    assert set(ENV.globals) == set(ALLOWED_GLOBALS)
    assert not any(name in ENV.globals for name in ("config", "environment", "os", "self"))
