"""Serving a built site and looking at its pages in Chromium.

Engine-free helpers shared by the browser tests and the benchmark: a quiet local HTTP
server on a free port, the Chromium launch (the system browser; nothing is downloaded)
and axe-core from the pinned PyPI package axe-playwright-python, injected by hand.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import importlib.util
import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = os.environ.get("BHT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@dataclass(frozen=True)
class Variant:
    """One way a reader sees the site: a color scheme at a screen width."""

    scheme: str  # "light" or "dark", as the browser reports prefers-color-scheme
    width: int
    height: int

    @property
    def name(self) -> str:
        return f"{self.scheme}-{'phone' if self.width < 600 else 'desktop'}"

    @property
    def material_scheme(self) -> str:
        return "slate" if self.scheme == "dark" else "default"

    def context_options(self) -> dict:
        phone = self.width < 600
        return {
            "color_scheme": self.scheme,
            "viewport": {"width": self.width, "height": self.height},
            "is_mobile": phone,
            "has_touch": phone,
            "reduced_motion": "reduce",
            "service_workers": "block",
        }


VARIANTS = (
    Variant("light", 360, 740),
    Variant("dark", 360, 740),
    Variant("light", 1280, 800),
    Variant("dark", 1280, 800),
)


def why_no_browser() -> str | None:
    """None when the browser tests can run; otherwise the reason they cannot."""
    if importlib.util.find_spec("playwright") is None:
        return "Playwright for Python is not installed (run `make test`, which installs requirements-dev.txt)"
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return f"no Chromium at {CHROMIUM}: install it with `sudo apt-get install chromium` (these tests never download a browser)"
    return None


def axe_source() -> str:
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("axe-playwright-python is not installed; it ships the axe-core script the tests inject")
    return (Path(list(spec.submodule_search_locations)[0]) / "axe.min.js").read_text(encoding="utf-8")


# Runs in the page after axe.min.js: violations only, each with where and why.
# Pass WCAG (every rule with our tags) or {"type": "rule", "values": [...]}.
_AXE_BODY = """{
  // Let the theme's resize observers finish (they make overflowing code blocks focusable).
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  const result = await axe.run(CONTEXT, {runOnly: only, resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 300)})),
  }));
}"""
AXE_RUN = "async (only) => " + _AXE_BODY.replace("CONTEXT", "document")
# The same without the parts matched by a list of CSS selectors: evaluate with [selectors, only].
# (axe's page-level rules, such as bypass, run only on a whole document: AXE_RUN.)
AXE_RUN_EXCLUDING = "async ([exclude, only]) => " + _AXE_BODY.replace(
    "CONTEXT", "{include: [['html']], exclude: exclude.map(selector => [selector])}"
)
WCAG = {"type": "tag", "values": AXE_TAGS}


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass


class _GzipHandler(_QuietHandler):
    """Serves ``name.gz`` (made by ``gzip_site``) with Content-Encoding when the client accepts it."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        compressed = path.with_name(path.name + ".gz")
        if "gzip" in self.headers.get("Accept-Encoding", "") and compressed.is_file():
            body = compressed.open("rb")
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(compressed.stat().st_size))
            self.send_header("Cache-Control", "max-age=3600")
            self.end_headers()
            return body
        return super().send_head()


class LocalServer:
    """A built site on http://127.0.0.1:<free port>/, in a background thread."""

    def __init__(self, root: Path, *, gzip_encoding: bool = False):
        handler = _GzipHandler if gzip_encoding else _QuietHandler
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_port}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> LocalServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def gzip_site(site: Path) -> None:
    """Write ``x.gz`` beside every text file, as a static host with gzip would serve them."""
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}:
            with path.open("rb") as src, gzip.open(path.with_name(path.name + ".gz"), "wb", compresslevel=6) as dst:
                shutil.copyfileobj(src, dst)


def page_paths(site: Path) -> list[str]:
    """Every built HTML page, as a URL path relative to the site root (directory URLs kept)."""
    paths = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        paths.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return paths
