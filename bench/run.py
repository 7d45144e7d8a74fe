"""`make bench`: how much the engine costs, Zensical against MkDocs, how it scales, and
what a reader downloads.

Prints one Markdown table, then a profile of one MkDocs build. Every figure is measured
in this run on this machine; runs that are compared alternate (A, B, B, A, ...), so a
busy moment hits both sides alike, and each figure is the median of several runs. Each
row names its target and, where the target is missed, by how much. Nothing here is a
test: speed belongs in a report, not in a pass/fail gate.

    python bench/run.py [--runs N] [--only SECTION,...]

Sections: builds, rebuild, reload, data, scaling, weight, profile (all by default).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.machinery import SourceFileLoader
from importlib.util import module_from_spec, spec_from_loader
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import profile_build  # noqa: E402
import synthetic  # noqa: E402
from synthetic import (  # noqa: E402
    ROOT,
    Timing,
    build,
    copy_project,
    data_project,
    edit_data_value,
    same_pages,
    scale_pages,
    shows,
    static_twin,
    zensical_build,
)

SECTIONS = ("builds", "rebuild", "reload", "data", "scaling", "weight", "profile")
GLOSSARY = "reference/glossary"
rows: list[tuple[str, str, str, str]] = []
loads: list[float] = []


def row(measure: str, result: str, target: str = "", verdict: str = "") -> None:
    rows.append((measure, result, target, verdict))
    print(f"  {measure}: {result} {verdict}", file=sys.stderr, flush=True)


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def note_load() -> None:
    if hasattr(os, "getloadavg"):
        loads.append(os.getloadavg()[0])


def at_most(value: float, limit: float, unit: str = "") -> str:
    if value <= limit:
        return "met"
    over = value - limit
    return f"missed by {over:.2f}{unit} ({over / limit:.0%} over)"


def at_least(value: float, limit: float) -> str:
    return "met" if value >= limit else f"missed by {limit - value:g}"


def spread(times: list[float], unit: str = "s", digits: int = 2) -> str:
    """'6.10 s (5.40-7.80, 5 runs)': the median, then the range it came from."""
    median = statistics.median(times)
    if len(times) == 1:
        return f"{median:.{digits}f} {unit} (1 run)"
    return f"{median:.{digits}f} {unit} ({min(times):.{digits}f}-{max(times):.{digits}f}, {len(times)} runs)"


def alternate(i: int, sides: list) -> list:
    """Run i's order: rotate, so no side always goes first (warm disk cache, CPU boost)."""
    k = i % len(sides)
    return sides[k:] + sides[:k]


# --- 1. Clean builds: the handbook on MkDocs, the same pages on plain MkDocs, Zensical ----------


def paired_ratio(a: list[Timing], b: list[Timing], field: str = "wall") -> float:
    """Median of the run-by-run ratios a/b: each pair ran back to back, so drift in the machine's
    load cancels out better than in a ratio of medians."""
    return statistics.median(getattr(x, field) / getattr(y, field) for x, y in zip(a, b, strict=True))


def compare(name_a: str, a: list[Timing], name_b: str, b: list[Timing]) -> tuple[float, str]:
    ratio = paired_ratio(a, b)
    wall_a, wall_b = statistics.median(t.wall for t in a), statistics.median(t.wall for t in b)
    text = (
        f"{name_a} {spread([t.wall for t in a])} vs {name_b} {spread([t.wall for t in b])} = **{ratio:.2f}x** "
        f"({wall_a - wall_b:+.2f} s; CPU time {statistics.median(t.cpu for t in a):.2f} s vs "
        f"{statistics.median(t.cpu for t in b):.2f} s = {paired_ratio(a, b, 'cpu'):.2f}x)"
    )
    return ratio, text


