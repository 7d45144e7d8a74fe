"""The Zensical adapter: ``python -m macros.zensical_site build|serve``.

Zensical reads mkdocs.yml but has no ``hooks:``, and its own macros support renders
pages with an unsandboxed Jinja, so it must never see the handbook's page sources.
This adapter stages the site first, with documented Zensical inputs only: a docs folder
of finished Markdown (each page rendered in the sandbox by ``macros/pages.py``, exactly as
on MkDocs, with its review line and links in its front matter), the site plan's files,
and a generated config (mkdocs.yml with the profile applied, the ``macros`` plugin and
the hooks left out, and the glossary extension added). Zensical then builds the staged
project; links inside the finished pages are checked after the build (Zensical checks
only the links written in a page), and the site moves into place only when all is well.
``serve`` re-stages whatever changed in docs/, data/, the facility folder or the theme,
and Zensical's own preview reloads the browser.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import yaml

from handbook.derive.linkcheck import broken_links
from handbook.load.frontmatter import front_matter
from handbook.load.reader import FileProblem, read_text
from handbook.load.siteconfig import read_site_config
from handbook.load.yamlnodes import YamlProblem
from macros.pages import Build, BuildProblem

PROJECT = Path(__file__).resolve().parent.parent
STAGE = PROJECT / "build" / "zensical"
GLOSSARY_EXTENSION = "macros.glossary_ext"
WATCHED = ("docs", "data", "overrides", "handbook", "macros", "mkdocs.yml")
POLL_SECONDS = 0.1  # a stat of each watched file; an edit shows within a tenth of a second
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
THEME_PRINTED_META = ("title", "description", "subtitle")  # front matter the theme prints  # libyaml writes the staged front matter faster


class Staging:
    """Writes the staged project; only files whose content changed are written again."""

    def __init__(self, project: Path, stage: Path):
        self.project, self.stage = project, stage
        self.written: dict[Path, bytes] = {}

    def write(self, path: Path, content: bytes) -> None:
        if self.written.get(path) == content and path.is_file():
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_bytes() != content:
            path.write_bytes(content)
        self.written[path] = content

    def run(self) -> Build:
        """Stage the whole site; ``BuildProblem`` lists what stops it."""
        base = read_site_config(self.project / "mkdocs.yml")
        docs = self.project / base.get("docs_dir", "docs")
        # Zensical reads a relative address in raw HTML as relative to the page's source file.
        build = Build.load(
            self.project,
            docs,
            upstream_repo=base.get("repo_url"),
            directory_urls=base.get("use_directory_urls", True),
            links_from_source=True,
        )
        keep: set[Path] = set()
        glossary = self.stage / "glossary.json"
        glossary_data = build.glossary_data()
        glossary_json = json.dumps(glossary_data, sort_keys=True).encode()
        titles = _nav_titles(build.site.nav(base.get("nav") or []))
        problems: list[str] = []
        for page in build.edition.pages:
            try:
                staged = self._page(build, page.uri, page.path, page.label, titles.get(page.uri), glossary_data)
            except BuildProblem as error:
                problems.extend(error.lines)
                continue
            target = self.stage / "docs" / page.uri
            self.write(target, staged)
            keep.add(target)
        if problems:
            raise BuildProblem(problems)
        for item in sorted(docs.rglob("*")):  # images and other files next to the pages
            if item.is_file() and item.suffix != ".md":
                target = self.stage / "docs" / item.relative_to(docs)
                self.write(target, item.read_bytes())
                keep.add(target)
        for planned in build.site.files:
            if planned.uri.endswith(".md"):
                continue  # facility pages were staged as pages
            target = self.stage / "docs" / planned.uri
            self.write(target, planned.content if planned.content is not None else planned.source.read_bytes())  # type: ignore[union-attr]
            keep.add(target)
        for stale in [p for p in (self.stage / "docs").rglob("*") if p.is_file() and p not in keep]:
            stale.unlink()
            self.written.pop(stale, None)
        self._theme(base)
        self.write(glossary, glossary_json)
        self.write(self.stage / "mkdocs.yml", yaml.safe_dump(_config(base, build, glossary), sort_keys=False).encode())
        return build

    def _page(self, build: Build, uri: str, path: Path, label: str, nav_title: str | None, glossary: dict[str, Any]) -> bytes:
        try:
            text = read_text(path, label)
            front = front_matter(text)
        except FileProblem as error:
            raise BuildProblem([str(error)]) from None
        except YamlProblem as error:
            raise BuildProblem([f"{label}:{error.line}: {error.field}: {error.message}"]) from None
        meta = dict(front.meta) if isinstance(front.meta, dict) else {}
        title = meta.get("title") if isinstance(meta.get("title"), str) else nav_title
        prepared = build.prepare(uri, front.body, meta, title, front.offset)
        meta.update(prepared.meta)
        meta["bht_glossary"] = glossary_stamp(glossary, prepared.markdown)
        for key in THEME_PRINTED_META:
            if isinstance(meta.get(key), str):
                meta[key] = markup_neutral(meta[key])
        if isinstance(meta.get("tags"), list):  # they reach the search index, and search results
            meta["tags"] = [markup_neutral(tag) if isinstance(tag, str) else tag for tag in meta["tags"]]
        head = yaml.dump(meta, Dumper=DUMPER, sort_keys=False, allow_unicode=True)
        return f"---\n{head}---\n{prepared.markdown}".encode()

    def _theme(self, base: dict[str, Any]) -> None:
        custom = base.get("theme", {}).get("custom_dir")
        if not custom:
            return
        source = self.project / custom
        for item in sorted(source.rglob("*")):
            if item.is_file():
                self.write(self.stage / "overrides" / item.relative_to(source), item.read_bytes())


def markup_neutral(text: str) -> str:
    """Text that is safe in HTML whether or not a template escapes it.

    Zensical's templates print the site name and some front matter values escaped in one
    place and as they are in another (the header, the nav, an alt attribute). Writing
    < > and " as entities makes both safe; an escaping template then shows a hostile value
    as entity text, and ordinary names (with & or an apostrophe) are unchanged."""
    return text.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _nav_titles(nav: list[Any]) -> dict[str, str]:
    """Page -> the title the nav gives it, as MkDocs hands it to the page."""
    found: dict[str, str] = {}
    for item in nav:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    found[value] = title
                elif isinstance(value, list):
                    found.update(_nav_titles(value))
    return found


def glossary_stamp(glossary: dict[str, Any], markdown: str) -> str:
    """A stamp of the glossary entries that can change this page's conversion.

    The glossary extension links terms while Zensical converts a page, and Zensical keeps
    converted pages by their source. So each staged page carries a stamp of the entries
    whose names occur in it (any case, entities decoded: a superset of what the extension
    can match, plurals included). A glossary edit then re-converts the pages it can
    change, and only those: a new term is linked wherever it appears, and a preview
    rebuilds a handful of pages instead of the whole site."""
    text = markdown.casefold() + "\n" + html.unescape(markdown).casefold()
    entries = [(term_id, names) for term_id, names in glossary["entries"] if any(n.casefold() in text for n in names)]
    titles = {name: title for name, title in glossary["titles"].items() if name.casefold() in text}
    return hashlib.sha256(json.dumps([entries, titles], sort_keys=True).encode()).hexdigest()[:16]


def _config(base: dict[str, Any], build: Build, glossary: Path) -> dict[str, Any]:
    """mkdocs.yml with the site plan applied, for Zensical: no hooks, no macros plugin."""
    site = build.site
    config = {k: v for k, v in base.items() if k not in ("hooks", "watch", "edit_uri")}
    config["site_name"] = markup_neutral(site.site_name)
    config["docs_dir"], config["site_dir"] = "docs", "site"
    config["extra"] = {**(base.get("extra") or {}), "bht_colors": site.colors}
    if site.site_url:
        config["site_url"] = site.site_url
    if site.repo is not None:
        config["repo_url"], config["repo_name"] = site.repo.url, site.repo.name
    else:
        config.pop("repo_url", None)
        config.pop("repo_name", None)
    theme = dict(base.get("theme") or {})
    theme["variant"] = "classic"  # Material's look, as the MkDocs build has it
    if theme.get("custom_dir"):
        theme["custom_dir"] = "overrides"
    if site.logo:
        theme["logo"] = theme["favicon"] = site.logo
    config["theme"] = theme
    config["nav"] = site.nav(base.get("nav") or [])
    plugins = []
    for plugin in base.get("plugins") or []:
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        if name != "macros":  # pages arrive rendered; Zensical's macros would render them unsandboxed
            plugins.append(plugin)
    config["plugins"] = plugins
    config["markdown_extensions"] = [*(base.get("markdown_extensions") or []), {GLOSSARY_EXTENSION: {"data": str(glossary)}}]
    return config


def _zensical(stage: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "zensical", *args, "-f", str(stage / "mkdocs.yml")]


def _env() -> dict[str, str]:
    """Zensical's Python imports the glossary extension from this project."""
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": f"{PROJECT}{os.pathsep}{path}" if path else str(PROJECT)}


