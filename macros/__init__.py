"""MkDocs glue: the one module that knows about MkDocs and mkdocs-macros.

It loads the handbook once per build, registers the macros, and renders each page
in the sandbox from ``templating.py`` instead of the plugin's own unsandboxed Jinja.
Everything else in this package is engine-free, so a move to Zensical touches
only this file. With a facility folder (see edition.py) it also applies the profile's
site and repository addresses and logo, and adds the facility's own pages to the site.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from types import SimpleNamespace

from markupsafe import Markup

from macros import registry_contrib, render_review, repo_links, review
from macros.edition import FacilityFolder, facility_dir, load_edition, load_standard
from macros.load import HandbookDataError, relative_label
from macros.registry import build_macros, relative_md
from macros.render_reference import abbreviation_titles, abbreviations
from macros.search_terms import page_keywords
from macros.templating import PageError, freeze, make_environment, render_page

FACILITY_NAV_TITLE = "Your facility"
LOGO_DIR = "assets/facility"
TODAY_ENV = "BHT_TODAY"  # YYYY-MM-DD: pretend it is this day (review dates in tests); default: today


class _PageLinks:
    """PageLinks for the page MkDocs is rendering now."""

    def __init__(self) -> None:
        self.page = None
        self.files = None

    def md_link(self, target: str) -> str:
        return relative_md(self.page.file.src_path, target)

    def _file(self, target: str):
        return self.files.get_file_from_path(target) if self.files else None

    def href(self, target: str) -> str:
        from macros.markup import RenderError

        found = self._file(target)
        if found is None:
            raise RenderError(f"link target docs/{target} does not exist")
        return found.url_relative_to(self.page.file)

    def title(self, target: str) -> str:
        found = self._file(target)
        return (found.page.title if found is not None and found.page is not None else None) or target

    def file_size(self, target: str) -> int | None:
        found = self._file(target)
        return len(found.content_bytes) if found is not None and not found.is_documentation_page() else None


def define_env(env) -> None:
    from mkdocs.exceptions import PluginError

    project = Path(env.project_dir)
    upstream_repo = env.conf.get("repo_url")  # mkdocs.yml's, before a facility profile replaces it
    chosen = facility_dir(project)
    try:
        book = load_edition(project, chosen, Path(env.conf["docs_dir"]))
        standard = load_standard(project) if chosen else book
    except HandbookDataError as error:
        raise PluginError(str(error)) from None

    # The theme prints site_name without escaping; the name is data, so escape it here
    # (as Markup, so the theme's own `| e` does not escape it twice).
    env.conf["site_name"] = Markup.escape(book.facility.name)
    env.conf["extra"]["bht_colors"] = book.facility.colors.model_dump()
    if chosen:
        folder = FacilityFolder(chosen)
        _apply_facility(env.conf, book, folder, project)
        facility_pages = [(folder.page_uri(path), path, relative_label(path, project)) for path in folder.pages]
    else:
        facility_pages = []
    links = _PageLinks()
    _add_downloads(env.conf, book)
    _prepare_offline(env.conf)
    table = build_macros(book, links, standard)
    sandbox = make_environment()
    state = SimpleNamespace(
        book=book, links=links, sandbox=sandbox, macros=table, names={}, keywords=page_keywords(book),
        upstream_repo=upstream_repo, facility_pages=facility_pages,
        # the same for every page of the build: compute once, not per page
        facility_view=freeze(book.facility.model_dump()), abbreviations=abbreviations(book),
    )
    _add_glossary_help(env.conf, book)
    _contributor_setup(env, state)
    for name, function in table.items():
        env.macro(function, name)
    env.variables["bht"] = state


def on_pre_page_macros(env) -> None:
    """Render the page ourselves, sandboxed; then tell the plugin not to render it again."""
    from mkdocs.exceptions import PluginError

    state = env.variables["bht"]
    page = env.page
    _search_keywords(page, state.keywords.get(page.file.src_uri, ()))
    _page_review_and_links(state, page)
    if page.meta.get("render_macros") is False:  # a page may opt out, e.g. to show macro syntax
        return
    state.links.page, state.links.files = page, env.variables.get("files")
    names = {**state.macros, "facility": state.facility_view, "page": _page_view(page)}
    state.names = names  # the macro reference runs its examples with the same names
    source = page.file.content_string
    offset = source[: len(source) - len(env.markdown)].count("\n") if source.endswith(env.markdown) else 0
    try:
        rendered = render_page(state.sandbox, env.markdown, names, line_offset=offset)
    except PageError as error:
        where = getattr(page.file, "bht_source", None) or f"docs/{page.file.src_path}"
        raise PluginError(f"{where}:{error.line}: {error.message}") from None
    env.markdown = rendered.rstrip("\n") + "\n\n" + state.abbreviations + "\n"
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
    from macros.glossary_links import GlossaryExtension, TermMatcher

    def page_path(md) -> str | None:  # MkDocs' own link processor knows the page being rendered
        relpath = md.treeprocessors["relpath"] if "relpath" in md.treeprocessors else None
        return relpath.file.src_uri if relpath is not None else None

    titles = abbreviation_titles(book)
    config.markdown_extensions.append(GlossaryExtension(TermMatcher(book.terms), titles, page_path))


# --- Facility folder: site settings, facility pages and logo ----------------------------


def _apply_facility(conf, book, folder: FacilityFolder, project: Path) -> None:
    """Put the facility profile into the MkDocs config, and register the facility's files."""
    profile = book.facility
    # `mkdocs serve` sets an http:// dev address first; profile URLs are always https://.
    if profile.site_url and not (conf.get("site_url") or "").startswith("http://"):
        conf["site_url"] = profile.site_url.rstrip("/") + "/"
    logo = None
    if profile.logo:
        logo = (folder.root / profile.logo, f"{LOGO_DIR}/{Path(profile.logo).name}")
        conf["theme"]["logo"] = logo[1]
        conf["theme"]["favicon"] = logo[1]
    pages = [(path, folder.page_uri(path)) for path in folder.pages]
    if pages and conf.get("nav"):
        conf["nav"].insert(1, {FACILITY_NAV_TITLE: [uri for _, uri in pages]})  # right after Home
    watch = str(folder.root)
    if watch not in map(str, conf["watch"]):
        conf["watch"].append(watch)
    conf["plugins"]["bht-facility-files"] = _FacilityFiles(pages, logo, project)


