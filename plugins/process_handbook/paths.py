"""Where each generated page and file lives; URLs are stable because people bookmark them.

A process page is `processes/<id>.md` whatever folder its YAML file sits in,
so moving a file between folders never breaks a link.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

PROCESS_INDEX = "processes/index.md"
DEPARTMENT_INDEX = "departments/index.md"
ROLE_INDEX = "roles/index.md"
TOOLS = "tools/index.md"
ONBOARDING = "onboarding/index.md"
GOALS = "goals/index.md"
REVIEW = "review/index.md"
RESPONSIBILITY = "responsibility/index.md"
GLOSSARY = "glossary/index.md"
#: The data of the "Who owns…?" finder, next to the script that reads it.
FINDER_INDEX = "assets/process-handbook/finder.json"
METRICS = "metrics/index.md"
ERRORS = "errors.md"


def process_page(process_id: str) -> str:
    return f"processes/{process_id}.md"


def department_page(department_id: str) -> str:
    return f"departments/{department_id}.md"


def role_page(role_id: str) -> str:
    return f"roles/{role_id}.md"


#: Where template files are published: a `.md` template there is a file, not a page.
DOWNLOADS = "downloads/"


def download(file: str) -> str:
    """A template file, byte-identical, under downloads/ with its path inside processes/."""
    return f"{DOWNLOADS}{file}"


def meeting_calendar(process_id: str, meeting_id: str) -> str:
    """One meeting's calendar (.ics); its address must not change, people import it once."""
    return f"calendars/{process_id}/{meeting_id}.ics"


def department_calendar(department_id: str) -> str:
    """Every meeting of a department and its roles (.ics), to subscribe to."""
    return f"calendars/departments/{department_id}.ics"


def process_export(process_id: str, extension: str) -> str:
    """A process's responsibility table and RACI matrix as a spreadsheet: `xlsx` or `csv`."""
    return f"exports/{process_id}.{extension}"


def handbook_export(extension: str) -> str:
    """Every process's responsibility table in one spreadsheet: `xlsx` or `csv`."""
    return f"exports/handbook.{extension}"


def page_url(page: str, directory_urls: bool = True) -> str:
    """The site-relative URL MkDocs serves a docs page at: `processes/x/` (or `processes/x.html`)."""
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        folder = stem.removesuffix("index")
        return folder if directory_urls else f"{folder}index.html"
    return f"{stem}/" if directory_urls else f"{stem}.html"


def href(from_page: str, target: str, directory_urls: bool = True) -> str:
    """A link as a browser follows it, from the URL a page is served at to another page or file.

    For HTML that the page writes itself: nothing rewrites `.md` links inside raw HTML.
    """
    path, _, fragment = target.partition("#")
    fragment = f"#{fragment}" if fragment else ""
    if not path or path == from_page:
        return fragment or "./"
    here = page_url(from_page, directory_urls)
    is_page = path.endswith(".md") and not path.startswith(DOWNLOADS)
    there = page_url(path, directory_urls) if is_page else path
    folder = here if here.endswith("/") else posixpath.dirname(here)
    relative = _relpath(there, folder.rstrip("/") or ".")
    if there.endswith("/") and relative != ".":
        relative += "/"
    return ("./" if relative == "." else relative) + fragment


def step_anchor(step_id: str) -> str:
    return f"step-{step_id}"


def relative(from_page: str, target: str) -> str:
    """A link from one docs-relative page to another path (Markdown resolves .md links)."""
    fragment = ""
    if "#" in target:
        target, fragment = target.split("#", 1)
        fragment = "#" + fragment
    if not target or target == from_page:
        return fragment or posixpath.basename(from_page)
    return _relpath(target, posixpath.dirname(from_page) or ".") + fragment


@lru_cache(maxsize=1 << 16)
def _relpath(target: str, folder: str) -> str:
    """`posixpath.relpath`, remembered: a handbook's pages link to the same few thousand paths
    from a handful of folders, and relpath asks the operating system for the working
    directory on every call (a quarter of the rendering time of 1,000 processes)."""
    return posixpath.relpath(target, folder)
