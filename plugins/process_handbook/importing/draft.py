"""An imported process as the text of a process file: readable YAML, TODOs at the top.

Every value is written so the reader takes it back exactly as it was: plain where
YAML would read it as the same text, quoted where it would not (`15:00`, `yes`,
`- x`), multi-line descriptions as literal blocks. A step's `next` is written
only where it is not the spec's default (the following step; the last one ends).
"""

from __future__ import annotations

import re

import yaml

from ..characters import FORBIDDEN
from ..model.entities import END
from .bpmn import Imported, Step

PROCESS_OWNER_PLACEHOLDER = "todo-process-owner"
#: The order fields are written in, as in the format reference.
STEP_FIELDS = (
    "support",
    "responsible",
    "consulted",
    "informed",
    "description",
    "inputs",
    "outputs",
    "duration",
    "tools",
    "approval",
)
_BLOCK_SAFE = re.compile(r"[^\s][^\r]*\Z", re.DOTALL)


def draft(imported: Imported, source: str) -> str:
    """The process file's text; `source` is the imported file's name, for the header."""
    notes = list(imported.notes)
    owner = imported.owner
    if owner is None:
        owner = PROCESS_OWNER_PLACEHOLDER
        notes.append(f"owner: replace {owner} with the role id of the process owner (流程负责人)")
    lines = [
        f"# Imported from {_comment(source)} by `handbook import bpmn`: a draft (status: draft).",
        "# Check every step, fill in what the TODOs name, then run `handbook validate`.",
        *(f"# TODO: {_comment(note)}" for note in notes),
        "",
        f"title: {scalar(imported.title)}",
        f"id: {imported.id}",
        "status: draft",
        f"owner: {owner}",
    ]
    if imported.summary:
        lines += _field("summary", imported.summary, 0)
    lines.append(f"lanes: [{', '.join(lane.department for lane in imported.lanes)}]")
    lines += ["", "steps:"]
    for index, step in enumerate(imported.steps):
        following = imported.steps[index + 1].id if index + 1 < len(imported.steps) else END
        lines += _step(step, following)
    if imported.templates:
        lines += ["", "templates:"]
        for template in imported.templates:
            first = True
            for key in ("id", "name", "file", "description"):
                if key in template:
                    lines += _field(key, template[key], 4, "  - " if first else "    ")
                    first = False
    return "\n".join(lines) + "\n"


def _step(step: Step, following: str) -> list[str]:
    lines = [f"  - id: {step.id}", *_field("name", step.name, 4)]
    if step.kind != "task":
        lines.append(f"    kind: {step.kind}")
    if step.process:
        lines.append(f"    process: {step.process}")
    lines += [f"    lane: {step.lane.department}", f"    owner: {step.owner}"]
    responsible = step.fields.get("responsible")
    for key in STEP_FIELDS:
        if key not in step.fields or (key == "responsible" and responsible == [step.owner]):
            continue
        lines += _field(key, step.fields[key], 4)
    if step.kind == "decision":
        lines.append("    next:")
        for branch in step.next:
            lines.append(f"      - to: {branch.to}")
            lines.append(f"        when: {scalar(branch.when or 'TODO')}")
            if branch.when is None:
                lines[-1] += "   # TODO: the flow has no name: write the branch condition"
    elif [b.to for b in step.next] != [following]:
        lines.append(f"    next: {step.next[0].to if step.next else END}")
    return [*lines, ""]


def _field(key: str, value: object, indent: int, lead: str | None = None) -> list[str]:
    pad = lead if lead is not None else " " * indent
    if isinstance(value, bool):
        return [f"{pad}{key}: {'true' if value else 'false'}"]
    if isinstance(value, list):
        return [f"{pad}{key}: [{', '.join(scalar(str(v), flow=True) for v in value)}]"]
    text = _clean(str(value))
    body = text.rstrip("\n")
    trailing = len(text) - len(body)
    lines = body.split("\n")
    if (
        len(lines) > 1
        and trailing <= 1
        and _BLOCK_SAFE.match(body)
        and all(line == line.rstrip() for line in lines)
    ):
        inner = " " * (indent + 2)
        head = f"{pad}{key}: |" + ("" if trailing else "-")
        return [head, *(f"{inner}{line}" if line else "" for line in lines)]
    return [f"{pad}{key}: {scalar(text)}"]


def scalar(text: str, *, flow: bool = False) -> str:
    """`text` as a YAML scalar that reads back as the same string (quoted only when it must be)."""
    text = _clean(text)
    dumped = yaml.safe_dump(
        [text] if flow else text, allow_unicode=True, width=1 << 30, default_flow_style=flow
    )
    if flow:
        return dumped.strip()[1:-1]
    return dumped.removesuffix("\n...\n").removesuffix("\n")


def _clean(text: str) -> str:
    """Without the control characters the reader refuses (a BPMN file can hold them as `&#7;`)."""
    return FORBIDDEN.sub("", text)


def _comment(text: str) -> str:
    return " ".join(_clean(text).split())
