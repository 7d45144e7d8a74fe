"""Command line: ``python -m handbook check|export|schema|review|language``.

Runs without any site engine. Exit status: 0 when all is well, 1 when the data or the
check found problems, 2 for a usage error. Problems print one per line, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from handbook.cli import contrib
from handbook.load.edition import Edition, facility_dir, load_edition
from handbook.load.loader import HandbookDataError
from handbook.model import collections

PROJECT = Path(__file__).resolve().parent.parent.parent


def load(args: argparse.Namespace) -> Edition:
    """The edition as the site build loads it (data/ + the facility folder in use)."""
    chosen = Path(args.facility) if args.facility else facility_dir(PROJECT)
    return load_edition(PROJECT, chosen, PROJECT / "docs", Path(args.data))


def cmd_check(args: argparse.Namespace) -> int:
    book = load(args).book
    counts = [(c.plural, len(book.records(c.name))) for c in collections.table() if not c.single]
    summary = ", ".join(f"{n} {name}" for name, n in counts)
    print(f"OK: {book.facility.name} ({book.facility.edition} edition): {summary}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from handbook.derive.export import write_files

    written = write_files(load(args).book, Path(args.out))
    print(f"Wrote {len(written)} files to {args.out}: {', '.join(p.name for p in written)}")
    return 0


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", default="dist/downloads", help="folder to write into (default: dist/downloads)")


Command = tuple[Callable[[argparse.Namespace], int], str, Callable[[argparse.ArgumentParser], None] | None]
COMMANDS: dict[str, Command] = {
    "check": (cmd_check, "validate data/ and print what was loaded", None),
    "export": (cmd_export, "write the data downloads (JSON and CSV) for HR and learning systems", _export_arguments),
    **contrib.COMMANDS,  # schema, review, language
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m handbook", description="BHT Handbook data tools")
    parser.add_argument("--data", default=str(PROJECT / "data"), help="data folder (default: data/)")
    parser.add_argument("--facility", help="facility folder with profile.yml and overlays/ (default: $BHT_FACILITY or facility/)")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (_, help_text, add_arguments) in COMMANDS.items():
        command = sub.add_parser(name, help=help_text)
        if add_arguments is not None:
            add_arguments(command)
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command][0](args)
    except HandbookDataError as error:
        print(error, file=sys.stderr)
        return 1
