"""The site configuration (mkdocs.yml) as plain data: the nav, and values adapters need.

Both engines read mkdocs.yml; the core reads it only as data (the nav a facility may
hide sections of, the docs folder), never through an engine.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

CONFIG_FILE = "mkdocs.yml"


class _ConfigLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]  # C parser when built with libyaml
    """mkdocs.yml as plain data: ``!ENV [NAME, default]`` reads the environment, as MkDocs does."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]  # type: ignore[arg-type]
    names, default = (values[:-1], values[-1]) if len(values) > 1 else (values, None)
    for name in names:
        if str(name) in os.environ:
            return yaml.safe_load(os.environ[str(name)])
    return default


_ConfigLoader.add_constructor("!ENV", _env_tag)


def read_site_config(path: Path) -> dict[str, Any]:
    """The site configuration (mkdocs.yml) as plain data, for adapters that need its values."""
    loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 - a SafeLoader subclass
    return loaded if isinstance(loaded, dict) else {}


def nav_sections(nav: list[Any]) -> dict[str, list[str]]:
    """Each top-level nav section's title and the pages under it (nested sections included)."""

    def pages(items: list[Any]) -> list[str]:
        found: list[str] = []
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                found += pages(value)
            elif isinstance(value, str) and value.endswith(".md"):
                found.append(value)
        return found

    return {title: pages(value) for item in nav if isinstance(item, dict) for title, value in item.items() if isinstance(value, list)}
