"""Loading and validating the data, timed in a fresh process: ``python bench/dataload.py PROJECT``.

Prints one JSON object: seconds to import the loader, then each ``load_edition`` in turn
(the first is what a fresh build pays; the later ones show any cache the loader keeps,
in this process or on disk), and the number of records. The standard edition, with
links into the project's docs/ checked, as a build loads it.

``--render`` also times running every macro's example once. ``--limit BYTES`` raises
the reader's per-file size limit (8 MB) for data larger than a 100x file; the benchmark
says so next to the figure.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def render_examples(project: Path) -> float:
    """Seconds to run every macro's example (the macro reference page's calls) in the page sandbox."""
    from handbook.render.macros import TABLE
    from macros.pages import Build

    build = Build.load(project, project / "docs", folder=None)
    build.links.current = "index.md"
    start = time.perf_counter()
    for entry in TABLE:
        if not entry.not_run:
            build.run_example(entry.example)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--loads", type=int, default=3)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--render", action="store_true", help="also time running every macro's example once")
    args = parser.parse_args()
    start = time.perf_counter()
    from handbook.load import reader
    from handbook.load.edition import load_edition

    imported = time.perf_counter() - start
    if args.limit:
        reader.read_text.__defaults__ = (args.limit,)  # every reader call uses the default limit
    loads = []
    for _ in range(args.loads):
        start = time.perf_counter()
        edition = load_edition(args.project, None, args.project / "docs")
        loads.append(time.perf_counter() - start)
    book = edition.book
    records = sum(len(v) for v in (getattr(book, name) for name in type(book).model_fields) if isinstance(v, (list, tuple)))
    result = {"import": imported, "loads": loads, "records": records}
    if args.render:
        result["render"] = render_examples(args.project)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
