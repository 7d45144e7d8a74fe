"""MkDocs glue: the one module that knows about MkDocs and mkdocs-macros.

It loads the handbook once per build, registers the macros, and renders each page
in the sandbox from ``templating.py`` instead of the plugin's own unsandboxed Jinja.
Everything else in this package is engine-free, so a move to Zensical touches
only this file.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from types import SimpleNamespace

from macros import registry_contrib, render_review, repo_links, review
from macros.load import HandbookDataError, load_handbook
from macros.registry import build_macros, relative_md
from macros.render_reference import abbreviations
from macros.templating import PageError, freeze, make_environment, render_page

FACILITY_ENV = "BHT_FACILITY"  # a folder holding profile.yml; default: ./facility if it exists
TODAY_ENV = "BHT_TODAY"  # YYYY-MM-DD: pretend it is this day (review dates in tests); default: today


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

    env.conf["site_name"] = book.facility.name
    env.conf["extra"]["bht_colors"] = book.facility.colors.model_dump()
    links = _PageLinks()
    table = build_macros(book, links)
    sandbox = make_environment()
    state = SimpleNamespace(book=book, links=links, sandbox=sandbox, macros=table, names={})
    _contributor_setup(env, state)
    for name, function in table.items():
        env.macro(function, name)
    env.variables["bht"] = state


def on_pre_page_macros(env) -> None:
    """Render the page ourselves, sandboxed; then tell the plugin not to render it again."""
    from mkdocs.exceptions import PluginError

    state = env.variables["bht"]
    page = env.page
    _page_review_and_links(state, page)
    if page.meta.get("render_macros") is False:  # a page may opt out, e.g. to show macro syntax
        return
    state.links.page, state.links.files = page, env.variables.get("files")
    names = {**state.macros, "facility": freeze(state.book.facility.model_dump()), "page": _page_view(page)}
    state.names = names  # the macro reference runs its examples with the same names
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


def _contributor_setup(env, state) -> None:
    """Review metadata for every page (bad metadata stops the build), repository links,
    and the review status and macro reference macros."""
    from mkdocs.exceptions import PluginError

    chosen = os.environ.get(TODAY_ENV)
    try:
        state.today = date.fromisoformat(chosen) if chosen else date.today()
    except ValueError:
        raise PluginError(f"{TODAY_ENV}={chosen!r}: expected a date as YYYY-MM-DD") from None
    try:
        reviews = review.collect(Path(env.conf["docs_dir"]), state.today)
    except review.ReviewError as error:
        raise PluginError(str(error)) from None
    state.reviews = {r.src_path: r for r in reviews}
    repo = repo_links.repo_url(state.book.facility)
    env.conf["repo_url"] = repo  # overrides/partials/source.html shows it as a plain link
    env.conf["repo_name"] = repo.split("://", 1)[-1].split("/", 1)[-1] if repo else None

    def run_example(call: str) -> str:
        return render_page(state.sandbox, "{{ " + call + " }}", state.names)

    registry_contrib.build_contrib_macros(state.macros, reviews, state.today, state.links.href, run_example)


def _page_review_and_links(state, page) -> None:
    """Values for overrides/partials/bht-page-footer.html: the review line and the two links."""
    src = page.file.src_path.replace(os.sep, "/")
    found = state.reviews.get(src)
    page.meta["bht_review"] = render_review.page_facts(found, state.today) if found else None
    title = page.title or (found.title if found else src)
    page.meta["bht_links"] = repo_links.page_links(state.book.facility, src, title, page.canonical_url)