def clean_builds(scratch: Path, runs: int) -> Path:
    project = copy_project(scratch / "engine")
    say("  preparing the pre-rendered twin (one capture build)...")
    twin = static_twin(project, scratch / "static", scratch / "capture")
    times: dict[str, list[Timing]] = {"engine": [], "twin": [], "zensical": []}

    def stage(i: int) -> Path:
        return scratch / f"zensical-stage-clean-{i}"  # a new folder: no staged pages, no Zensical cache

    sides = [
        ("engine", lambda i: build(project, scratch / f"engine-site-{i}")),
        ("twin", lambda i: build(twin, scratch / f"static-site-{i}")),
        ("zensical", lambda i: zensical_build(project, scratch / f"zensical-site-{i}", stage(i))),
    ]
    for i in range(runs):
        for name, run in alternate(i, sides):
            times[name].append(run(i))
        say(f"  run {i + 1}/{runs}: " + ", ".join(f"{k} {v[-1].wall:.2f} s" for k, v in times.items()))
    pages = len(list((project / "docs").rglob("*.md")))
    differ = same_pages(scratch / "engine-site-0", scratch / "static-site-0")
    check = f"; the twin's site differs in {len(differ)} pages: {', '.join(differ[:3])}" if differ else ""
    ratio, text = compare("handbook", times["engine"], "plain", times["twin"])
    row(
        f"Engine overhead: strict `mkdocs build` of the handbook vs plain MkDocs + Material building the same {pages} pages "
        f"pre-rendered (no macros plugin, hooks or Markdown extension of ours); median of {runs}, alternating, ratio = "
        "median of back-to-back pairs",
        text + check,
        "<= 1.10x",
        at_most(ratio, 1.10, "x"),
    )
    differ = same_pages(scratch / "engine-site-0", scratch / "zensical-site-0")
    check = f"; Zensical's site differs in {len(differ)} pages: {', '.join(differ[:3])}" if differ else ""
    _, text = compare("Zensical", times["zensical"], "MkDocs", times["engine"])
    row(
        "Clean build, Zensical (`python -m macros.zensical_site build`, new stage folder so no cache) vs MkDocs "
        f"(`mkdocs build --strict`), same sources; median of {runs}, alternating with the rows above",
        text + check,
    )
    return scratch / "engine-site-0"


# --- 2. Rebuild after one data edit ----------------------------------------------------


