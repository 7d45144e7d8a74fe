"""The MkDocs adapter: applies the site plan and runs each page through ``macros/pages.py``.

Events come from two documented entry points that mkdocs.yml names:

- the hooks file ``macros/mkdocs_hooks.py`` (MkDocs events): load the build, apply the
  facility's site settings, add the generated and facility files, keep a failed strict
  build from leaving pages behind, and watch the facility folder while serving;
- the macros plugin (``module_name: macros``): ``on_pre_page_macros`` renders each page
  in the handbook's sandbox. ``render_by_default: false`` keeps the plugin's own,
  unsandboxed Jinja from rendering anything.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from handbook.derive.glossary_terms import TermMatcher
from handbook.derive.linkcheck import broken_links
from macros.glossary_ext import GlossaryExtension
from macros.pages import Build, BuildProblem

LOG = logging.getLogger("mkdocs.plugins.bht")
DOWNLOADS_ENV = "BHT_EXTRA_DOWNLOADS"  # a folder holding the PDF and offline zip to ship in downloads/ (make publish)
OFFLINE_SHIM = "assets/javascripts/vendor/iframe-worker-shim.js"


class _State:
    build: Build | None = None
    command: str = "build"
    site_dir: str | None = None  # the real output folder while a strict build writes elsewhere
    warnings: _Counter | None = None


STATE = _State()


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def current() -> Build:
    if STATE.build is None:
        raise PluginError("mkdocs.yml must list `hooks: [macros/mkdocs_hooks.py]`: the handbook loads its data there")
    return STATE.build


# --- Hooks (macros/mkdocs_hooks.py re-exports these) ------------------------------------


def on_startup(command: str, dirty: bool) -> None:
    STATE.command = command


@event_priority(100)  # before Material's offline plugin reads the polyfills, and before search
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    project = Path(config.config_file_path).parent
    extra = os.environ.get(DOWNLOADS_ENV)
    try:
        build = Build.load(
            project,
            Path(config.docs_dir),
            upstream_repo=config.repo_url,
            directory_urls=config.use_directory_urls,
            extra_downloads=Path(extra) if extra else None,
        )
    except BuildProblem as error:
        raise PluginError(_message(error.lines)) from None
    STATE.build = build
    _apply_site(config, build)
    if _prepare_offline(config):
        build.links.directory_urls = False  # Material's offline plugin turns directory URLs off after this event
    glossary = build.glossary_data()
    config.markdown_extensions.append(GlossaryExtension(TermMatcher(glossary["entries"]), glossary["titles"]))  # type: ignore[arg-type]
    _stage_strict_output(config)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """The site plan's files: data downloads, the PDF and zip when given, facility pages, the
    logo; upstream pages the edition hides are left out, and replaced ones come from the facility."""
    site = current().site
    for uri in [*site.hidden, *(page.uri for page in site.replaced)]:
        found = files.get_file_from_path(uri)
        if found is not None:
            files.remove(found)
    for page in site.replaced:
        files.append(File.generated(config, page.uri, abs_src_path=str(page.path)))
    for planned in site.files:
        if files.get_file_from_path(planned.uri) is not None:
            raise PluginError(f"docs/{planned.uri} clashes with the facility file {planned.label}; rename one of them")
        if planned.content is not None:
            files.append(File.generated(config, planned.uri, content=planned.content))
        else:
            files.append(File.generated(config, planned.uri, abs_src_path=str(planned.source)))
    return files


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    for folder in current().site.watch:
        server.watch(str(folder))
    return server


def on_post_build(config: MkDocsConfig) -> None:
    """A strict build checks the links inside the finished pages (MkDocs checks only those it
    sees in Markdown, not those in the macros' raw HTML), then moves into place only when
    nothing went wrong."""
    if STATE.site_dir is None or STATE.warnings is None:
        return
    for problem in broken_links(Path(config.site_dir)):
        LOG.warning("Broken link in %s", problem)
    failed = STATE.warnings.count > 0  # MkDocs aborts right after this event when strict
    _finish_strict_output(config, keep=not failed)


def on_build_error(error: Exception) -> None:
    if STATE.site_dir is not None:
        _finish_strict_output(None, keep=False)


# --- The macros plugin (macros/__init__.py) ----------------------------------------------


THEME_PRINTED_META = ("title", "description", "subtitle")


def render_page(env: Any) -> None:
    """on_pre_page_macros: the page rendered in the sandbox, with its review line and links."""
    page = env.page
    source = page.file.content_string
    offset = source[: len(source) - len(env.markdown)].count("\n") if source.endswith(env.markdown) else 0
    try:
        prepared = current().prepare(page.file.src_uri, env.markdown, page.meta, page.title, offset)
    except BuildProblem as error:
        raise PluginError(_message(error.lines)) from None
    env.markdown = prepared.markdown
    page.meta.update(prepared.meta)
    # Material prints these front matter values as they are (the nav, <title>, the
    # description <meta>); a page's front matter is text, so escape it here, as Markup so
    # the theme's own `| e` does not escape it twice. Zensical's templates escape them.
    for key in THEME_PRINTED_META:
        if isinstance(page.meta.get(key), str):
            page.meta[key] = Markup.escape(page.meta[key])
    # Search tags (front matter and glossary terms from data) go into the search index,
    # and Material's search results add them to the page as HTML.
    if isinstance(page.meta.get("tags"), list):
        page.meta["tags"] = [Markup.escape(tag) if isinstance(tag, str) else tag for tag in page.meta["tags"]]


def check_plugin(env: Any) -> None:
    """define_env: the plugin must never render a page itself (its Jinja is not sandboxed)."""
    settings = env.config
    wrong = []
    if settings.get("render_by_default") is not False:
        wrong.append("render_by_default: false")
    for option in ("force_render_paths", "include_yaml", "modules", "j2_extensions"):
        if settings.get(option):
            wrong.append(f"no {option}")
    if wrong:
        raise PluginError("mkdocs.yml: the macros plugin must leave rendering to the handbook's sandbox; set " + ", ".join(wrong))


# --- Helpers --------------------------------------------------------------------------------


def _message(lines: list[str]) -> str:
    count = len(lines)
    return f"{count} problem{'s' if count != 1 else ''}:\n" + "\n".join(lines)


def _apply_site(config: MkDocsConfig, build: Build) -> None:
    site = build.site
    # The theme prints site_name without escaping; the name is data, so escape it here
    # (as Markup, so the theme's own `| e` does not escape it twice).
    config.site_name = Markup.escape(site.site_name)
    config.extra["bht_colors"] = site.colors
    # `mkdocs serve` sets an http:// dev address first; profile URLs are always https://.
    if site.site_url and not (config.site_url or "").startswith("http://"):
        config.site_url = site.site_url
    if site.logo:
        config.theme["logo"] = site.logo
        config.theme["favicon"] = site.logo
    if site.repo is not None:
        config.repo_url, config.repo_name = site.repo.url, site.repo.name  # overrides/partials/source.html shows it
    else:
        config.repo_url = config.repo_name = None
        config.edit_uri = None  # MkDocs would warn about an edit path with no repository
    if config.nav:
        config.nav = site.nav(config.nav)
    for folder in site.watch:
        if str(folder) not in map(str, config.watch):
            config.watch.append(str(folder))


def _prepare_offline(config: MkDocsConfig) -> bool:
    """Offline copy (BHT_OFFLINE=true): no CDN, and no feature that needs fetch().

    Material's offline plugin adds the iframe-worker shim from a CDN unless a polyfill
    named iframe-worker is listed already; this runs first (event priority 100), so the
    copy served from overrides/ is used. Instant loading fetches pages, which browsers
    refuse on file://, so it is switched off."""
    offline = config.plugins.get("material/offline")
    if offline is None or not offline.config.enabled:
        return False
    config.extra["polyfills"] = [*config.extra.get("polyfills", []), OFFLINE_SHIM]
    features = config.theme["features"]
    features[:] = [f for f in features if not f.startswith("navigation.instant")]
    return True


def _stage_strict_output(config: MkDocsConfig) -> None:
    """A strict build writes into ``<site_dir>.partial`` and moves in only when it passes.

    MkDocs writes every page before it counts warnings (and checks anchors after writing),
    so without this a failed strict build would leave a whole site behind."""
    STATE.site_dir = None
    if not config.strict or STATE.command not in ("build", "gh-deploy"):
        return
    STATE.site_dir = config.site_dir
    config.site_dir = config.site_dir.rstrip("/\\") + ".partial"
    STATE.warnings = _Counter()
    logging.getLogger("mkdocs").addHandler(STATE.warnings)


def _finish_strict_output(config: MkDocsConfig | None, keep: bool) -> None:
    real, side = STATE.site_dir, (config.site_dir if config is not None else (STATE.site_dir or "") + ".partial")
    assert real is not None
    if STATE.warnings is not None:
        logging.getLogger("mkdocs").removeHandler(STATE.warnings)
    _empty(Path(real))
    if keep:
        for item in Path(side).iterdir():
            shutil.move(str(item), str(Path(real) / item.name))
    shutil.rmtree(side, ignore_errors=True)
    if config is not None:
        config.site_dir = real
    STATE.site_dir, STATE.warnings = None, None


def _empty(folder: Path) -> None:
    """Remove what a build wrote, as MkDocs does before a build (dot-files such as .git stay)."""
    folder.mkdir(parents=True, exist_ok=True)
    for item in folder.iterdir():
        if item.name.startswith("."):
            continue
        if item.is_dir() and not item.is_symlink():
            shutil.rmtree(item)
        else:
            item.unlink()
