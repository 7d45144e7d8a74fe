"""MkDocs hooks file (mkdocs.yml ``hooks:``): the events live in macros/mkdocs_site.py.

MkDocs puts only this file's folder on the import path; the project folder is added so
that ``macros`` and ``handbook`` import the same way as under the macros plugin.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros.mkdocs_site import (  # noqa: E402
    on_build_error,
    on_config,
    on_files,
    on_post_build,
    on_serve,
    on_startup,
)

__all__ = ["on_build_error", "on_config", "on_files", "on_post_build", "on_serve", "on_startup"]
