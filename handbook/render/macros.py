"""The macros pages may call: a declared table, each entry a thin wrapper over a renderer.

Each macro is declared with ``@macro(example=...)``: the example is the call the macro
reference page shows and runs, so the example and its result cannot disagree. A macro's
docstring is what that page shows; keep its first line short and say what it renders.
``bind(context)`` turns the table into the callables one page renders with.
Engine-free: links to other pages come through ``PageLinks``, which the engine supplies.
"""

from __future__ import annotations

import inspect
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from handbook.derive.differences import PageChange, compare
from handbook.derive.export import DATASETS
from handbook.derive.review import PageReview
from handbook.derive.site import OFFLINE_FILE, PDF_FILE
from handbook.model.handbook import Handbook
from handbook.model.profile import MEDICATION_ROLE_NAMES, STATE_NAMES
from handbook.model.records import Certification, Fact, Level, Term
from handbook.render import career, downloads, macro_reference, onboarding, reference, roles, scenarios, skills
from handbook.render import review as review_render
from handbook.render.edition import edition_differences as render_edition_differences
from handbook.render.markup import RenderError, inline, require

SOURCES_PAGE = "reference/sources.md"
GLOSSARY_PAGE = "reference/glossary.md"


class PageLinks(Protocol):
    """What macros need to know about the page being rendered (the engine adapter supplies it)."""

    def md_link(self, target: str) -> str:
        """Relative Markdown link from the current page to docs/<target>, checked by the site builder."""

    def href(self, target: str) -> str:
        """Relative URL from the current page's HTML to the built page or file docs/<target>; RenderError if none."""

    def title(self, target: str) -> str:
        """The title of the page docs/<target>."""

    def file_size(self, target: str) -> int | None:
        """Size in bytes of the file docs/<target> (downloads), if the build has it."""

    @property
    def hidden(self) -> frozenset[str]:
        """Pages under docs/ this edition leaves out."""


def relative_md(current_page: str, target: str) -> str:
    """Link from one docs/ file to another, as relative .md links are written."""
    return posixpath.relpath(target, posixpath.dirname(current_page) or ".")


@dataclass
class Context:
    """Everything a macro may read for one build; ``links`` follows the page being rendered."""

    book: Handbook
    links: PageLinks
    standard: Callable[[], Handbook]  # the standard edition, loaded on first use
    reviews: list[PageReview] = field(default_factory=list)
    today: date = field(default_factory=date.today)
    run_example: Callable[[str], str] | None = None  # renders "{{ call }}" in the page sandbox
    page_changes: tuple[PageChange, ...] = ()  # upstream pages this edition hides or replaces


@dataclass(frozen=True)
class Macro:
    name: str
    function: Callable[..., str]  # takes the Context first, then the page's arguments
    example: str  # the call the macro reference page shows and runs
    not_run: str = ""  # when set, the reference page shows this instead of running the example


TABLE: list[Macro] = []


def macro(example: str, not_run: str = "", name: str = "") -> Callable[[Callable[..., str]], Callable[..., str]]:
    """Declare a macro; ``name`` defaults to the function's name."""

    def declare(function: Callable[..., str]) -> Callable[..., str]:
        TABLE.append(Macro(name or function.__name__, function, example, not_run))
        return function

    return declare


def _bound(entry: Macro, context: Context) -> Callable[..., str]:
    def call(*args: object, **kwargs: object) -> str:
        return entry.function(context, *args, **kwargs)

    call.__name__ = call.__qualname__ = entry.name
    call.__doc__ = entry.function.__doc__
    signature = inspect.signature(entry.function)
    call.__signature__ = signature.replace(parameters=list(signature.parameters.values())[1:])  # type: ignore[attr-defined]
    return call


def bind(context: Context) -> dict[str, Callable[..., str]]:
    """The table's macros with ``context`` filled in, keeping each one's name, docstring and call."""
    return {entry.name: _bound(entry, context) for entry in TABLE}


# --- Roles, duties and settings -------------------------------------------------


@macro('responsibilities_table(category="secondary", role=levels[0].id)')
def responsibilities_table(c: Context, category: str | None = None, domain: str | None = None, role: str | None = None) -> str:
    """Table of responsibilities, filtered by category (primary/secondary), domain id or level id."""
    return roles.responsibilities_table(c.book, category, domain, role)


@macro("domains_table()")
def domains_table(c: Context) -> str:
    """The areas of a technician's work that responsibilities are grouped in, and what each covers."""
    return roles.domains_table(c.book)


@macro("level_comparison(levels[0].id, levels[-1].id)")
def level_comparison(c: Context, from_level: str, to_level: str) -> str:
    """What changes between two levels: skills that grow and duties that start."""
    return roles.level_comparison(c.book, from_level, to_level)


