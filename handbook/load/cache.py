"""A cache of loaded handbooks, keyed by the content of everything a load reads.

Loading re-reads, validates and cross-checks every record on every build, preview
reload and command. When nothing it reads has changed (the data files, the profile, the
overlays, the site's pages, the day, and the loader's own code), the result is the same,
so it is kept: in memory for the rest of the process, and on disk for the next one.

Only loads that passed every check are stored, so a problem is always found and
reported by the full load. The disk copy is JSON, never pickle: it goes back through
the same pydantic model as fresh data, so a damaged or edited cache file cannot run
code; one that no longer validates is ignored and rewritten.

``BHT_CACHE=off`` turns it off; ``BHT_CACHE_DIR`` moves it (default: the user's cache
folder, ``$XDG_CACHE_HOME/bht-handbook`` or ``~/.cache/bht-handbook``).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections import OrderedDict
from functools import cache
from pathlib import Path

import pydantic
from pydantic import ValidationError

from handbook.model.handbook import Handbook

CACHE_ENV, CACHE_DIR_ENV = "BHT_CACHE", "BHT_CACHE_DIR"
FORMAT = "1"  # bump when the stored layout changes
KEEP_ON_DISK = 24  # loads kept: a few editions, days and branches; the oldest go first
KEEP_IN_MEMORY = 8
IdMaps = dict[str, dict[str, tuple[str, ...]]]

_memory: OrderedDict[str, Handbook] = OrderedDict()


def enabled() -> bool:
    return os.environ.get(CACHE_ENV, "").lower() not in ("off", "0", "false", "no")


def folder() -> Path:
    chosen = os.environ.get(CACHE_DIR_ENV)
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "bht-handbook"


@cache
def _code_fingerprint() -> str:
    """The loader's own code: a change to the model, the rules or the loader is a new key."""
    digest = hashlib.sha256(f"{FORMAT} {sys.version_info[:2]} {pydantic.VERSION}".encode())
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def key(parts: list[tuple[str, str]]) -> str:
    """A key from (name, content) pairs: every input of one load, in a fixed order."""
    digest = hashlib.sha256(_code_fingerprint().encode())
    for name, content in parts:
        encoded = content.encode("utf-8", "surrogatepass")
        digest.update(f"{name}\0{len(encoded)}\0".encode() + encoded)
    return digest.hexdigest()


def get(cache_key: str) -> tuple[Handbook, IdMaps] | Handbook | None:
    """The resolved handbook kept in memory, else the validated (unresolved) one and its id
    maps from disk, else None."""
    if not enabled():
        return None
    if cache_key in _memory:
        _memory.move_to_end(cache_key)
        return _memory[cache_key]
    path = folder() / f"{cache_key}.json"
    try:
        with path.open(encoding="utf-8") as stored:
            maps = {name: {old: tuple(new) for old, new in moves.items()} for name, moves in json.loads(stored.readline()).items()}
            book = Handbook.model_validate_json(stored.read())
    except (OSError, ValueError, ValidationError, AttributeError):
        return None  # missing, unreadable or from an older model: load afresh
    return book, maps


def put_disk(cache_key: str, book: Handbook, maps: IdMaps) -> None:
    """Store a validated handbook (before any id map is applied) for the next process."""
    if not enabled():
        return
    where = folder()
    try:
        where.mkdir(parents=True, exist_ok=True)
        temporary = where / f"{cache_key}.{os.getpid()}.tmp"
        temporary.write_text(json.dumps(maps) + "\n" + book.model_dump_json(by_alias=True), encoding="utf-8")
        os.replace(temporary, where / f"{cache_key}.json")  # readers never see half a file
        stored = sorted(where.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in stored[KEEP_ON_DISK:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home or a full disk: the cache is only a speed-up


def put_memory(cache_key: str, book: Handbook) -> None:
    if not enabled():
        return
    _memory[cache_key] = book
    while len(_memory) > KEEP_IN_MEMORY:
        _memory.popitem(last=False)


def clear_memory() -> None:
    _memory.clear()
