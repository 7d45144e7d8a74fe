"""Render a page's Jinja in a sandbox that exposes only handbook macros and variables.

Pages arrive through pull requests, so a page must not reach Python internals,
the build configuration, the environment or modules. ``ImmutableSandboxedEnvironment``
blocks underscore attributes and mutation; an empty globals table (no ``config``,
no ``range``-style escape hatches beyond Jinja's safe builtins) and no loader
(no ``include`` of arbitrary files) do the rest. Engine-free: no MkDocs here.
"""

from __future__ import annotations

import functools
import hashlib
import traceback
from collections.abc import Callable, Mapping
from datetime import date
from types import CodeType, FunctionType, MappingProxyType

from jinja2 import StrictUndefined, Template, TemplateError, TemplateSyntaxError, Undefined
from jinja2.bccache import Bucket, FileSystemBytecodeCache
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from handbook.load import cache as load_cache
from handbook.render.markup import RenderError, inline

ALLOWED_GLOBALS = ("range", "dict", "cycler", "joiner", "namespace")
# Printed as text: plain values a reader can see. Everything else (None, true/false,
# mappings, records, functions, template objects) would print a Python repr: an error.
PRINTABLE = (str, int, float, date)


class PageError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(f"{line}: {message}")
        self.line, self.message = line, message


class SafeText(Markup):
    """Text the handbook made safe: a macro's result or the ``| e`` filter's output.

    Only this passes ``finalize`` unescaped. Any other Markup (``| safe``, ``| tojson``)
    prints as text. String methods on it (``replace``, ``format``, ``+``) escape their
    arguments for Markdown as well as HTML, through this ``escape``.
    """

    __slots__ = ()

    @classmethod
    def escape(cls, s: object) -> SafeText:
        return s if isinstance(s, SafeText) else cls(inline(s))


class UnprintableValue(TypeError):
    """A page printed a value that has no plain-text form."""


def make_environment(undefined: type[Undefined] = StrictUndefined) -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(undefined=undefined, autoescape=False, keep_trailing_newline=True, finalize=as_text)
    # `| e` must make data safe where pages print it: in Markdown, not only in HTML.
    env.filters["e"] = env.filters["escape"] = escape_text
    # `| safe` would let data through as markup; on a page it means only "already escaped".
    env.filters["safe"] = escape_text
    # Keep only harmless helpers; nothing that reaches the build or the machine.
    env.globals = {name: env.globals[name] for name in ALLOWED_GLOBALS if name in env.globals}
    return env


def as_text(value: object) -> object:
    """Every ``{{ ... }}`` output passes here. Page variables hold data (a facility name
    can hold ``<script>`` or ``[x](javascript:...)``), so every value prints as text;
    only macro results, already escaped by the renderers, pass as they are (``SafeText``)."""
    if isinstance(value, SafeText):
        return value
    if isinstance(value, Undefined):  # a missing name, or an attribute the sandbox blocks: its own error
        value._fail_with_undefined_error()
    if isinstance(value, PRINTABLE) and not isinstance(value, bool):
        return inline(value)
    if isinstance(value, (tuple, list)) and all(isinstance(v, PRINTABLE) and not isinstance(v, bool) for v in value):
        return ", ".join(inline(v) for v in value)
    raise UnprintableValue(_unprintable(value))


def _unprintable(value: object) -> str:
    if value is None:
        return "this prints an empty value (None); test it with {% if ... %} or give a default with | default('...')"
    if isinstance(value, bool):
        return "this prints true or false; use it in {% if ... %} instead of printing it"
    if isinstance(value, Mapping):
        return "this prints a whole mapping; print one of its fields instead, such as {{ contact.how }}"
    if isinstance(value, (tuple, list)):
        return "this prints a list of mappings; loop over it with {% for ... %} and print one field of each"
    if callable(value):
        return "this prints a function; call it, or print one of its fields"
    return "this prints an object that has no text form; print one of its fields instead"


def escape_text(value: object) -> SafeText:
    """The page ``| e`` filter: HTML and Markdown escaping; macro results stay as they are."""
    return SafeText(as_text(value))