@macro("ladder()")
def ladder(c: Context) -> str:
    """The technician levels from newest to most senior, each with what it does and how it is supervised."""
    return roles.ladder(c.book)


@macro("roles_table()")
def roles_table(c: Context) -> str:
    """Roles that work alongside technicians, with focus, education and license."""
    return roles.roles_table(c.book)


@macro("settings_table()")
def settings_table(c: Context) -> str:
    """Work settings: what each is like, its shifts and typical duties."""
    return roles.settings_table(c.book)


@macro("interventions_table()")
def interventions_table(c: Context) -> str:
    """Behavioral interventions, who leads each, and the technician's part."""
    return roles.interventions_table(c.book)


@macro("observation_levels_table()")
def observation_levels_table(c: Context) -> str:
    """The observation levels this facility uses, from the facility profile."""
    return roles.observation_levels_table(c.book)


# --- Skills -----------------------------------------------------------------------


@macro("proficiency_scale()")
def proficiency_scale(c: Context) -> str:
    """The 0-4 proficiency scale."""
    return skills.proficiency_scale(c.book)


@macro('skill_list(kind="soft")')
def skill_list(c: Context, kind: str | None = None) -> str:
    """Each skill with its level descriptors; kind is hard or soft."""
    return skills.skill_list(c.book, kind)


@macro('skill_matrix(kind="soft")')
def skill_matrix(c: Context, kind: str | None = None) -> str:
    """Expected proficiency for every skill at every level; kind is hard or soft."""
    return skills.skill_matrix(c.book, kind)


# --- Career -----------------------------------------------------------------------


@macro('career_paths_table(kind="advancement")')
def career_paths_table(c: Context, kind: str | None = None) -> str:
    """Career paths with their requirements; kind is entry, advancement or lateral."""
    return career.career_paths_table(c.book, kind)


@macro("career_diagram()")
def career_diagram(c: Context) -> str:
    """Career map: entry roles, technician levels, and roles to move up or across to."""
    return career.career_diagram(c.book)


@macro('certifications_table(kind="certification")')
def certifications_table(c: Context, kind: str | None = None) -> str:
    """Education and certifications by level, with validity and who sets renewal."""
    return career.certifications_table(c.book, kind)


@macro("labor_table()")
def labor_table(c: Context) -> str:
    """National pay and job outlook figures, each linked to its source."""
    return career.labor_table(c.book, c.links.href(SOURCES_PAGE))


# --- Onboarding -------------------------------------------------------------------


@macro("onboarding_plan()")
def onboarding_plan(c: Context) -> str:
    """The onboarding phases: when, goal, patient contact and number of sign-offs."""
    return onboarding.onboarding_plan(c.book)


@macro('onboarding_checklist(phase="day-1")')
def onboarding_checklist(c: Context, phase: str | None = None) -> str:
    """Printable sign-off sheets for one phase id, or for every phase."""
    return onboarding.onboarding_checklist(c.book, phase)


# --- Practice ----------------------------------------------------------------------


@macro('scenario_drills(skill="crisis-deescalation")')
def scenario_drills(c: Context, skill: str | None = None, page: str | None = None) -> str:
    """Practice drills as self-checks, the answer folded away; skill or page (a path under docs/) picks some."""
    return scenarios.scenario_drills(c.book, c.links.href, c.links.title, skill, page)


# --- Reference --------------------------------------------------------------------


@macro("glossary()")
def glossary(c: Context) -> str:
    """Every glossary term with its expansion, definition, aliases and the pages that explain it."""
    see = {t.id: [(c.links.href(p), c.links.title(p)) for p in t.see] for t in c.book.terms if t.see}
    return reference.glossary(c.book, see)


@macro("sources_list()")
def sources_list(c: Context) -> str:
    """Every source with publisher, title, dates and address."""
    return reference.sources_list(c.book)


@macro('cite("bls-oews-29-2053")')
def cite(c: Context, source_id: str) -> str:
    """An inline link to one source on the sources page."""
    return reference.cite(c.book, source_id, c.links.md_link(SOURCES_PAGE))


@macro("voices()")
def voices(c: Context) -> str:
    """First-hand accounts, each marked fictional or shared with consent."""
    return reference.voices(c.book)


@macro("role_aliases()")
def role_aliases(c: Context) -> str:
    """Other names for the role, comma-separated."""
    return reference.role_aliases(c.book)


@macro("level_title(levels[-1].id)")
def level_title(c: Context, level_id: str) -> str:
    """A level's title as this facility names it."""
    require(c.book.by_id(Level), level_id, "level")
    return inline(c.book.level_title(level_id))


