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

from macros.load import HandbookDataError, load_handbook
from macros.registry import build_macros, relative_md
from macros.render_reference import abbreviations
from macros.search_terms import missing_pages, page_keywords
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

    def title(self, target: str) -> str:
        found = self.files.get_file_from_path(target) if self.files else None
        return (found.page.title if found is not None and found.page is not None else None) or target

    def file_size(self, target: str) -> int | None:
        found = self.files.get_file_from_path(target) if self.files else None
        return len(found.content_bytes) if found is not None and not found.is_documentation_page() else None


def define_env(env) -> None:
    from mkdocs.exceptions import PluginError

    project = Path(env.project_dir)
    chosen = facility_dir(project)
    profile = chosen / "profile.yml" if chosen else None
    try:
        book = load_handbook(project / "data", profile=profile, root=project)
    except HandbookDataError as error:
        raise PluginError(str(error)) from None
    missing = missing_pages(book, Path(env.conf["docs_dir"]), project / "data" / "glossary.yml")
    if missing:
        raise PluginError(str(HandbookDataError(missing)))

    env.conf["site_name"] = book.facility.name
    env.conf["extra"]["bht_colors"] = book.facility.colors.model_dump()
    links = _PageLinks()
    _add_downloads(env.conf, book)
    _prepare_offline(env.conf)
    _add_glossary_help(env.conf, book)
    table = build_macros(book, links)
    for name, function in table.items():
        env.macro(function, name)
    sandbox = make_environment()
    env.variables["bht"] = SimpleNamespace(book=book, links=links, sandbox=sandbox, macros=table, keywords=page_keywords(book))


def on_pre_page_macros(env) -> None:
    """Render the page ourselves, sandboxed; then tell the plugin not to render it again."""
    from mkdocs.exceptions import PluginError

    state = env.variables["bht"]
    page = env.page
    _search_keywords(page, state.keywords.get(page.file.src_uri, ()))
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


def _search_keywords(page, keywords: tuple[str, ...]) -> None:
    """Glossary names for this page (macros/search_terms.py) become its search tags.

    Material's search ranks tags above titles and body text and shows them on each
    result, so "MAR" finds the medication page without hidden text on the page.
    """
    if keywords:
        tags = page.meta.get("tags") if isinstance(page.meta.get("tags"), list) else []
        page.meta["tags"] = list(dict.fromkeys([*tags, *keywords]))


DOWNLOADS_ENV = "BHT_EXTRA_DOWNLOADS"  # a folder holding the PDF and offline zip to ship in downloads/ (make publish)


def _add_downloads(config, book) -> None:
    """Ship downloads/ with every build: the data files, and the PDF and zip when given."""
    from mkdocs.plugins import BasePlugin
    from mkdocs.structure.files import File

    from macros.export import render_files
    from macros.render_downloads import OFFLINE_FILE, PDF_FILE

    extra = os.environ.get(DOWNLOADS_ENV)
    extra_files = [Path(extra) / name for name in (PDF_FILE, OFFLINE_FILE) if (Path(extra) / name).is_file()] if extra else []

    class Downloads(BasePlugin):
        def on_files(self, files, *, config):
            for name, content in render_files(book).items():
                files.append(File.generated(config, f"downloads/{name}", content=content))
            for path in extra_files:
                files.append(File.generated(config, f"downloads/{path.name}", abs_src_path=str(path)))
            return files

    config.plugins["bht-downloads"] = Downloads()


OFFLINE_SHIM = "assets/javascripts/vendor/iframe-worker-shim.js"


def _prepare_offline(config) -> None:
    """Offline copy (BHT_OFFLINE=true): no CDN, and no feature that needs fetch().

    Material's offline plugin adds the iframe-worker shim from a CDN unless a polyfill
    named iframe-worker is listed already; this runs first (the macros plugin comes
    before it in mkdocs.yml), so the copy served from overrides/ is used. Instant
    loading fetches pages, which browsers refuse on file://, so it is switched off.
    """
    offline = config.plugins.get("material/offline")
    if offline is None or not offline.config.enabled:
        return
    config.extra["polyfills"] = [*config.extra.get("polyfills", []), OFFLINE_SHIM]
    features = config.theme["features"]
    features[:] = [f for f in features if not f.startswith("navigation.instant")]


def _add_glossary_help(config, book) -> None:
    """First mentions link to the glossary; generated tables get abbreviation tooltips."""
    from macros.glossary_links import GlossaryExtension, TermMatcher, abbreviation_titles

    def page_path(md) -> str | None:  # MkDocs' own link processor knows the page being rendered
        relpath = md.treeprocessors["relpath"] if "relpath" in md.treeprocessors else None
        return relpath.file.src_uri if relpath is not None else None

    titles = abbreviation_titles(abbreviations(book))
    config.markdown_extensions.append(GlossaryExtension(TermMatcher(book.terms), titles, page_path))