def _report(lines: list[str]) -> int:
    count = len(lines)
    print(f"{count} problem{'s' if count != 1 else ''}:", file=sys.stderr)
    for line in lines:
        print(line, file=sys.stderr)
    return 1


def build_site(site_dir: Path, stage: Path = STAGE) -> int:
    """Stage, build with Zensical, check links; ``site_dir`` changes only when all passed."""
    try:
        Staging(PROJECT, stage).run()
    except BuildProblem as error:
        return _report(error.lines)
    shutil.rmtree(stage / "site", ignore_errors=True)
    result = subprocess.run(_zensical(stage, "build", "--strict"), cwd=stage, env=_env(), capture_output=True, text=True)
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        print(output, file=sys.stderr)
        return _report([f"zensical build stopped (exit status {result.returncode}); its messages are above"])
    problems = broken_links(stage / "site")
    if problems:
        return _report([f"site/{line}" for line in problems])
    if site_dir.exists():
        shutil.rmtree(site_dir)
    shutil.move(str(stage / "site"), str(site_dir))
    print(f"Built with Zensical into {site_dir}")
    return 0


def _fingerprint(project: Path, extra: tuple[Path, ...]) -> tuple[tuple[str, float, int], ...]:
    found = []
    for root in [project / name for name in WATCHED] + list(extra):
        paths = [root] if root.is_file() else (sorted(root.rglob("*")) if root.is_dir() else [])
        for path in paths:
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                found.append((str(path), stat.st_mtime, stat.st_size))
    return tuple(found)


