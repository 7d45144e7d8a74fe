"""`make bench`: how much the engine costs, how it scales, and what a reader downloads.

Prints one Markdown table. Every figure is measured in this run on this machine; each
row names its target and, where the target is missed, by how much. Nothing here is a
test: speed belongs in a report, not in a pass/fail gate.

    python bench/run.py [--runs N]
"""

from __future__ import annotations

import argparse
import inspect
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic  # noqa: E402
import weight  # noqa: E402
from synthetic import ROOT, build, copy_project, scale_data, scale_pages, static_twin  # noqa: E402

from handbook.load.loader import load_handbook  # noqa: E402
from handbook.render.macros import build_macros  # noqa: E402

rows: list[tuple[str, str, str, str]] = []


def row(measure: str, result: str, target: str = "", verdict: str = "") -> None:
    rows.append((measure, result, target, verdict))
    print(f"  {measure}: {result} {verdict}", file=sys.stderr, flush=True)


def at_most(value: float, limit: float, unit: str = "") -> str:
    if value <= limit:
        return "met"
    over = value - limit
    return f"missed by {over:.2f}{unit} ({over / limit:.0%} over)"


def at_least(value: float, limit: float) -> str:
    return "met" if value >= limit else f"missed by {limit - value:g}"


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# --- 1. Engine overhead -----------------------------------------------------------


def engine_overhead(scratch: Path, runs: int) -> Path:
    project = copy_project(scratch / "engine")
    twin = static_twin(project, scratch / "static", scratch / "capture")
    engine_times, static_times = [], []
    for i in range(runs):  # alternate, so machine load hits both alike
        engine_times.append(build(project, scratch / f"engine-site-{i}"))
        static_times.append(build(twin, scratch / f"static-site-{i}"))
    engine, static = statistics.median(engine_times), statistics.median(static_times)
    ratio = engine / static
    pages = len(list((project / "docs").rglob("*.md")))
    row(
        f"Engine overhead: handbook build vs the same {pages} pages pre-rendered, plain MkDocs + Material (median of {runs})",
        f"{engine:.2f} s vs {static:.2f} s = **{ratio:.2f}x**", "<= 1.10x", at_most(ratio, 1.10, "x"),
    )
    return scratch / "engine-site-0"


# --- 2. Data layer ------------------------------------------------------------------


class _Links:
    def md_link(self, target: str) -> str:
        return target

    def href(self, target: str) -> str:
        return target


def _arguments(book) -> dict[str, str]:
    levels = [level.id for level in book.ordered_levels]
    return {
        "from_level": levels[0], "to_level": levels[-1], "level_id": levels[0],
        "source_id": book.sources[0].id, "term_id": book.terms[0].id if book.terms else "",
    }


def render_everything(book) -> int:
    """Call every macro once (required arguments filled from the data); return output size."""
    size = 0
    known = _arguments(book)
    for name, macro in build_macros(book, _Links()).items():
        params = [p for p in inspect.signature(macro).parameters.values() if p.default is p.empty]
        if any(p.name not in known for p in params):
            print(f"  (skipped macro {name}: unknown required arguments)", file=sys.stderr)
            continue
        size += len(macro(**{p.name: known[p.name] for p in params}))
    return size


def data_layer(scratch: Path) -> None:
    for factor in (1, 10, 100):
        data = scratch / f"data-{factor}x" / "data"
        records = scale_data(ROOT / "data", data, factor)
        load = median_time(lambda d=data: load_handbook(d, root=d.parent), 3)
        book = load_handbook(data, root=data.parent)
        render = median_time(lambda b=book: render_everything(b), 3)
        target, verdict = ("<= 1 s", at_most(load, 1.0, " s")) if factor == 100 else ("", "")
        measure = f"Data layer {factor}x ({records} records): load + validate; render every table"
        row(measure, f"{load:.3f} s; {render:.3f} s", target, verdict)


# --- 3. Scaling with page count -----------------------------------------------------


def scaling(scratch: Path) -> None:
    for prune in (False, True):
        base = None
        for factor in (1, 3, 10):
            project = copy_project(scratch / f"pages-{factor}x-{'prune' if prune else 'full'}")
            pages = scale_pages(project, factor, prune=prune)
            runs = 2 if factor < 10 else 1
            seconds = statistics.median(build(project, scratch / f"pages-site-{factor}-{prune}-{i}") for i in range(runs))
            label = "with navigation.prune" if prune else "without navigation.prune"
            if base is None:
                base = (pages, seconds)
                row(f"Build, {pages} pages ({factor}x), {label}", f"{seconds:.2f} s ({seconds / pages * 1000:.0f} ms/page)")
                continue
            growth = seconds / base[1]
            page_growth = pages / base[0]
            verdict = "met" if growth <= page_growth else f"missed: time grew {growth:.1f}x for {page_growth:.0f}x pages"
            row(
                f"Build, {pages} pages ({factor}x), {label}",
                f"{seconds:.2f} s ({seconds / pages * 1000:.0f} ms/page; {growth:.1f}x the time for {page_growth:.0f}x the pages)",
                "time grows no faster than pages", verdict,
            )


# --- 4 and 5. What a reader downloads, and Lighthouse ---------------------------------


def page_weight(site: Path) -> list[str]:
    heavy = weight.heaviest_page(site)
    paths = ["", heavy]
    for path, kinds in weight.transfer(site, paths).items():
        total = sum(kinds.values())
        parts = ", ".join(f"{kind} {size / 1024:.1f}" for kind, size in kinds.items() if size)
        name = "home page" if path == "/" else f"heaviest page /{path}"
        kb = total / 1024
        row(f"First visit, {name} (KB over the wire, gzip)", f"**{kb:.1f} KB**: {parts}", "<= 150 KB", at_most(kb, 150, " KB"))
    return paths


def lighthouse(site: Path, paths: list[str]) -> None:
    scores = weight.lighthouse(site, paths)
    if isinstance(scores, str):
        row("Lighthouse (mobile)", f"not measured: {scores}", "perf >= 98; a11y, BP, SEO 100", "not measured")
        return
    targets = {"Performance": 98, "Accessibility": 100, "Best Practices": 100, "SEO": 100}
    for path, result in scores.items():
        failed = result.pop("_failed")
        misses = [f"{name} {at_least(result.get(name, 0), limit)}" for name, limit in targets.items() if result.get(name, 0) < limit]
        text = ", ".join(f"{name} {score}" for name, score in result.items())
        if failed:
            text += f" (audits below 0.9: {', '.join(failed)})"
        name = "home page" if path == "/" else f"/{path}"
        row(f"Lighthouse mobile, {name}", text, "perf >= 98; a11y, BP, SEO 100", "; ".join(misses) or "met")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="builds per side for the engine overhead (default 5)")
    args = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bht-bench-") as tmp:
        scratch = Path(tmp)
        print("Engine overhead...", file=sys.stderr)
        site = engine_overhead(scratch, args.runs)
        print("Data layer...", file=sys.stderr)
        data_layer(scratch)
        print("Scaling...", file=sys.stderr)
        scaling(scratch)
        print("Page weight and Lighthouse...", file=sys.stderr)
        paths = page_weight(site)
        lighthouse(site, paths)
    print(f"\nBHT Handbook benchmark ({time.perf_counter() - started:.0f} s, {synthetic.machine()})\n")
    print("| Measure | Result | Target | Status |")
    print("| --- | --- | --- | --- |")
    for measure, result, target, verdict in rows:
        print(f"| {measure} | {result} | {target} | {verdict} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
