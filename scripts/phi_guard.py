#!/usr/bin/env python3
"""Flag text that looks like protected health information (PHI) before it is published.

Usage: ``python scripts/phi_guard.py [PATH ...]`` (default: docs/ and data/). Prints one
``file:line: kind: matched text`` line per finding and exits 1 if there is any.

The handbook's examples must use obviously fictional people and never patient details.
This guard looks for the shapes real identifiers take: Social Security numbers, medical
record numbers, dates of birth (with a birth cue, or right after a name), patient names
after a "patient:" label, phone numbers and email addresses. Public numbers (988, 911,
the 555-01xx fictional range) and example domains are allowed through
``scripts/phi_allowlist.txt``: one ``kind: regex`` per line, matched against the whole
matched text. Standard library only, so it runs before anything is installed.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATHS = ("docs", "data")
ALLOWLIST = Path(__file__).with_name("phi_allowlist.txt")
SUFFIXES = {".md", ".yml", ".yaml", ".txt", ".csv", ".json", ".html"}

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
SLASH_DATE = r"\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b"
DATE = (
    "(?:"
    + "|".join(
        (
            r"\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})",  # 3/14/1962, 03-14-62
            r"\d{4}-\d{2}-\d{2}",  # 1962-03-14
            rf"{_MONTH}\.?\s+\d{{1,2}},?\s+\d{{4}}",  # March 14, 1962
            rf"\d{{1,2}}\s+{_MONTH}\s+\d{{4}}",  # 14 March 1962
        )
    )
    + ")"
)
_WORD = r"(?:[A-Z]')?[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
NAME = rf"(?:{_WORD}\s+(?:[A-Z]\.\s+)?{_WORD})"
_LABEL = r"\s*(?:#|:|is)?\s*"  # "MRN: ", "SSN is ", "chart #"

# (kind, pattern). Group "hit" is what gets reported when present.
PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("ssn", re.compile(r"(?<![\d-])(?!000|666|9\d\d)\d{3}[- ](?!00)\d{2}[- ](?!0000)\d{4}(?![\d-])")),
    ("ssn", re.compile(rf"\b(?:SSN|social security(?: number| no\.?)?){_LABEL}(?P<hit>\d{{9}})\b", re.I)),
    (
        "mrn",
        re.compile(
            rf"\b(?:MRN|medical record(?: number| no\.?| #)?|chart (?:number|no\.?|#)|patient id){_LABEL}"
            r"(?P<hit>[A-Z]{0,3}-?\d[\d-]{4,})",
            re.I,
        ),
    ),
    (
        "date-of-birth",
        re.compile(rf"\b(?:DOB|D\.O\.B\.|date of birth|birth ?date|born(?: on)?)\s*(?:[:#-]|is|was)?\s*(?P<hit>{DATE})", re.I),
    ),
    # A name followed by a slash date ("Jane Roe, 3/14/1962") reads as a birth date; ISO dates
    # after a publisher's name ("Joint Commission, 2024-05-01") are citations, so not those.
    ("name-with-birth-date", re.compile(rf"(?P<hit>{NAME}\s*(?:,|\()\s*(?:age\s+\d{{1,3}},?\s*)?{SLASH_DATE})")),
    ("patient-name", re.compile(rf"\b(?:[Pp]atient|[Cc]lient|[Rr]esident|[Pp]t)(?:'s)?\s*(?:name)?\s*:\s*(?P<hit>{NAME})")),
    ("phone", re.compile(r"(?<![\w.-])(?P<hit>(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4})(?![\w-])")),
    ("email", re.compile(r"(?P<hit>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})")),
)


def load_allowlist(path: Path = ALLOWLIST) -> list[tuple[str, re.Pattern]]:
    rules = []
    if not path.is_file():
        return rules
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        kind, sep, pattern = line.partition(":")
        if not sep:
            raise SystemExit(f"{path}:{number}: expected 'kind: regex'")
        rules.append((kind.strip(), re.compile(pattern.strip(), re.I)))
    return rules


def scan_text(text: str, allow: list[tuple[str, re.Pattern]]) -> Iterator[tuple[int, str, str]]:
    """(line, kind, matched text) for each finding, one per place per kind."""
    for number, line in enumerate(text.splitlines(), 1):
        seen: set[tuple[str, int]] = set()
        for kind, pattern in PATTERNS:
            for match in pattern.finditer(line):
                hit = match.group("hit") if "hit" in pattern.groupindex and match.group("hit") else match.group(0)
                start = match.start("hit") if "hit" in pattern.groupindex and match.group("hit") else match.start()
                if (kind, start) in seen:
                    continue
                seen.add((kind, start))
                if any(k in (kind, "*") and rule.fullmatch(hit.strip()) for k, rule in allow):
                    continue
                yield number, kind, hit.strip()


def files_under(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_file():
            yield path
        elif path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)


def scan(paths: Iterable[Path], *, root: Path = ROOT, allowlist: Path = ALLOWLIST) -> list[str]:
    allow = load_allowlist(allowlist)
    findings = []
    for path in files_under(paths):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # binary files (images) hold no text to check
        try:
            label = path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            label = path.as_posix()
        findings.extend(f"{label}:{line}: {kind}: {hit}" for line, kind, hit in scan_text(text, allow))
    return findings


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or [ROOT / p for p in DEFAULT_PATHS]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"phi_guard: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    findings = scan(paths)
    for finding in findings:
        print(finding)
    if findings:
        print(
            f"phi_guard: {len(findings)} possible patient identifier(s). Use obviously fictional examples, "
            f"or add a public number or example address to {ALLOWLIST.relative_to(ROOT)}.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
