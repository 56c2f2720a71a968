"""Where each generated page and file lives; URLs are stable because people bookmark them.

A process page is `processes/<id>.md` whatever folder its YAML file sits in,
so moving a file between folders never breaks a link.

Every path here is relative to the handbook's root: the site's docs folder, or the folder the
MkDocs plugin's `prefix` option names inside it (the plugin mounts the whole layout there in
one place, `mkdocs_plugin._Mount`). Links between the handbook's pages are relative, so they
hold wherever the root is.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache
from urllib.parse import quote

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
#: The format reference: every field of organization.yml and of a process file (from the model).
FORMAT_REFERENCE = "reference/format.md"
#: Every diagnostic code, with its severity, fix and an example (from the rule registry).
CODES_REFERENCE = "reference/codes.md"
ERRORS = "errors.md"
#: The handbook's home page (its finder, where to start), which the MkDocs plugin mounts at its
#: `prefix` folder when the site has no page there (at the site's root, the site's own home).
HOME = "index.md"


def overview_part(overview: str, number: int) -> str:
    """Part `number` (from 1) of a cut overview page: `responsibility/parts/2.md` (a process
    named `parts` is served at `processes/parts/`, beside `processes/parts/1/`: no clash)."""
    return f"{posixpath.dirname(overview)}/parts/{number}.md"


def process_page(process_id: str) -> str:
    return f"processes/{process_id}.md"


def department_page(department_id: str) -> str:
    return f"departments/{department_id}.md"


def role_page(role_id: str) -> str:
    return f"roles/{role_id}.md"


def tool_page(tool_id: str) -> str:
    return f"tools/{tool_id}.md"


#: Where template files are published: a `.md` template there is a file, not a page.
DOWNLOADS = "downloads/"


#: Template types a browser runs when it opens them (pages, images with script, XML that can
#: hold XHTML, scripts). They are published under a neutral name, so that following a link
#: to one downloads it instead of running it on the site's own origin. (PDF is not among
#: them: browsers show it in a viewer of their own, away from the site's pages.)
ACTIVE_SUFFIXES = frozenset(
    [
        ".html",
        ".htm",
        ".xhtml",
        ".xht",
        ".shtml",
        ".svg",
        ".svgz",
        ".xml",
        ".xsl",
        ".xslt",
        ".js",
        ".mjs",
        ".mht",
        ".mhtml",
    ]
)
#: What an active template's published name ends with: an extension no server maps to a type
#: a browser would run (they send `application/octet-stream`).
NEUTRAL_SUFFIX = ".download"


def is_active(name: str) -> bool:
    """Whether a browser would run a file of this name (by its extension, in any letter case)."""
    return posixpath.splitext(name)[1].lower() in ACTIVE_SUFFIXES


def published_name(name: str) -> str:
    """The name a template file is published under: its own, or with NEUTRAL_SUFFIX when active."""
    return name + NEUTRAL_SUFFIX if is_active(name) else name


def saved_name(file: str) -> str:
    """The name a browser should save a template under (the link's `download` attribute):
    its own file name, with every character but letters, digits, `.` and `-` made a `-`."""
    name = file.rpartition("/")[2]
    return "".join(c if c.isalnum() or c in ".-" else "-" for c in name)


def download(file: str) -> str:
    """A template file, byte-identical, under downloads/ with its path inside processes/
    (an active type under its neutral name, see `published_name`)."""
    folder, _, name = file.rpartition("/")
    return f"{DOWNLOADS}{folder + '/' if folder else ''}{published_name(name)}"


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


#: Ids the site's own pages and files use, by kind of id: a process, department or role named
#: like one would collide with them (validation refuses such ids, with these reasons).
RESERVED: dict[str, dict[str, str]] = {
    "process": {
        "index": f"{PROCESS_INDEX} is the list of all processes",
        "handbook": f"{handbook_export('xlsx')} is the whole-handbook export",
        "departments": f"{department_calendar('<id>').rsplit('/', 1)[0]}/ holds the department "
        "calendars",
    },
    "department": {"index": f"{DEPARTMENT_INDEX} is the list of all departments"},
    "role": {"index": f"{ROLE_INDEX} is the list of all roles"},
}


def page_url(page: str, directory_urls: bool = True) -> str:
    """The site-relative URL MkDocs serves a docs page at: `processes/x/` (or `processes/x.html`),
    with the page's `#anchor` kept."""
    page, hash_, anchor = page.partition("#")
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        folder = stem.removesuffix("index")
        url = folder if directory_urls else f"{folder}index.html"
    else:
        url = f"{stem}/" if directory_urls else f"{stem}.html"
    return url + hash_ + anchor


@lru_cache(maxsize=1 << 17)
def href(from_page: str, target: str, directory_urls: bool = True, *, anchored: bool = True) -> str:
    """A link as a browser follows it, from the URL a page is served at to another page or file
    (percent-encoded as `relative` does; a file's `#` is part of its name when not `anchored`).

    For HTML that the page writes itself: nothing rewrites `.md` links inside raw HTML.
    Remembered: a page links to the same role, department or step many times (about half of
    a handbook's 700 links per process are repeats).
    """
    path, fragment = target, ""
    if anchored and "#" in target:
        path, fragment = target.split("#", 1)
        fragment = "#" + fragment
    if not path or path == from_page:
        return fragment or "./"
    here = page_url(from_page, directory_urls)
    is_page = path.endswith(".md") and not path.startswith(DOWNLOADS)
    there = page_url(path, directory_urls) if is_page else path
    folder = here if here.endswith("/") else posixpath.dirname(here)
    relative = _relpath(there, folder.rstrip("/") or ".")
    if there.endswith("/") and relative != ".":
        relative += "/"
    return ("./" if relative == "." else url_path(relative)) + fragment


# Anchors inside pages: the swimlane's steps link to them, people share them.


def step_anchor(step_id: str) -> str:
    """A step's place on its process page."""
    return f"step-{step_id}"


def meeting_anchor(meeting_id: str) -> str:
    """A meeting's place on its process page (calendar entries link to it)."""
    return f"meeting-{meeting_id}"


def tool_anchor(tool_id: str) -> str:
    """A tool's place on the tools page."""
    return f"tool-{tool_id}"


def record_anchor(record: str) -> str:
    """A kind of mapping's place on the format reference (`step`, `meeting`, `process`)."""
    return f"format-{record}"


def field_anchor(record: str, field: str) -> str:
    """A field's row on the format reference (`format-step-owner`)."""
    return f"format-{record}-{field}"


def code_anchor(code: str) -> str:
    """A diagnostic code's place on the codes reference."""
    return f"code-{code}"


def step_link(process_id: str, step_id: str) -> str:
    return f"{process_page(process_id)}#{step_anchor(step_id)}"


def meeting_link(process_id: str, meeting_id: str) -> str:
    return f"{process_page(process_id)}#{meeting_anchor(meeting_id)}"


def term_anchor(term_id: str) -> str:
    """A term's place on the glossary page (pages link their jargon to it)."""
    return f"term-{term_id}"


def term_link(term_id: str) -> str:
    return f"{GLOSSARY}#{term_anchor(term_id)}"


@lru_cache(maxsize=1 << 17)  # remembered, as `href` is
def relative(from_page: str, target: str, *, anchored: bool = True) -> str:
    """A link from one docs-relative page to another path (Markdown resolves .md links), as a
    URL: every character of a path that is not a letter, digit, `-`, `_`, `.`, `~` or `/` is
    percent-encoded (a template may be named `a#b (v2).docx`), so the link works in any
    Markdown and HTML. When `anchored`, `target` may end in `#anchor` (an id, never encoded);
    a file's path is given with `anchored=False`, its `#` being part of the name."""
    fragment = ""
    if anchored and "#" in target:
        target, fragment = target.split("#", 1)
        fragment = "#" + fragment
    if not target or target == from_page:
        return fragment or url_path(posixpath.basename(from_page))
    return url_path(_relpath(target, posixpath.dirname(from_page) or ".")) + fragment


def url_path(path: str) -> str:
    """A POSIX path as the path of a URL (percent-encoded, UTF-8)."""
    return quote(path, safe="/")


@lru_cache(maxsize=1 << 16)
def _relpath(target: str, folder: str) -> str:
    """`posixpath.relpath`, remembered: a handbook's pages link to the same few thousand paths
    from a handful of folders, and relpath asks the operating system for the working
    directory on every call (a quarter of the rendering time of 1,000 processes)."""
    return posixpath.relpath(target, folder)
