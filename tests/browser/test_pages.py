"""Every built page, in light and dark and at phone and desktop widths, in a real browser.

Each page is visited once per variant that can find something on it, and four checks
read that one visit: the color scheme, console errors, requests to another origin, and
axe-core (WCAG 2.2 AA). What axe checks where is ``browser.conftest.page_scan_plan``:
every page's article and table of contents (the color rules in both schemes at desktop
widths, the other rules in the light scheme at both widths), and the header, navigation
and footer every page shares, in full and in every variant, on a few pages
(``chrome_pages``).
The search index is served empty during these visits (``empty_search_index``): the
search itself is tested in test_interaction.py and test_search_ranking.py.

One test per variant and half of the pages: a unit of work a parallel worker can take on
its own (pytest-xdist may send tests of one file to different workers), so no page is
visited twice and the two workers finish together.
"""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from browser.conftest import CHROME, WHOLE_PAGE, AxePlan, Scanner, chrome_pages, empty_search_index, page_scan_plan, violations_text
from browser.support import AXE_RUN_EXCLUDING, VARIANTS, WCAG, axe_source, page_paths

pytestmark = pytest.mark.browser
PARTS = 2


@pytest.mark.parametrize("part", range(PARTS), ids=[f"pages-{n + 1}-of-{PARTS}" for n in range(PARTS)])
@pytest.mark.parametrize("variant", VARIANTS, ids=[v.name for v in VARIANTS])
def test_every_page_has_its_scheme_no_console_error_no_other_origin_and_no_axe_violation(browser, server, built_site, variant, part):
    paths = page_paths(built_site)
    assert len(paths) > 1, "the build has no pages besides the home page?"
    plan = page_scan_plan(chrome_pages(paths))
    scanner = Scanner(browser, server, paths[part::PARTS], plan=plan, search_index=empty_search_index(built_site))
    reports = scanner(variant)
    problems = []

    wrong = {path: r.scheme for path, r in reports.items() if r.scheme != variant.material_scheme}
    if wrong:
        problems.append(f"pages not in the {variant.material_scheme!r} scheme: {wrong}")
    console = {path: r.console for path, r in reports.items() if r.console}
    if console:
        problems.append("console errors:\n" + "\n".join(f"/{path}: {messages}" for path, messages in console.items()))
    foreign = {path: r.foreign for path, r in reports.items() if r.foreign}
    if foreign:
        problems.append("requests to another origin:\n" + "\n".join(f"/{path}: {urls}" for path, urls in foreign.items()))
    if any(r.violations for r in reports.values()):
        problems.append("axe-core (WCAG 2.2 AA):\n" + violations_text(reports))
    assert not problems, "\n\n".join(problems)


def test_the_pages_are_split_without_a_gap_and_the_shared_parts_are_checked_on_each_kind_of_page(built_site):
    paths = page_paths(built_site)
    parts = [paths[part::PARTS] for part in range(PARTS)]
    assert sorted(p for part in parts for p in part) == sorted(paths)
    chosen = chrome_pages(paths)
    assert {"", "404.html"} < chosen and len(chosen) == 4, chosen
    plan = page_scan_plan(chosen)
    light_phone, dark_phone, light_desktop, dark_desktop = VARIANTS
    assert (light_phone.scheme, dark_phone.scheme, light_desktop.width, dark_desktop.scheme) == ("light", "dark", 1280, "dark")
    for variant in VARIANTS:
        assert plan("", variant) == WHOLE_PAGE  # whole page, every rule
    other = next(p for p in paths if p not in chosen)
    assert plan(other, light_desktop) == AxePlan(exclude=CHROME, colors=True, others=True)
    assert plan(other, dark_desktop) == AxePlan(exclude=CHROME, colors=True, others=False)
    assert plan(other, light_phone) == AxePlan(exclude=CHROME, colors=False, others=True)
    assert plan(other, dark_phone) is None


