"""MkDocs glue: the one module that knows about MkDocs and mkdocs-macros.

It loads the handbook once per build, registers the macros, and renders each page
in the sandbox from ``templating.py`` instead of the plugin's own unsandboxed Jinja.
Everything else in this package is engine-free, so a move to Zensical touches
only this file. With a facility folder (see edition.py) it also applies the profile's
site and repository addresses and logo, and adds the facility's own pages to the site.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

from macros.edition import FACILITY_ENV, FacilityFolder, facility_dir, load_edition, load_standard  # noqa: F401
from macros.load import HandbookDataError
from macros.registry import build_macros, relative_md
from macros.render_reference import abbreviations
from macros.templating import PageError, freeze, make_environment, render_page

FACILITY_NAV_TITLE = "Your facility"
LOGO_DIR = "assets/facility"


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
    try:
        book = load_edition(project, chosen)
        standard = load_standard(project) if chosen else book
    except HandbookDataError as error:
        raise PluginError(str(error)) from None

    env.conf["site_name"] = book.facility.name
    env.conf["extra"]["bht_colors"] = book.facility.colors.model_dump()
    if chosen:
        _apply_facility(env.conf, book, FacilityFolder(chosen), project)
    links = _PageLinks()
    table = build_macros(book, links, standard)
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
        where = getattr(page.file, "bht_source", None) or f"docs/{page.file.src_path}"
        raise PluginError(f"{where}:{error.line}: {error.message}") from None
    env.markdown = rendered.rstrip("\n") + "\n\n" + abbreviations(state.book) + "\n"
    # The plugin renders after this hook; a page meta of render_macros: false makes it
    # hand our sandboxed result through untouched.
    env.variables["page"] = SimpleNamespace(meta={**page.meta, "render_macros": False}, title=page.title)


def _page_view(page) -> object:
    return freeze({"title": page.title or "", "meta": dict(page.meta), "src_path": page.file.src_path})


# --- Facility folder: site settings, facility pages and logo ----------------------------


def _apply_facility(conf, book, folder: FacilityFolder, project: Path) -> None:
    """Put the facility profile into the MkDocs config, and register the facility's files."""
    profile = book.facility
    # `mkdocs serve` sets an http:// dev address first; profile URLs are always https://.
    if profile.site_url and not (conf.get("site_url") or "").startswith("http://"):
        conf["site_url"] = profile.site_url.rstrip("/") + "/"
    if profile.repo_url:
        conf["repo_url"] = profile.repo_url
        host = urlsplit(profile.repo_url).hostname or ""
        conf["repo_name"] = conf.get("repo_name") or urlsplit(profile.repo_url).path.strip("/") or host
        if not conf.get("edit_uri") and host in ("github.com", "gitlab.com"):
            conf["edit_uri"] = "edit/main/docs/"
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
            if uri.endswith(".md"):  # edit links point at the facility's own file, or nowhere
                file.edit_uri = None if Path(file.bht_source).is_absolute() else "../" + file.bht_source
            files.append(file)
        return files

    def _label(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.project.resolve()).as_posix()
        except ValueError:
            return path.as_posix()
