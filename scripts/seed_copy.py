#!/usr/bin/env python3
"""Find text copied from the seed articles: any run of 10 words in a row.

The handbook's facts come partly from five seed articles, but every sentence must
be our own. This compares docs/ pages (prose only, see prose.py) and data/ files
(their whole text, comments included) against every 10-word run in the seeds,
ignoring case, punctuation and line breaks.

The seeds are third-party text, so the repository does not ship them. It ships
tests/seed_fingerprints.txt instead: a short hash of each 10-word run. Regenerate it
whenever the seeds change:

    python scripts/seed_copy.py fingerprint /path/to/seeds
    python scripts/seed_copy.py check          # report copies in docs/ and data/
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from prose import page_prose, words  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RUN = 10
FINGERPRINTS = ROOT / "tests" / "seed_fingerprints.txt"
CHECKED = (("docs", "*.md"), ("data", "*.yml"))


@dataclass
class Copy:
    file: str
    words: str


def fingerprint(run: Iterable[str]) -> str:
    return hashlib.blake2b(" ".join(run).encode("utf-8"), digest_size=8).hexdigest()


def runs(tokens: list[str], size: int = RUN) -> Iterator[tuple[int, str]]:
    for start in range(len(tokens) - size + 1):
        yield start, fingerprint(tokens[start : start + size])


def seed_fingerprints(seed_dir: Path) -> set[str]:
    found: set[str] = set()
    for path in sorted(p for p in seed_dir.iterdir() if p.is_file()):
        found.update(fp for _, fp in runs(words(path.read_text(encoding="utf-8", errors="replace"))))
    return found


def read_fingerprints(path: Path = FINGERPRINTS) -> set[str]:
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")}


def copied_spans(tokens: list[str], known: set[str]) -> list[str]:
    """Each longest stretch of tokens made of copied 10-word runs, as text."""
    hits = [start for start, fp in runs(tokens) if fp in known]
    spans: list[list[int]] = []
    for start in hits:
        if spans and start <= spans[-1][1]:
            spans[-1][1] = start + RUN
        else:
            spans.append([start, start + RUN])
    return [" ".join(tokens[a:b]) for a, b in spans]


def file_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return page_prose(text) if path.suffix == ".md" else text


def find_copies(root: Path, known: set[str]) -> list[Copy]:
    copies = []
    for folder, pattern in CHECKED:
        for path in sorted((root / folder).rglob(pattern)):
            for span in copied_spans(words(file_text(path)), known):
                copies.append(Copy(path.relative_to(root).as_posix(), span))
    return copies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("fingerprint", help="write tests/seed_fingerprints.txt from a folder of seed files")
    make.add_argument("seeds", type=Path)
    sub.add_parser("check", help="report runs copied from the seeds in docs/ and data/")
    args = parser.parse_args(argv)
    if args.command == "fingerprint":
        if not args.seeds.is_dir():
            print(f"no such folder: {args.seeds}", file=sys.stderr)
            return 2
        found = sorted(seed_fingerprints(args.seeds))
        header = f"# Hashes of every {RUN}-word run in the seed articles (scripts/seed_copy.py). Do not edit.\n"
        FINGERPRINTS.write_text(header + "\n".join(found) + "\n", encoding="utf-8")
        print(f"wrote {len(found)} fingerprints to {FINGERPRINTS.relative_to(ROOT)}")
        return 0
    copies = find_copies(ROOT, read_fingerprints())
    for copy in copies:
        print(f'{copy.file}: copied from a seed: "{copy.words}"')
    print(f"{len(copies)} copied run(s) found." if copies else "OK: no 10-word run copied from the seeds.")
    return 1 if copies else 0


if __name__ == "__main__":
    sys.exit(main())