def test_no_width_media_query_changes_a_color():
    """page_scan_plan runs the color rules on the article at desktop widths only: that holds
    while the site's own CSS changes no color, opacity or visibility with the screen width."""
    color_properties = re.compile(
        r"(?:^|[;{\s])(color|background(?:-color|-image)?|opacity|filter|mix-blend-mode|visibility"
        r"|-webkit-text-fill-color|text-shadow)\s*:",
        re.I,
    )
    problems = []
    for css in sorted((ROOT / "overrides").rglob("*.css")):
        text = re.sub(r"/\*.*?\*/", "", css.read_text(encoding="utf-8"), flags=re.S)
        for query in re.finditer(r"@media([^{]*)\{", text):
            if "width" not in query.group(1):
                continue
            depth, end = 1, query.end()
            while depth:
                depth += {"{": 1, "}": -1}.get(text[end], 0)
                end += 1
            body = text[query.end() : end]
            found = [m.group(1) for m in color_properties.finditer(body)]
            found += [f"display: {v.strip()}" for v in re.findall(r"display\s*:\s*([^;}]+)", body) if v.strip() != "none"]
            if found:
                problems.append(f"{css.relative_to(ROOT)}: @media{query.group(1).rstrip()}: {sorted(set(found))}")
    assert not problems, "\n".join(problems)


COLOR_PROPERTY = re.compile(r"^(--[\w-]*color[\w-]*|color|background(?:-color)?|fill|stroke|border(?:-\w+)?-color|outline-color)$")


def css_rules(text: str, media: tuple[str, ...] = ()):
    """(media queries around it, selector, declarations) for every rule of a style sheet."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    at = 0
    while (open_ := text.find("{", at)) != -1:
        head = text[at:open_].strip().rsplit(";", 1)[-1].strip()  # drop @import/@charset lines before it
        depth, end = 1, open_ + 1
        while depth:
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            end += 1
        body = text[open_ + 1 : end - 1]
        if head.startswith("@media"):
            yield from css_rules(body, (*media, head))
        elif not head.startswith("@"):
            yield media, head, [d.split(":", 1)[0].strip() for d in body.split(";") if ":" in d]
        at = end


def scheme_rules_that_change_more_than_color(text: str) -> list[str]:
    """Rules that apply in one color scheme only (on screen) and set something besides a color."""
    found = []
    for media, selector, names in css_rules(text):
        if any("print" in m for m in media):
            continue
        if "color-scheme" in selector or any("prefers-color-scheme" in m for m in media):
            bad = [name for name in names if not COLOR_PROPERTY.match(name)]
            if bad:
                found.append(f"{selector}: {bad}")
    return found


def test_no_color_scheme_shows_or_hides_anything():
    """page_scan_plan runs axe's other rules (not the color ones) in the light scheme only:
    that holds while the dark scheme changes colors and nothing else. The site's CSS sets
    only colors under a scheme selector, and no page uses Material's images that show in
    one scheme only (``#only-light``, ``#only-dark``)."""
    fault = '[data-md-color-scheme="slate"] .x { color: red; display: none }\n@media (prefers-color-scheme: dark) { a { opacity: 0 } }'
    assert scheme_rules_that_change_more_than_color(fault) == [
        "[data-md-color-scheme=\"slate\"] .x: ['display']",
        "a: ['opacity']",
    ]
    sheets = {css.relative_to(ROOT): css.read_text(encoding="utf-8") for css in sorted((ROOT / "overrides").rglob("*.css"))}
    seen = [selector for text in sheets.values() for _, selector, _ in css_rules(text) if "color-scheme" in selector]
    assert len(seen) >= 3, f"the parser found only these scheme rules: {seen}"
    problems = [f"{name}: {rule}" for name, text in sheets.items() for rule in scheme_rules_that_change_more_than_color(text)]
    for source in sorted([*(ROOT / "docs").rglob("*.md"), *(ROOT / "data").rglob("*.yml")]):
        if re.search(r"#(only|gh)-(light|dark)", source.read_text(encoding="utf-8")):
            problems.append(f"{source.relative_to(ROOT)}: an image shown in one color scheme only")
    assert not problems, "\n".join(problems)


def test_the_scan_without_the_shared_parts_still_sees_the_article(browser, server, built_site):
    """Guards the exclusion: a fault in the article is found, one in the header is not."""
    paths = page_paths(built_site)
    context = browser.new_context(**VARIANTS[2].context_options())
    try:
        page = context.new_page()
        page.goto(server.base + next(p for p in paths if p not in chrome_pages(paths)), wait_until="load")
        page.add_script_tag(content=axe_source())
        page.evaluate("""() => {
            document.querySelector('.md-content article').insertAdjacentHTML('beforeend', '<img src="data:," id="fault-in-article">');
            document.querySelector('.md-header').insertAdjacentHTML('beforeend', '<img src="data:," id="fault-in-header">');
        }""")
        found = page.evaluate(AXE_RUN_EXCLUDING, [list(CHROME), WCAG])
    finally:
        context.close()
    targets = [node["target"] for v in found for node in v["nodes"]]
    assert "#fault-in-article" in targets and "#fault-in-header" not in targets, found
