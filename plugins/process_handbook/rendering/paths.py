"""Where each generated page and file lives; URLs are stable because people bookmark them.

A process page is `processes/<id>.md` whatever folder its YAML file sits in,
so moving a file between folders never breaks a link.
"""

from __future__ import annotations

import posixpath

PROCESS_INDEX = "processes/index.md"
DEPARTMENT_INDEX = "departments/index.md"
ROLE_INDEX = "roles/index.md"
TOOLS = "tools/index.md"
ONBOARDING = "onboarding/index.md"
ERRORS = "errors.md"


def process_page(process_id: str) -> str:
    return f"processes/{process_id}.md"


def department_page(department_id: str) -> str:
    return f"departments/{department_id}.md"


def role_page(role_id: str) -> str:
    return f"roles/{role_id}.md"


def download(file: str) -> str:
    """A template file, byte-identical, under downloads/ with its path inside processes/."""
    return f"downloads/{file}"


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
    return posixpath.relpath(target, posixpath.dirname(from_page) or ".") + fragment