def rebuild(scratch: Path, runs: int) -> None:
    project = copy_project(scratch / "edit")
    stage = scratch / "zensical-stage-warm"  # kept: staged pages and Zensical's cache
    zensical_build(project, scratch / "zensical-edit-site", stage)  # prime the cache (not timed)
    from macros.zensical_site import Staging

    staging_stage = scratch / "staging-only"
    Staging(project, staging_stage).run()  # prime the in-process figure too
    times: dict[str, list[Timing]] = {"mkdocs": [], "zensical": []}
    staging: list[float] = []
    missing: list[str] = []

    sides = [
        ("mkdocs", lambda: build(project, scratch / "mkdocs-edit-site"), scratch / "mkdocs-edit-site"),
        ("zensical", lambda: zensical_build(project, scratch / "zensical-edit-site", stage), scratch / "zensical-edit-site"),
    ]
    for i in range(runs):
        marker = "Edited" + "abcdefghijklmnopqrstuvwxyz"[i % 26] * (1 + i // 26)
        edit_data_value(project, marker)
        for name, run, site in alternate(i, sides):
            times[name].append(run())
            if not shows(site, GLOSSARY, marker):
                missing.append(f"{name} run {i + 1}")
        start = time.perf_counter()
        Staging(project, staging_stage).run()
        staging.append(time.perf_counter() - start)
        say(f"  run {i + 1}/{runs}: " + ", ".join(f"{k} {v[-1].wall:.2f} s" for k, v in times.items()) + f", staging {staging[-1]:.2f} s")
    check = f"; the edit did NOT show in: {', '.join(missing)}" if missing else "; the edit showed on the glossary page every time"
    _, text = compare("Zensical", times["zensical"], "MkDocs", times["mkdocs"])
    row(
        "Rebuild after one data edit (a glossary definition in data/glossary.yml): Zensical keeping its stage folder and "
        f"cache vs MkDocs (no cache: a full strict build); median of {runs}, alternating",
        text + check,
    )
    row(
        "  of which the Zensical adapter's own Python: re-stage every page after the edit (in this process, imports done)",
        spread(staging),
    )


# --- 3. Reload under the preview ----------------------------------------------------------


def _serve_script():
    loader = SourceFileLoader("bench_serve_reload", str(ROOT / "scripts" / "bench-serve-reload"))
    module = module_from_spec(spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    return module


def _free_ports(count: int) -> int:
    """A first port such that it and the next ``count - 1`` are free now."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            base = probe.getsockname()[1]
        if base + count > 65535:
            continue
        try:
            for port in range(base, base + count):
                with socket.socket() as probe:
                    probe.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
    raise RuntimeError("no free ports")


def reload(scratch: Path, runs: int) -> None:
    script = _serve_script()
    results = script.measure(["mkdocs", "zensical"], scratch, _free_ports(2), runs, say=lambda t: say("  " + t))
    labels = {
        "zensical": ("`make serve ENGINE=zensical` (python -m macros.zensical_site serve)", "<= 1 s"),
        "mkdocs": ("`make serve` (mkdocs serve), for comparison", ""),
    }
    for engine in ("zensical", "mkdocs"):
        preview = results[engine]
        label, target = labels[engine]
        median = statistics.median(preview.times)
        staged = (
            f"; the adapter had re-staged the page after {spread(preview.staged)}, the rest is Zensical's own rebuild"
            if preview.staged
            else ""
        )
        row(
            f"Reload after a data edit, {label}: save a new glossary term, poll the served glossary page every "
            f"{script.POLL:g} s until it shows (both previews running side by side, edits alternating)",
            f"**{spread(preview.times)}**{staged}; first page served {preview.first_seconds:.1f} s after start",
            target,
            at_most(median, 1.0, " s") if target else "",
        )


# --- 4. Data layer -------------------------------------------------------------------------------

WORKER = Path(__file__).resolve().parent / "dataload.py"
from handbook.load import reader  # noqa: E402 - after the project is on the import path

READER_LIMIT = reader.MAX_FILE_BYTES


def _worker(project: Path, limit: int, render: bool, cache: Path | None) -> dict:
    """One fresh process: ``cache`` is the load cache's folder (None: the cache off)."""
    command = [sys.executable, str(WORKER), str(project), "--loads", "2"]
    if limit:
        command += ["--limit", str(limit)]
    if render:
        command.append("--render")
    env = synthetic._env({"BHT_CACHE_DIR": str(cache)} if cache else {"BHT_CACHE": "off"})
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise RuntimeError(f"data load failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)


def data_layer(scratch: Path) -> None:
    """Each size three ways: nothing cached (a first run, or any edit), a new process finding
    the content-keyed cache an earlier process wrote (an unchanged edition: the next build,
    check or preview start), and again in the same process (a preview's next reload)."""
    for factor, processes in ((1, 3), (10, 3), (100, 2)):
        project, records = data_project(scratch / f"data-{factor}x", factor)
        files = list((project / "data").glob("*.yml"))
        megabytes = sum(f.stat().st_size for f in files) / 1e6
        largest = max(files, key=lambda f: f.stat().st_size)
        limit = 0 if largest.stat().st_size <= READER_LIMIT else 4 * largest.stat().st_size
        cache = scratch / f"cache-{factor}x"
        cold = [_worker(project, limit, render=(p == 0), cache=None) for p in range(processes)]
        _worker(project, limit, render=False, cache=cache)  # writes the cache
        warm = [_worker(project, limit, render=False, cache=cache) for _ in range(processes)]
        first = [r["loads"][0] for r in cold]
        cached = [r["loads"][0] for r in warm]
        again = [r["loads"][1] for r in warm]
        raised = (
            (
                f"; the reader's {READER_LIMIT / 2**20:.0f} MB per-file limit was raised for this row: {largest.name} is "
                f"{largest.stat().st_size / 1e6:.1f} MB"
            )
            if limit
            else ""
        )
        what = f"Data {factor}x ({records} records, {megabytes:.1f} MB of YAML): `load_edition` (read, validate, cross-check, page links)"
        imported = statistics.median(r["import"] for r in cold)
        render = cold[0]["render"]
        if factor != 100:
            row(
                f"{what}: nothing cached; a new process with the content cache; again in the same process; "
                "render every macro's example once",
                f"{spread(first)}; {spread(cached)}; {spread(again)}; {render:.2f} s",
            )
            continue
        row(
            f"{what}, a new process, data unchanged since an earlier run (the cache keyed by file content)",
            f"**{spread(cached)}**; importing the loader {imported:.2f} s more",
            "<= 1 s",
            at_most(statistics.median(cached), 1.0, " s"),
        )
        row(f"Data {factor}x, nothing cached (a first run, or after any edit)", f"{spread(first)}{raised}")
        row(f"Data {factor}x, loaded again in the same process (a preview's next reload)", f"**{spread(again)}**")
        row(f"Data {factor}x, render every macro's example once", f"{render:.2f} s")


# --- 5. Scaling with page count -----------------------------------------------------


def scaling(scratch: Path) -> None:
    for prune in (False, True):
        base = None
        for factor in (1, 3, 10):
            project = copy_project(scratch / f"pages-{factor}x-{'prune' if prune else 'full'}")
            pages = scale_pages(project, factor, prune=prune)
            runs = 2 if factor < 10 else 1
            times = [build(project, scratch / f"pages-site-{factor}-{prune}-{i}").wall for i in range(runs)]
            seconds = statistics.median(times)
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
                "time grows no faster than pages",
                verdict,
            )


# --- 6. What a reader downloads, and Lighthouse ---------------------------------


def page_weight(site: Path) -> list[str]:
    import weight

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
    import weight

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


# --- 7. Profile -----------------------------------------------------------------------


def profile(scratch: Path) -> list[str]:
    project = copy_project(scratch / "profiled")
    wall = profile_build.profile(project, scratch / "profiled-site", scratch / "build.prof")
    total, places, heavy = profile_build.analyse(scratch / "build.prof", project)
    ours, plugin = profile_build.import_seconds(project)
    lines = [
        f"Profile of one strict `mkdocs build` under cProfile: {wall:.1f} s wall, {total:.1f} s profiled "
        "(cProfile inflates Python-heavy code, so compare shares). Without the profiler, in fresh processes: "
        f"importing handbook/ + macros/ takes {ours:.2f} s and the mkdocs-macros plugin {plugin:.2f} s (medians of 3).",
        "",
        "| Where | Seconds (profiled) | Share of the build |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {label} | {seconds:.2f} | {seconds / total:.1%} |" for label, seconds, _ in places]
    lines += [
        "",
        "Heaviest functions of handbook/ and macros/ by their own time (profiled):",
        "",
        "| Function | Own seconds | Calls |",
        "| --- | --- | --- |",
    ]
    lines += [f"| `{name}` | {seconds:.3f} | {calls} |" for name, seconds, calls in heavy]
    staged = copy_project(scratch / "profiled-staging")
    seconds = profile_build.profile_staging(staged, scratch / "profiled-stage", scratch / "staging.prof")
    total, places, _ = profile_build.analyse(scratch / "staging.prof", staged, places_table=profile_build.STAGING_PLACES)
    lines += [
        "",
        f"Profile of the Zensical preview's re-stage after one data edit (what `macros.zensical_site serve` runs on every "
        f"change, in a warm process): {seconds:.2f} s under cProfile.",
        "",
        "| Where | Seconds (profiled) | Share of the re-stage |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {label} | {part:.2f} | {part / total:.1%} |" for label, part, _ in places]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per side for each compared figure (default 5)")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated sections (default: all): {', '.join(SECTIONS)}")
    args = parser.parse_args()
    chosen = [s for s in args.only.split(",") if s]
    unknown = set(chosen) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    os.environ.pop("BHT_FACILITY", None)  # the standard edition, as upstream publishes it
    started = time.perf_counter()
    profile_lines: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bht-bench-") as tmp:
        scratch = Path(tmp)
        site = None
        steps = [
            ("builds", "Clean builds: handbook, pre-rendered twin, Zensical...", lambda: clean_builds(scratch, args.runs)),
            ("rebuild", "Rebuild after a data edit...", lambda: rebuild(scratch, args.runs)),
            ("reload", "Reload under both previews...", lambda: reload(scratch, args.runs)),
            ("data", "Data layer...", lambda: data_layer(scratch)),
            ("scaling", "Scaling with pages...", lambda: scaling(scratch)),
        ]
        for name, title, step in steps:
            if name in chosen:
                note_load()
                say(title)
                result = step()
                if name == "builds":
                    site = result
        if "weight" in chosen:
            note_load()
            say("Page weight and Lighthouse...")
            if site is None:
                site = scratch / "weight-site"
                build(copy_project(scratch / "weight"), site)
            lighthouse(site, page_weight(site))
        if "profile" in chosen:
            note_load()
            say("Profiling one MkDocs build...")
            profile_lines = profile(scratch)
        note_load()
    machine = synthetic.machine()
    load = f"load average {min(loads):.1f}-{max(loads):.1f} over the run" if loads else ""
    print(
        f"\nBHT Handbook benchmark ({time.perf_counter() - started:.0f} s; {machine}; {load}). "
        "A shared machine: other work ran alongside, so absolute seconds are noisy; ratios come from "
        "alternating runs in this same run.\n"
    )
    print("| Measure | Result | Target | Status |")
    print("| --- | --- | --- | --- |")
    for measure, result, target, verdict in rows:
        print(f"| {measure} | {result} | {target} | {verdict} |")
    if profile_lines:
        print()
        print("\n".join(profile_lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