@macro('page_link("facilities/customize.md", "Customize for your facility")')
def page_link(c: Context, target: str, text: str) -> str:
    """A link to another page (a path under docs/), or just its text where this edition hides that page.

    Use it for links into pages a facility may hide, such as the Contribute section."""
    if target in c.links.hidden:
        return inline(text)
    return f"[{inline(text)}]({c.links.md_link(target)})"


@macro('term("c-ssrs")')
def term(c: Context, term_id: str) -> str:
    """A glossary term, linked to its glossary entry."""
    require(c.book.by_id(Term), term_id, "glossary term")
    entry = c.book.by_id(Term)[term_id]
    return f"[{inline(entry.term)}]({c.links.md_link(GLOSSARY_PAGE)}#term-{term_id})"


@macro('fact("who-sets-observation")')
def fact(c: Context, fact_id: str) -> str:
    """A statement stored once in data/facts.yml, so every page says it the same way."""
    require(c.book.by_id(Fact), fact_id, "fact")
    return inline(c.book.by_id(Fact)[fact_id].text)


@macro('certification_name("cpr-first-aid")')
def certification_name(c: Context, cert_id: str) -> str:
    """A certification's or program's name, e.g. for the facility's de-escalation program."""
    require(c.book.by_id(Certification), cert_id, "certification")
    cert = c.book.by_id(Certification)[cert_id]
    return inline(f"{cert.name} ({cert.short})" if cert.short else cert.name)


@macro("state_name()")
def state_name(c: Context) -> str:
    """The facility's state written out ("Oregon"), or "your state" when the profile has none."""
    state = c.book.facility.state
    return inline(STATE_NAMES[state]) if state else "your state"


@macro("medication_role()")
def medication_role(c: Context) -> str:
    """This facility's medication role for technicians, in words."""
    return inline(MEDICATION_ROLE_NAMES[c.book.facility.scope.medication_role])


# --- Downloads ---------------------------------------------------------------------


def _downloads(c: Context) -> tuple[dict[str, str], dict[str, int]]:
    """Links and sizes for the files under downloads/ that exist in this build."""
    names = [f"{d.name}.{kind}" for d in DATASETS for kind in ("csv", "json")]
    names += [PDF_FILE, OFFLINE_FILE]
    hrefs, sizes = {}, {}
    for name in names:
        try:
            hrefs[name] = c.links.href(f"downloads/{name}")
        except RenderError:
            continue
        size = c.links.file_size(f"downloads/{name}")
        if size is not None:
            sizes[name] = size
    return hrefs, sizes


@macro("data_downloads()")
def data_downloads(c: Context) -> str:
    """The handbook's data as CSV and JSON files for HR and learning systems, with links."""
    return downloads.data_downloads(c.book, _downloads(c)[0])


@macro("download_columns()")
def download_columns(c: Context) -> str:
    """Every column of every data download and what it holds."""
    return downloads.download_columns()


@macro("handbook_downloads()")
def handbook_downloads(c: Context) -> str:
    """Links to the whole-handbook PDF and offline copy, when this build has them."""
    return downloads.handbook_downloads(*_downloads(c))


# A facility's differences page names every record its scope hides; a live example on
# the reference page would bring hidden duties back into that edition's site.
@macro("edition_differences()", not_run="See the live result on the page How this edition differs.")
def edition_differences(c: Context) -> str:
    """Every record and profile value this edition changes from the standard edition."""
    return render_edition_differences(compare(c.standard(), c.book, c.page_changes))


# --- Contributor pages --------------------------------------------------------------


@macro("review_status(overdue_only=True)")
def review_status(c: Context, overdue_only: bool = False) -> str:
    """Every page with its owner role, last review and next due date; overdue pages first.

    With overdue_only=True, only the pages whose review is overdue. Dates are as of the build."""
    return review_render.review_status(c.reviews, c.today, c.links.href, overdue_only=bool(overdue_only))


@macro("macro_reference()", not_run="This page is the live example.", name="macro_reference")
def macro_reference_page(c: Context) -> str:
    """This reference: every macro's description, call, an example and its live result."""
    if c.run_example is None:
        raise RenderError("the macro reference needs the page sandbox to run its examples")
    bound = bind(c)
    results: dict[str, str] = {}
    for entry in TABLE:
        if entry.not_run:
            results[entry.name] = entry.not_run
            continue
        try:
            results[entry.name] = c.run_example(entry.example)
        except Exception as error:  # say which example broke, not just that the page did
            raise RenderError(f"the example for {entry.name} ({entry.example}) failed: {error}") from None
    return macro_reference.macro_reference(bound, {e.name: e.example for e in TABLE}, results)


def names() -> Mapping[str, Macro]:
    return {entry.name: entry for entry in TABLE}
