"""'Edit this page' and 'Suggest a change' links: plain links to the handbook's repository.

The links are ordinary ``<a href>`` navigations. Nothing here makes a visitor's browser
fetch from the host (Material's repository widget would call the GitHub API for star
counts; overrides/partials/source.html replaces it with a plain link). Each host has
its own address scheme; the profile names the host and the branch. Engine-free.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

from handbook.model.profile import REPO_HOSTS, Facility

DOCS_DIR = "docs"
HOST_NAMES = {"github": "GitHub", "gitlab": "GitLab", "bitbucket": "Bitbucket", "azure-devops": "Azure DevOps"}


@dataclass(frozen=True)
class Repository:
    url: str  # without a trailing slash
    host: str  # github, gitlab, bitbucket or azure-devops
    branch: str

    @property
    def name(self) -> str:
        """What the header shows: owner/repo, or the last parts of the address."""
        return self.url.split("://", 1)[-1].split("/", 1)[-1]

    def edit_url(self, file: str) -> str:
        """The host's page for editing ``file`` (a path in the repository) on the branch."""
        path, branch = quote(file), quote(self.branch, safe="")
        if self.host == "gitlab":
            return f"{self.url}/-/edit/{branch}/{path}"
        if self.host == "bitbucket":
            return f"{self.url}/src/{branch}/{path}?mode=edit&spa=0"
        if self.host == "azure-devops":  # the file on the branch; Azure Repos edits from there with one click
            return f"{self.url}?" + urlencode({"path": f"/{file}", "version": f"GB{self.branch}", "_a": "contents"}, quote_via=quote)
        return f"{self.url}/edit/{branch}/{path}"

    def suggest_url(self, title: str, body: str) -> str:
        """A new issue on the host, prefilled where the host allows it."""
        if self.host == "gitlab":
            return f"{self.url}/-/issues/new?" + urlencode({"issue[title]": title, "issue[description]": body}, quote_via=quote)
        if self.host == "bitbucket":  # Bitbucket's issue form takes no prefilled text
            return f"{self.url}/issues/new"
        if self.host == "azure-devops":  # a work item in the project's Azure Boards
            project = self.url.split("/_git/", 1)[0]
            fields = {"[System.Title]": title, "[System.Description]": body.replace("\n", "<br>")}
            # Task is the one work item type that all four of Azure Boards' processes have (Basic, Agile, Scrum, CMMI)
            return f"{project}/_workitems/create/Task?" + urlencode(fields, quote_via=quote)
        return f"{self.url}/issues/new?" + urlencode({"title": title, "body": body}, quote_via=quote)


def host_of(url: str) -> str | None:
    return REPO_HOSTS.get((urlsplit(url).hostname or "").lower())


def repository(facility: Facility, upstream: str | None = None) -> Repository | None:
    """The repository to link to, or None for no links.

    The profile's ``repo_url`` wins. The standard edition falls back to ``upstream``
    (mkdocs.yml's ``repo_url``, which upstream owns). A facility edition without its own
    ``repo_url`` shows no links: its staff should not be sent to propose local changes
    to the upstream project by accident.
    """
    if facility.repo_url:
        url = facility.repo_url.rstrip("/")
        host = facility.repo_host or host_of(url)
        return Repository(url, host or "github", facility.repo_branch)  # the profile requires repo_host when unknown
    if facility.is_standard and upstream:
        url = upstream.rstrip("/")
        return Repository(url, host_of(url) or "github", facility.repo_branch)
    return None


def suggestion_body(title: str, file: str, page_url: str | None) -> str:
    where = [f"Page: {title}", f"File: {file}"]
    if page_url:
        where.append(f"Address: {page_url}")
    return "\n".join(
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


def page_links(
    repo: Repository | None, src_path: str, title: str, page_url: str | None = None, file: str | None = None
) -> dict[str, str] | None:
    """Both links for one page, or None when no repository is known.

    ``file`` is where the page lives in the repository: ``docs/<src_path>`` unless the page
    comes from elsewhere (a facility's own pages live in its facility folder, not in docs/)."""
    if repo is None:
        return None
    file = file or f"{DOCS_DIR}/{src_path}"
    return {
        "repo": repo.url,
        "edit": repo.edit_url(file),
        "suggest": repo.suggest_url(f"Suggest a change: {title} ({file})", suggestion_body(title, file, page_url)),
    }
