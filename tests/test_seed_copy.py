"""No run of 10 words in a row from a seed article appears in docs/ or data/.

The seeds are not in the repository; tests/seed_fingerprints.txt holds a hash of each
10-word run (scripts/seed_copy.py). Where the seed folder is present (BHT_SEEDS_DIR,
or /work/shared/seeds), the hashes are rebuilt from it and must match the file.
"""

from __future__ import annotations

import os
from pathlib import Path

from conftest import ROOT

from scripts.prose import words
from scripts.seed_copy import FINGERPRINTS, copied_spans, find_copies, read_fingerprints, runs, seed_fingerprints

SEEDS = Path(os.environ.get("BHT_SEEDS_DIR", "/work/shared/seeds"))


def known_runs() -> set[str]:
    committed = read_fingerprints()
    if SEEDS.is_dir():
        fresh = seed_fingerprints(SEEDS)
        assert fresh == committed, (
            f"{FINGERPRINTS.relative_to(ROOT)} is out of date with {SEEDS}; run: python scripts/seed_copy.py fingerprint {SEEDS}"
        )
    assert len(committed) > 1000, "the fingerprint file looks empty or truncated"
    return committed


def test_no_seed_sentence_is_copied_into_docs_or_data():
    copies = find_copies(ROOT, known_runs())
    report = "\n".join(f'{c.file}: "{c.words}"' for c in copies)
    assert not copies, f"text copied from a seed article (rewrite it in your own words):\n{report}"


SEED = "The quick brown fox jumps over the lazy dog while the farmer sleeps in the barn."


def test_a_copied_run_is_found_through_case_punctuation_and_markup(tmp_path):
    known = {fp for _, fp in runs(words(SEED))}
    (tmp_path / "docs").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "docs" / "page.md").write_text(
        "---\nowner: Someone\n---\n# Page\n\nWe saw that **the QUICK brown fox** jumps over\n"
        "the [lazy dog](../x.md), while the farmer... sleeps in peace.\n",
        encoding="utf-8",
    )
    (tmp_path / "data" / "x.yml").write_text("# the quick brown fox jumps over the lazy dog while the\nkey: value\n", encoding="utf-8")
    copies = find_copies(tmp_path, known)
    assert [(c.file, c.words) for c in copies] == [
        ("docs/page.md", "the quick brown fox jumps over the lazy dog while the farmer sleeps in"),
        ("data/x.yml", "the quick brown fox jumps over the lazy dog while the"),
    ]


def test_nine_words_in_a_row_are_not_a_copy():
    known = {fp for _, fp in runs(words(SEED))}
    assert copied_spans(words("the quick brown fox jumps over the lazy dog today"), known) == []
    assert copied_spans(words("the quick brown fox jumps over the lazy dog while"), known) != []