def serve(address: str, stage: Path = STAGE) -> int:
    """Stage, start Zensical's preview, and re-stage whenever a source changes."""
    staging = Staging(PROJECT, stage)
    try:
        build = staging.run()
    except BuildProblem as error:
        return _report(error.lines)
    watch = build.site.watch
    server = subprocess.Popen(_zensical(stage, "serve", "-a", address), cwd=stage, env=_env())
    seen = _fingerprint(PROJECT, watch)
    try:
        while server.poll() is None:
            time.sleep(POLL_SECONDS)
            now = _fingerprint(PROJECT, watch)
            if now == seen:
                continue
            seen = now
            try:
                watch = staging.run().site.watch
            except BuildProblem as error:  # keep serving the last good site; say what is wrong
                _report(error.lines)
    except KeyboardInterrupt:
        server.terminate()
    return server.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.zensical_site", description="Build or preview the handbook with Zensical")
    sub = parser.add_subparsers(dest="command", required=True)
    build_parser = sub.add_parser("build", help="build the site into --site-dir (default: site/)")
    build_parser.add_argument("--site-dir", default=str(PROJECT / "site"))
    serve_parser = sub.add_parser("serve", help="preview on --dev-addr, re-staging on every change")
    serve_parser.add_argument("--dev-addr", default="127.0.0.1:8000")
    for each in (build_parser, serve_parser):
        each.add_argument("--stage", default=str(STAGE), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.command == "build":
        return build_site(Path(args.site_dir).resolve(), Path(args.stage))
    return serve(args.dev_addr, Path(args.stage))


if __name__ == "__main__":
    sys.exit(main())
