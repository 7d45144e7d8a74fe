"""Subcommands for contributors: ``schema``, ``review`` and ``language``.

Registered in ``handbook/cli/main.py`` through ``commands()``. Each returns an exit
status: 0 when all is well, 1 when something needs fixing. Engine-free.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from handbook.derive import language, review, schema
from handbook.load.edition import facility_dir, load_edition
from handbook.render.review import status_text

if TYPE_CHECKING:  # main imports this module; the alias is only needed by the checker
    from handbook.cli.main import Command

PROJECT = Path(__file__).resolve().parent.parent.parent


def cmd_schema(args: argparse.Namespace) -> int:
    root = Path(args.root)
    if args.check:
        problems = schema.drift(root)
        if problems:
            print("The JSON Schema files do not match the model in handbook/model/:", file=sys.stderr)
            for line in problems:
                print(f"  {line}", file=sys.stderr)
            print(f"Run `{schema.FIX_COMMAND}` and commit the result.", file=sys.stderr)
            return 1
        print(f"OK: {len(schema.TARGETS)} schemas and {schema.VSCODE_SETTINGS} match the model.")
        return 0
    changed = schema.write(root)
    for rel in changed:
        print(f"wrote {rel}")
    print(f"{len(changed)} file(s) changed; {len(schema.TARGETS)} schemas in {schema.SCHEMA_DIR}/.")
    return 0


def _schema_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true", help="fail if the committed files differ from the model")
    parser.add_argument("--root", default=str(PROJECT), help=argparse.SUPPRESS)


def cmd_review(args: argparse.Namespace) -> int:
    today = args.today or date.today()
    chosen = Path(args.facility) if args.facility else facility_dir(PROJECT)
    edition = load_edition(PROJECT, chosen, Path(args.docs), Path(args.data), when=today, check_links=False)
    try:
        pages = review.collect(edition.pages, today, edition.book.facility.page_owners, edition.book.facility.page_owner_map)
    except review.ReviewError as error:
        print(error, file=sys.stderr)
        return 1
    labels = {page.uri: page.label for page in edition.pages}
    overdue = [p for p in review.ordered(pages, today) if p.status(today) == "overdue"]
    soon = [p for p in review.ordered(pages, today) if p.status(today) == "due-soon"]
    for page in overdue + soon:
        print(f"{labels[page.src_path]}: {status_text(page, today).lower()} (due {page.due}; owner: {page.owner})")
    print(f"{len(pages)} pages as of {today}: {len(overdue)} overdue, {len(soon)} due in the next {review.DUE_SOON_DAYS} days.")
    return 1 if args.strict and overdue else 0


def _review_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--strict", action="store_true", help="exit with status 1 when any page is overdue")
    parser.add_argument("--today", type=date.fromisoformat, help="check as of this date, YYYY-MM-DD (default: today)")
    parser.add_argument("--docs", default=str(PROJECT / "docs"), help="pages folder (default: docs/)")


def cmd_language(args: argparse.Namespace) -> int:
    try:
        findings = language.scan(Path(args.root))
    except language.AllowlistError as error:
        print(error, file=sys.stderr)
        return 1
    for finding in findings:
        print(finding, file=sys.stderr)
    if findings:
        print(
            f"{len(findings)} term(s) to replace. If a page quotes a term on purpose, list it in {language.ALLOW_FILE}.",
            file=sys.stderr,
        )
        return 1
    print("OK: no stigmatizing terms in docs/ or data/.")
    return 0


def _language_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", default=str(PROJECT), help="project folder (default: this project)")


COMMANDS: dict[str, Command] = {
    "schema": (cmd_schema, "write schema/*.schema.json from the model (--check: fail on drift)", _schema_arguments),
    "review": (cmd_review, "list pages whose review is overdue or due soon (--strict: fail if any is overdue)", _review_arguments),
    "language": (cmd_language, "flag stigmatizing terms in docs/ and data/, with what to say instead", _language_arguments),
}
