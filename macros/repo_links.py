"""'Edit this page' and 'Suggest a change' links: plain links to the handbook's repository.

The links are ordinary ``<a href>`` navigations. Nothing here makes a visitor's browser
fetch from GitHub (Material's repository widget would call the GitHub API for star
counts; overrides/partials/source.html replaces it with a plain link). Engine-free.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from macros.facility import Facility

BRANCH = "main"
DOCS_DIR = "docs"


def repo_url(facility: Facility, upstream: str | None = None) -> str | None:
    """The repository to link to, or None for no links.

    The profile's ``repo_url`` wins. The standard edition falls back to ``upstream``
    (mkdocs.yml's ``repo_url``, which upstream owns). A facility edition without its own
    ``repo_url`` shows no links: its staff should not be sent to propose local changes
    to the upstream project by accident.
    """
    if facility.repo_url:
        return facility.repo_url.rstrip("/")
    return upstream.rstrip("/") if (facility.is_standard and upstream) else None


def edit_url(repo: str, file: str) -> str:
    """GitHub's web editor for ``file`` (a path in the repository): it forks and opens a pull request for you."""
    return f"{repo}/edit/{BRANCH}/{quote(file)}"


def suggest_url(repo: str, file: str, title: str, page_url: str | None = None) -> str:
    """A new GitHub issue, prefilled with the page's title and file (a path in the repository)."""
    where = [f"Page: {title}", f"File: {file}"]
    if page_url:
        where.append(f"Address: {page_url}")
    body = "\n".join(
        [
            *where,
            "",
            "What should change?",
            "",
            "",
            "Why? (A source or a policy helps reviewers.)",
            "",
            "",
            "Please do not include any patient information or anyone's real name.",
        ]
    )
    return f"{repo}/issues/new?" + urlencode({"title": f"Suggest a change: {title} ({file})", "body": body}, quote_via=quote)


def page_links(
    facility: Facility,
    src_path: str,
    title: str,
    page_url: str | None = None,
    upstream: str | None = None,
    file: str | None = None,
) -> dict[str, str] | None:
    """Both links for one page, or None when no repository is known.

    ``file`` is where the page lives in the repository: ``docs/<src_path>`` unless the page
    comes from elsewhere (a facility's own pages live in its facility folder, not in docs/)."""
    repo = repo_url(facility, upstream)
    if repo is None:
        return None
    file = file or f"{DOCS_DIR}/{src_path}"
    return {"repo": repo, "edit": edit_url(repo, file), "suggest": suggest_url(repo, file, title, page_url)}
