"""MkDocs glue: the one module that knows about MkDocs and mkdocs-macros.

It loads the handbook once per build, registers the macros, and renders each page
in the sandbox from ``templating.py`` instead of the plugin's own unsandboxed Jinja.
Everything else in this package is engine-free, so a move to Zensical touches
only this file.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

from markupsafe import Markup

from macros.load import HandbookDataError, load_handbook
from macros.registry import build_macros, relative_md
from macros.render_reference import abbreviations
from macros.templating import PageError, freeze, make_environment, render_page

FACILITY_ENV = "BHT_FACILITY"  # a folder holding profile.yml; default: ./facility if it exists


def facility_dir(project_dir: Path) -> Path | None:
    chosen = os.environ.get(FACILITY_ENV)
    if chosen:
        path = Path(chosen)
        return path if path.is_absolute() else (project_dir / path)
    default = project_dir / "facility"
    return default if (default / "profile.yml").is_file() else None


class _PageLinks:
    """PageLinks for the page MkDocs is rendering now."""

    def __init__(self) -> None:
        self.page = None
        self.files = None

    def md_link(self, target: str) -> str:
        return relative_md(self.page.file.src_path, target)

    def href(self, target: str) -> str:
        from macros.markup import RenderError

        found = self.files.get_file_from_path(target) if self.files else None
        if found is None:
            raise RenderError(f"link target docs/{target} does not exist")
        return found.url_relative_to(self.page.file)


def define_env(env) -> None:
    from mkdocs.exceptions import PluginError

    project = Path(env.project_dir)
    chosen = facility_dir(project)
    profile = chosen / "profile.yml" if chosen else None
    try:
        book = load_handbook(project / "data", profile=profile, root=project)
    except HandbookDataError as error:
        raise PluginError(str(error)) from None

    # The theme prints site_name without escaping; the name is data, so escape it here
    # (as Markup, so the theme's own `| e` does not escape it twice).
    env.conf["site_name"] = Markup.escape(book.facility.name)
    env.conf["extra"]["bht_colors"] = book.facility.colors.model_dump()
    links = _PageLinks()
    table = build_macros(book, links)
    for name, function in table.items():
        env.macro(function, name)
    sandbox = make_environment()
    env.variables["bht"] = SimpleNamespace(book=book, links=links, sandbox=sandbox, macros=table)


def on_pre_page_macros(env) -> None:
    """Render the page ourselves, sandboxed; then tell the plugin not to render it again."""
    from mkdocs.exceptions import PluginError

    state = env.variables["bht"]
    page = env.page
    if page.meta.get("render_macros") is False:  # a page may opt out, e.g. to show macro syntax
        return
    state.links.page, state.links.files = page, env.variables.get("files")
    names = {**state.macros, "facility": freeze(state.book.facility.model_dump()), "page": _page_view(page)}
    source = page.file.content_string
    offset = source[: len(source) - len(env.markdown)].count("\n") if source.endswith(env.markdown) else 0
    try:
        rendered = render_page(state.sandbox, env.markdown, names, line_offset=offset)
    except PageError as error:
        raise PluginError(f"docs/{page.file.src_path}:{error.line}: {error.message}") from None
    env.markdown = rendered.rstrip("\n") + "\n\n" + abbreviations(state.book) + "\n"
    # The plugin renders after this hook; a page meta of render_macros: false makes it
    # hand our sandboxed result through untouched.
    env.variables["page"] = SimpleNamespace(meta={**page.meta, "render_macros": False}, title=page.title)


def _page_view(page) -> object:
    return freeze({"title": page.title or "", "meta": dict(page.meta), "src_path": page.file.src_path})