class _FacilityFiles:
    """An on_files event that adds facility pages and the logo to the site's files.

    Registered on the plugin collection from define_env (as MkDocs does for `hooks:`),
    because this module cannot itself be a hooks file: MkDocs would try to register
    on_pre_page_macros as an event.
    """

    def __init__(self, pages: list[tuple[Path, str]], logo: tuple[Path, str] | None, project: Path):
        self.pages, self.logo, self.project = pages, logo, project

    def on_files(self, files, config):
        from mkdocs.exceptions import PluginError
        from mkdocs.structure.files import File

        for path, uri in self.pages + ([self.logo] if self.logo else []):
            if files.get_file_from_path(uri) is not None:
                raise PluginError(f"docs/{uri} clashes with the facility file {self._label(path)}; rename one of them")
            file = File.generated(config, uri, abs_src_path=str(path))
            file.bht_source = self._label(path)  # for error messages that name the real file
            files.append(file)
        return files

    def _label(self, path: Path) -> str:
        return relative_label(path, self.project)


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
        reviews = review.collect(Path(env.conf["docs_dir"]), state.today, state.facility_pages)
    except review.ReviewError as error:
        raise PluginError(str(error)) from None
    state.reviews = {r.src_path: r for r in reviews}
    repo = repo_links.repo_url(state.book.facility, state.upstream_repo)
    env.conf["repo_url"] = repo  # overrides/partials/source.html shows it as a plain link
    env.conf["repo_name"] = repo.split("://", 1)[-1].split("/", 1)[-1] if repo else None
    if not repo:
        env.conf["edit_uri"] = None  # MkDocs would warn about an edit path with no repository

    def run_example(call: str) -> str:
        return render_page(state.sandbox, "{{ " + call + " }}", state.names)

    registry_contrib.build_contrib_macros(state.macros, reviews, state.today, state.links.href, run_example)


def _page_review_and_links(state, page) -> None:
    """Values for overrides/partials/bht-page-footer.html: the review line and the two links."""
    src = page.file.src_path.replace(os.sep, "/")
    found = state.reviews.get(src)
    page.meta["bht_review"] = render_review.page_facts(found, state.today) if found else None
    title = page.title or (found.title if found else src)
    file = getattr(page.file, "bht_source", None)  # a facility page: its real file, not docs/
    page.meta["bht_links"] = repo_links.page_links(state.book.facility, src, title, page.canonical_url, state.upstream_repo, file)
