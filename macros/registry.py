"""The macros pages may call, bound to one loaded handbook.

Each macro is a thin wrapper over a pure renderer; its docstring is what the
macro reference page shows, so keep the first line short and say what it renders.
Engine-free: links to other pages come through ``PageLinks``, which the engine supplies.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import Protocol

from macros import render_career, render_downloads, render_onboarding, render_reference, render_roles, render_skills
from macros.differences import compare
from macros.export import DATASETS
from macros.facility import MEDICATION_ROLE_NAMES, STATE_NAMES
from macros.markup import RenderError, inline, require
from macros.model import Handbook
from macros.render_edition import edition_differences as render_edition_differences

SOURCES_PAGE = "reference/sources.md"
GLOSSARY_PAGE = "reference/glossary.md"


class PageLinks(Protocol):
    """What macros need to know about the page being rendered (the engine supplies it)."""

    def md_link(self, target: str) -> str:
        """Relative Markdown link from the current page to docs/<target>, checked by the site builder."""

    def href(self, target: str) -> str:
        """Relative URL from the current page's HTML to the built page of docs/<target>, for raw HTML."""


def relative_md(current_page: str, target: str) -> str:
    """Link from one docs/ file to another, as relative .md links are written."""
    return posixpath.relpath(target, posixpath.dirname(current_page) or ".")


def build_macros(book: Handbook, page: PageLinks, standard: Handbook | None = None) -> dict[str, Callable[..., str]]:
    """``standard`` is the standard edition, for comparing a facility edition against it."""
    def responsibilities_table(category=None, domain=None, role=None):
        """Table of responsibilities, filtered by category (primary/secondary), domain id or level id."""
        return render_roles.responsibilities_table(book, category, domain, role)

    def level_comparison(from_level, to_level):
        """What changes between two levels: skills that grow and duties that start."""
        return render_roles.level_comparison(book, from_level, to_level)

    def roles_table():
        """Roles that work alongside technicians, with focus, education and license."""
        return render_roles.roles_table(book)

    def settings_table():
        """Work settings: what each is like, its shifts and typical duties."""
        return render_roles.settings_table(book)

    def interventions_table():
        """Behavioral interventions, who leads each, and the technician's part."""
        return render_roles.interventions_table(book)

    def observation_levels_table():
        """The observation levels this facility uses, from the facility profile."""
        return render_roles.observation_levels_table(book)

    def proficiency_scale():
        """The 0-4 proficiency scale."""
        return render_skills.proficiency_scale(book)

    def skill_list(kind=None):
        """Each skill with its level descriptors; kind is hard or soft."""
        return render_skills.skill_list(book, kind)

    def skill_matrix(kind=None):
        """Expected proficiency for every skill at every level; kind is hard or soft."""
        return render_skills.skill_matrix(book, kind)

    def career_paths_table(kind=None):
        """Career paths with their requirements; kind is entry, advancement or lateral."""
        return render_career.career_paths_table(book, kind)

    def career_diagram():
        """Career map: entry roles, technician levels, and roles to move up or across to."""
        return render_career.career_diagram(book)

    def certifications_table(kind=None):
        """Education and certifications by level, with validity and who sets renewal."""
        return render_career.certifications_table(book, kind)

    def labor_table():
        """National pay and job outlook figures, each linked to its source."""
        return render_career.labor_table(book, page.href(SOURCES_PAGE))

    def onboarding_plan():
        """The onboarding phases: when, goal, patient contact and number of sign-offs."""
        return render_onboarding.onboarding_plan(book)

    def onboarding_checklist(phase=None):
        """Printable sign-off sheets for one phase id, or for every phase."""
        return render_onboarding.onboarding_checklist(book, phase)

    def glossary():
        """Every glossary term with its expansion, definition, aliases and the pages that explain it."""
        titles = getattr(page, "title", lambda target: target)
        see = {t.id: [(page.href(p), titles(p)) for p in t.see] for t in book.terms if t.see}
        return render_reference.glossary(book, see)

    def sources_list():
        """Every source with publisher, title, dates and address."""
        return render_reference.sources_list(book)

    def cite(source_id):
        """An inline link to one source on the sources page."""
        return render_reference.cite(book, source_id, page.md_link(SOURCES_PAGE))

    def voices():
        """First-hand accounts, each marked fictional or shared with consent."""
        return render_reference.voices(book)

    def role_aliases():
        """Other names for the role, comma-separated."""
        return render_reference.role_aliases(book)

    def level_title(level_id):
        """A level's title as this facility names it."""
        require(book.index("levels"), level_id, "level")
        return inline(book.level_title(level_id))

    def term(term_id):
        """A glossary term, linked to its glossary entry."""
        require(book.index("terms"), term_id, "glossary term")
        entry = book.index("terms")[term_id]
        return f"[{inline(entry.term)}]({page.md_link(GLOSSARY_PAGE)}#term-{term_id})"

    def certification_name(cert_id):
        """A certification's or program's name, e.g. for the facility's de-escalation program."""
        require(book.index("certifications"), cert_id, "certification")
        cert = book.index("certifications")[cert_id]
        return inline(f"{cert.name} ({cert.short})" if cert.short else cert.name)

    def state_name():
        """The facility's state written out ("Oregon"), or "your state" when the profile has none."""
        state = book.facility.state
        return inline(STATE_NAMES[state]) if state else "your state"

    def medication_role():
        """This facility's medication role for technicians, in words."""
        return inline(MEDICATION_ROLE_NAMES[book.facility.scope.medication_role])

    def _downloads() -> tuple[dict[str, str], dict[str, int]]:
        """Links and sizes for the files under downloads/ that exist in this build."""
        names = [f"{d.name}.{kind}" for d in DATASETS for kind in ("csv", "json")]
        names += [render_downloads.PDF_FILE, render_downloads.OFFLINE_FILE]
        hrefs, sizes = {}, {}
        for name in names:
            try:
                hrefs[name] = page.href(f"downloads/{name}")
            except RenderError:
                continue
            size = getattr(page, "file_size", lambda target: None)(f"downloads/{name}")
            if size is not None:
                sizes[name] = size
        return hrefs, sizes

    def data_downloads():
        """The handbook's data as CSV and JSON files for HR and learning systems, with links."""
        return render_downloads.data_downloads(book, _downloads()[0])

    def download_columns():
        """Every column of every data download and what it holds."""
        return render_downloads.download_columns()

    def handbook_downloads():
        """Links to the whole-handbook PDF and offline copy, when this build has them."""
        return render_downloads.handbook_downloads(*_downloads())

    def edition_differences():
        """Every record and profile value this edition changes from the standard edition."""
        return render_edition_differences(compare(standard or book, book))

    return {name: fn for name, fn in locals().items() if callable(fn) and not name.startswith("_")}
