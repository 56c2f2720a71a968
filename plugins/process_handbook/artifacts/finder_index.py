"""The data of the "Who owns…?" finder: every step with its owner, the people and the departments.

One JSON file (`paths.FINDER_INDEX`), read by the finder script in the browser.
Names are stored once (roles, departments, processes) and steps point to them by
position, which keeps the file small for a thousand processes. URLs are
relative to the handbook's root (the site's, or the plugin's prefix folder), as the page URLs of
the site (`directory_urls`). Everything is
plain data: the script puts it into the page as text, never as HTML.
"""

from __future__ import annotations

import json
from typing import Any

from .. import paths
from ..i18n.labels import Labels
from ..model.entities import Holder
from ..model.handbook import Handbook
from ..options import BuildOptions
from ..output import Asset

#: The interface text the finder shows, from the label catalogue of the build's language.
LABEL_KEYS = (
    "finder_label",
    "finder_placeholder",
    "finder_hint",
    "finder_none",
    "finder_count",
    "finder_more",
    "step",
    "process",
    "accountable",
    "lead",
    "supporting",
    "aliases",
    "phone",
    "mail",
    "chat",
    "list_separator",
)


def finder_index(handbook: Handbook, options: BuildOptions) -> Asset:
    labels = Labels(options.language)
    roles = handbook.organization.roles
    departments = handbook.organization.departments
    role_at = {r.id: i for i, r in enumerate(roles)}
    department_at = {d.id: i for i, d in enumerate(departments)}
    processes = [p for p in handbook.processes if p.status != "retired"]

    def url(page: str) -> str:
        return paths.page_url(page, options.directory_urls)

    data: dict[str, Any] = {
        "version": 1,
        "labels": {key: labels[key] for key in LABEL_KEYS},  # plural forms stay {one, other}
        "departments": [[d.name, url(paths.department_page(d.id)), d.id] for d in departments],
        "roles": [
            [r.name, url(paths.role_page(r.id)), [_holder(h) for h in r.holders]] for r in roles
        ],
        "processes": [[p.title, url(paths.process_page(p.id or "")), p.aliases] for p in processes],
        "steps": [
            [
                step.name,
                number,
                paths.step_anchor(step.id or ""),
                role_at.get(step.owner, -1),
                department_at.get(step.lane, -1),
                [department_at[d] for d in step.support if d in department_at],
                step.aliases,
            ]
            for number, process in enumerate(processes)
            for step in process.current_steps
        ],
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Asset(paths.FINDER_INDEX, content=text.encode("utf-8"))


def _holder(holder: Holder) -> dict[str, str]:
    """A person and the links that reach them (only values the format checked)."""
    contact = {"name": holder.name}
    if holder.phone:
        contact["phone"], contact["tel"] = str(holder.phone), holder.phone.link
    if holder.mail:
        contact["mail"] = str(holder.mail)
    if holder.chat:
        contact["chat"] = holder.chat.url
    return contact
