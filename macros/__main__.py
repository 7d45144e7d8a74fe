"""Command line: ``python -m macros check`` (and more subcommands as they land).

Runs without MkDocs. Exit status: 0 when all is well, 1 when the data or the check
found problems, 2 for a usage error. Problems print one per line, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from macros import contrib_cli
from macros.load import HandbookDataError

PROJECT = Path(__file__).resolve().parent.parent


def _load(args: argparse.Namespace):
    from macros.edition import facility_dir, load_edition

    chosen = Path(args.facility) if args.facility else facility_dir(PROJECT)
    # The same loading as the site build; a data-only checkout has no docs/ to check links against.
    return load_edition(PROJECT, chosen, PROJECT / "docs", Path(args.data))


def cmd_check(args: argparse.Namespace) -> int:
    book = _load(args)
    counts = {
        "levels": len(book.levels),
        "adjacent roles": len(book.adjacent_roles),
        "domains": len(book.domains),
        "responsibilities": len(book.responsibilities),
        "skills": len(book.skills),
        "matrix rows": len(book.matrix),
        "paths": len(book.paths),
        "certifications": len(book.certifications),
        "settings": len(book.settings),
        "interventions": len(book.interventions),
        "observation levels": len(book.observation_levels),
        "glossary terms": len(book.terms),
        "sources": len(book.sources),
        "labor figures": len(book.labor),
        "voices": len(book.voices),
        "onboarding phases": len(book.phases),
        "competencies": sum(len(p.competencies) for p in book.phases),
    }
    summary = ", ".join(f"{n} {name}" for name, n in counts.items())
    print(f"OK: {book.facility.name} ({book.facility.edition} edition): {summary}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from macros.export import write_files

    written = write_files(_load(args), Path(args.out))
    print(f"Wrote {len(written)} files to {args.out}: {', '.join(p.name for p in written)}")
    return 0


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", default="dist/downloads", help="folder to write into (default: dist/downloads)")


# name -> (function, help, optional function adding the subcommand's own arguments)
COMMANDS = {
    "check": (cmd_check, "validate data/ and print what was loaded"),
    "export": (cmd_export, "write the data downloads (JSON and CSV) for HR and learning systems", _export_arguments),
}
COMMANDS.update(contrib_cli.COMMANDS)  # schema, review, language


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description="BHT Handbook data tools")
    parser.add_argument("--data", default=str(PROJECT / "data"), help="data folder (default: data/)")
    parser.add_argument("--facility", help="facility folder with profile.yml and overlays/ (default: $BHT_FACILITY or facility/)")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (_, help_text, *arguments) in COMMANDS.items():
        command = sub.add_parser(name, help=help_text)
        for add_arguments in arguments:
            add_arguments(command)
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command][0](args)
    except HandbookDataError as error:
        print(error, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
