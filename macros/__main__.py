"""Command line: ``python -m macros check`` (and more subcommands as they land).

Runs without MkDocs. Exit status: 0 when all is well, 1 when the data or the check
found problems, 2 for a usage error. Problems print one per line, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from macros import contrib_cli
from macros.load import HandbookDataError, load_handbook

PROJECT = Path(__file__).resolve().parent.parent


def _load(args: argparse.Namespace):
    from macros import facility_dir

    chosen = Path(args.facility) if args.facility else facility_dir(PROJECT)
    profile = chosen / "profile.yml" if chosen else None
    return load_handbook(Path(args.data), profile=profile, root=PROJECT)


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


COMMANDS = {"check": (cmd_check, "validate data/ and print what was loaded")}
# (function, help[, add_arguments]): the optional third item adds the subcommand's own options.
COMMANDS.update(contrib_cli.COMMANDS)  # schema, review, language


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description="BHT Handbook data tools")
    parser.add_argument("--data", default=str(PROJECT / "data"), help="data folder (default: data/)")
    parser.add_argument("--facility", help="facility folder with profile.yml (default: $BHT_FACILITY or facility/)")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (_, help_text, *add_arguments) in COMMANDS.items():
        command = sub.add_parser(name, help=help_text)
        for add in add_arguments:
            add(command)
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command][0](args)
    except HandbookDataError as error:
        print(error, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
