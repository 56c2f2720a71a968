"""Rule 7: template files exist, are regular files, and stay inside processes/; their paths are
written so that the site can publish them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .. import limits, paths
from ..characters import token
from ..diagnostics import ERROR, Reporter, Rule
from ..loading.files import DANGLING_LINK, LINK_LOOP, follow, link_problem
from ..model.entities import Process, Template
from .locate import mark_of
from .registry import FileContext, ValidationRule

TEMPLATE_PATH = ValidationRule(
    code="template-path",
    severity=ERROR,
    summary="a template path the site cannot publish: written with \\, with an empty or hidden "
    "(.name) part, or a name too long for a file system",
    fix="write the path relative to processes/ with / between folders, e.g. templates/form.docx",
)
TEMPLATE_OUTSIDE = ValidationRule(
    code="template-outside",
    severity=ERROR,
    summary="a template file outside the processes folder (a path out of it, or a link)",
    fix="put the file itself under processes/ and write the path relative to it",
)
TEMPLATE_MISSING = ValidationRule(
    code="template-missing",
    severity=ERROR,
    summary="a template file that does not exist (its check also reports a template that is a "
    "dangling link or a loop of links, as dangling-link and link-loop)",
    fix="add the file, or correct the path (relative to processes/, letter case matters)",
)
TEMPLATE_NOT_FILE = ValidationRule(
    code="template-not-file",
    severity=ERROR,
    summary="a template `file` that names a folder or other non-file",
    fix="point `file` at the document itself",
)

#: A template with what is wrong with it: the rule, the message, a precise fix (or None).
_Finding = tuple[Template, Rule, str, str | None]


def _findings(process: Process, root: Path) -> Iterator[_Finding]:
    """Each template file with what is wrong with it (at most one problem per template)."""
    resolved_root = root.resolve()
    for template in process.templates:
        if not template.file:
            continue
        problem = _path_problem(template.file)
        if problem is not None:
            yield template, *problem
            continue
        path = root / template.file
        outcome, target = follow(path, resolved_root)
        if outcome == "dangling" and not path.is_symlink() and _no_link_on_the_way(path, root):
            yield (
                template,
                TEMPLATE_MISSING,
                f"template file '{token(template.file)}' does not exist",
                None,
            )
        elif outcome != "inside":
            link = link_problem(template.file, outcome)
            rule = TEMPLATE_OUTSIDE if outcome == "outside" else link.rule
            yield template, rule, link.message, link.hint or link.rule.fix
        elif not target.is_file():
            yield (
                template,
                TEMPLATE_NOT_FILE,
                f"'{token(template.file)}' is not a regular file",
                None,
            )


def _path_problem(file: str) -> tuple[Rule, str, str | None] | None:
    """What is wrong with how a template path is written, as (rule, message, fix)."""
    shown = token(file)
    if "\\" in file:
        return (
            TEMPLATE_PATH,
            f"'{shown}' is written with \\ between folders",
            "write the path with / as the separator, e.g. templates/form.docx",
        )
    parts = file.split("/")
    if file.startswith("/") or ".." in parts or ":" in parts[0]:
        return (
            TEMPLATE_OUTSIDE,
            f"'{shown}' points outside the processes folder",
            "put the file under processes/ (e.g. processes/templates/) and write the path "
            "relative to it",
        )
    if any(part in ("", ".") for part in parts):
        return (
            TEMPLATE_PATH,
            f"'{shown}' has an empty folder name in it",
            "write it as folder/file, e.g. templates/form.docx",
        )
    if any(part.startswith(".") for part in parts):
        return (
            TEMPLATE_PATH,
            f"'{shown}' names a hidden file or folder (starting with '.'), which is not published",
            "rename it without the leading dot",
        )
    published = paths.published_name(parts[-1])
    if any(len(part.encode("utf-8")) > limits.MAX_NAME_BYTES for part in [*parts[:-1], published]):
        return (
            TEMPLATE_PATH,
            f"a folder or file name in '{shown}' is too long to publish "
            f"(at most {limits.MAX_NAME_BYTES} bytes each"
            + (", with the suffix the site adds" if published != parts[-1] else "")
            + ")",
            "shorten the file name",
        )
    return None


def _no_link_on_the_way(path: Path, root: Path) -> bool:
    """True when no folder between `root` and `path` is a link (so "missing" is the truth)."""
    for parent in path.relative_to(root).parents:
        if parent != Path(".") and (root / parent).is_symlink():
            return False
    return True


def _report(process: Process, context: FileContext, reporters: dict[Rule, Reporter]) -> None:
    """Report the findings of the rules in `reporters`, each to its reporter."""
    for template, rule, message, hint in _findings(process, context.root):
        if rule in reporters:
            reporters[rule](mark_of(template, "file"), message, hint)


@TEMPLATE_PATH.in_process
def _template_path(process: Process, context: FileContext, report: Reporter) -> None:
    _report(process, context, {TEMPLATE_PATH: report})


@TEMPLATE_OUTSIDE.in_process
def _template_outside(process: Process, context: FileContext, report: Reporter) -> None:
    _report(process, context, {TEMPLATE_OUTSIDE: report})


@TEMPLATE_MISSING.in_process
def _template_missing(process: Process, context: FileContext, report: Reporter) -> None:
    """A missing file; and a template that is a link leading nowhere, reported with the
    loader's own rules for such links (the same fact, the same code)."""
    reporters = {TEMPLATE_MISSING: report} | {
        rule: report.to(rule) for rule in (DANGLING_LINK, LINK_LOOP)
    }
    _report(process, context, reporters)


@TEMPLATE_NOT_FILE.in_process
def _template_not_file(process: Process, context: FileContext, report: Reporter) -> None:
    _report(process, context, {TEMPLATE_NOT_FILE: report})