def trusted(macro: Callable[..., str]) -> Callable[..., SafeText]:
    """Mark a macro's result as safe: renderers escape every data string themselves."""

    @functools.wraps(macro)
    def call(*args: object, **kwargs: object) -> SafeText:
        return SafeText(macro(*args, **kwargs))

    return call


def freeze(value: object) -> object:
    """Read-only view of plain data, for exposing the facility profile to pages."""
    if isinstance(value, Mapping):
        return MappingProxyType({k: freeze(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(freeze(v) for v in value)
    return value


def render_page(
    env: ImmutableSandboxedEnvironment,
    source: str,
    names: Mapping[str, object],
    *,
    line_offset: int = 0,
) -> str:
    """Render ``source``; raise ``PageError`` (with the page's own line number) on any problem."""
    try:
        template = _template(env, source)
    except TemplateSyntaxError as error:
        raise PageError((error.lineno or 1) + line_offset, f"template syntax error: {error.message}") from None
    names = {name: trusted(value) if isinstance(value, FunctionType) else value for name, value in names.items()}
    try:
        return template.render(**names)
    except Exception as error:  # any failure in a page is the page's problem, reported plainly
        line = _template_line(error) + line_offset
        raise PageError(line, _explain(error, names)) from None


# Compiled pages: in memory, so a preview that re-renders every page after one edit
# compiles only the pages that changed, and in Jinja's own bytecode cache in the user's
# cache folder, so a fresh build skips unchanged pages too. The key holds every setting
# that shapes the compiled code and the environment's class: code compiled by the
# sandbox is only ever run by a sandbox. Jinja's cache stamps each file with the Jinja
# and Python versions and drops files from others.
_COMPILED: dict[str, CodeType] = {}
_COMPILED_MAX = 1024


def _template(env: ImmutableSandboxedEnvironment, source: str) -> Template:
    finalize = getattr(env.finalize, "__qualname__", repr(env.finalize))
    settings = (type(env).__qualname__, finalize, env.autoescape, env.keep_trailing_newline, env.trim_blocks, env.lstrip_blocks)
    key = hashlib.sha256(repr(settings).encode() + b"\0" + source.encode("utf-8", "surrogatepass")).hexdigest()
    code = _COMPILED.get(key)
    if code is None:
        code = _compiled_on_disk(env, key, source)
        if len(_COMPILED) >= _COMPILED_MAX:
            _COMPILED.clear()
        _COMPILED[key] = code
    return env.template_class.from_code(env, code, env.make_globals(None))


def _compiled_on_disk(env: ImmutableSandboxedEnvironment, key: str, source: str) -> CodeType:
    if not load_cache.enabled():
        return env.compile(source)
    folder = load_cache.folder() / "pages"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        store: FileSystemBytecodeCache | None = FileSystemBytecodeCache(str(folder))
    except OSError:
        store = None  # a read-only home: compile every time
    bucket = Bucket(env, key, key)
    if store is not None:
        store.load_bytecode(bucket)
    if bucket.code is None:
        bucket.code = env.compile(source)
        if store is not None:
            try:
                store.dump_bytecode(bucket)
            except OSError:
                pass
    return bucket.code


def _template_line(error: BaseException) -> int:
    line = 1
    for frame, lineno in traceback.walk_tb(error.__traceback__):
        if frame.f_code.co_filename == "<template>":
            line = lineno
    return line


def _explain(error: Exception, names: Mapping[str, object]) -> str:
    available = ", ".join(sorted(names))
    if isinstance(error, SecurityError):
        return f"blocked by the page sandbox: {str(error).rstrip('.')}. Pages may only call handbook macros."
    if isinstance(error, TemplateError) and "undefined" in str(error):
        return f"{error}. Available macros and variables: {available}"
    if isinstance(error, RenderError):
        return str(error)
    if isinstance(error, UnprintableValue):
        return f"cannot print this value: {error}"
    if isinstance(error, TypeError) and "no loader" in str(error):  # include, import, extends
        return "blocked by the page sandbox: pages cannot include, import or extend other files. Pages may only call handbook macros."
    if isinstance(error, TypeError):
        return f"a macro was called with the wrong arguments: {error}"
    return f"{type(error).__name__}: {error}"
