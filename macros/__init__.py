"""The glue that mkdocs.yml names (the macros plugin's ``module_name: macros``).

Pages keep mkdocs-macros syntax, but the plugin never renders them: its Jinja is not
sandboxed, so ``define_env`` insists on ``render_by_default: false`` and each page is
rendered by ``on_pre_page_macros`` in the handbook's own sandbox (macros/pages.py).
The rest of the MkDocs work is in macros/mkdocs_site.py (named by ``hooks:``), the
Zensical adapter is macros/zensical.py, and everything engine-free is in handbook/.
"""

from __future__ import annotations

from typing import Any

ZENSICAL_MESSAGE = (
    "Zensical's own macros support renders pages outside the handbook's sandbox, so this "
    "handbook does not build with a plain `zensical build`. Run `make build ENGINE=zensical` "
    "(python -m macros.zensical_site build), which keeps every page in the sandbox."
)


def define_env(env: Any) -> None:
    if type(env).__module__.startswith("zensical"):
        raise RuntimeError(ZENSICAL_MESSAGE)
    from macros.mkdocs_site import check_plugin

    check_plugin(env)


def on_pre_page_macros(env: Any) -> None:
    from macros.mkdocs_site import render_page

    render_page(env)
