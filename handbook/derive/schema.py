"""JSON Schema for every data file, generated from the typed model.

Editors read these (through the ``# yaml-language-server: $schema=...`` line at the
top of each data file and ``.vscode/settings.json``) to offer autocompletion, hover
help from the field descriptions, and a red squiggle under a typo'd field before
anyone runs a build. The loader stays the final judge: cross-reference rules
(ids that must exist) are not expressible here.

``python -m handbook schema`` writes the files; ``--check`` fails on drift. Engine-free.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel, create_model
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from handbook.load.overlay import overlay_model
from handbook.model.collections import data_files
from handbook.model.fields import Record
from handbook.model.handbook import Handbook
from handbook.model.profile import Facility

SCHEMA_DIR = "schema"
VSCODE_SETTINGS = ".vscode/settings.json"
FIX_COMMAND = "make schema"  # runs python -m handbook schema
DIALECT = "https://json-schema.org/draft/2020-12/schema"


class Target(NamedTuple):
    """One schema file: the model it comes from, its name, and the files it describes."""

    model: type[BaseModel]
    name: str  # written to schema/<name>.schema.json
    files: tuple[str, ...] = ()  # globs relative to the project; default data/<name>.yml

    @property
    def path(self) -> str:
        return f"{SCHEMA_DIR}/{self.name}.schema.json"

    @property
    def globs(self) -> tuple[str, ...]:
        return self.files or (f"data/{self.name}.yml",)


def file_model(file_name: str) -> type[BaseModel]:
    """A model for one data file: exactly the Handbook fields that file holds."""
    stem = Path(file_name).stem
    keys = data_files()[file_name]
    # Any: create_model takes the fields as **kwargs, and mypy checks a typed dict against its other keywords (__base__, ...).
    fields: dict[str, Any] = {key: (Handbook.model_fields[key].annotation, Handbook.model_fields[key]) for key in keys}
    model = create_model(f"{stem.title().replace('-', '')}File", __base__=Record, **fields)
    model.__doc__ = f"data/{file_name}: {', '.join(keys)}."
    return model


# One line per schema. A data file named in the collection table gets a schema automatically;
# any other YAML file with a model (a facility overlay, say) needs one line here.
TARGETS: list[Target] = [Target(file_model(name), Path(name).stem) for name in data_files()] + [
    Target(Facility, "facility", ("data/facility.yml", "facility/profile.yml")),
    Target(overlay_model(), "overlay", ("facility/overlays/*.yml",)),
]


class _EditorFriendlySchema(GenerateJsonSchema):
    """Pydantic's schema, adjusted to how editors see YAML mappings (keys are strings)."""

    def dict_schema(self, schema: core_schema.DictSchema) -> JsonSchemaValue:
        out = super().dict_schema(schema)
        keys = schema.get("keys_schema") or {}
        if keys.get("type") == "int":  # YAML `1: text` reaches an editor as the key "1"
            low, high = keys.get("ge"), keys.get("le")
            single_digits = low is not None and high is not None and 0 <= low <= high <= 9
            out["propertyNames"] = {"pattern": f"^[{low}-{high}]$" if single_digits else "^[0-9]+$"}
        if "patternProperties" in out and "additionalProperties" not in out:
            out["additionalProperties"] = False  # a key that misses the id pattern is an error
        return out


def generate(target: Target) -> JsonSchemaValue:
    schema = target.model.model_json_schema(by_alias=True, schema_generator=_EditorFriendlySchema)
    head = {
        "$schema": DIALECT,
        "$comment": f"Generated from handbook/model/ by `{FIX_COMMAND}`. Do not edit by hand.",
        "title": f"BHT Handbook: {' or '.join(target.globs)}",
    }
    return {**head, **{k: v for k, v in schema.items() if k != "title"}}


def render(target: Target) -> str:
    return json.dumps(generate(target), indent=2, ensure_ascii=False) + "\n"


def vscode_settings(existing: dict[str, Any]) -> dict[str, Any]:
    """``existing`` settings with ``yaml.schemas`` mapping each schema to its files."""
    mapping = {f"./{t.path}": list(t.globs) for t in TARGETS}
    return {**existing, "yaml.schemas": mapping}


def expected_files(root: Path) -> dict[str, str]:
    """Every generated file's path (relative to ``root``) and its expected text."""
    files = {t.path: render(t) for t in TARGETS}
    settings_path = root / VSCODE_SETTINGS
    existing = json.loads(settings_path.read_text(encoding="utf-8")) if settings_path.is_file() else {}
    files[VSCODE_SETTINGS] = json.dumps(vscode_settings(existing), indent=2) + "\n"
    return files


def drift(root: Path) -> list[str]:
    """One line per generated file that is missing, out of date, or no longer generated."""
    expected = expected_files(root)
    problems = []
    for rel, text in expected.items():
        path = root / rel
        if not path.is_file():
            problems.append(f"{rel}: missing")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"{rel}: out of date with handbook/model/")
    for path in sorted((root / SCHEMA_DIR).glob("*.schema.json")):
        rel = path.relative_to(root).as_posix()
        if rel not in expected:
            problems.append(f"{rel}: no model generates this file any more")
    return problems


def write(root: Path) -> list[str]:
    """Write every generated file; remove stale schemas. Returns the paths changed."""
    changed = []
    for rel, text in expected_files(root).items():
        path = root / rel
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed.append(rel)
    wanted = {t.path for t in TARGETS}
    for path in sorted((root / SCHEMA_DIR).glob("*.schema.json")):
        if path.relative_to(root).as_posix() not in wanted:
            path.unlink()
            changed.append(f"{path.relative_to(root).as_posix()} (removed)")
    return changed
