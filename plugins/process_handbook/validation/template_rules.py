"""Rule 7: template files exist, are regular files, and stay inside processes/."""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Report
from ..limits import MAX_NAME_BYTES
from ..characters import token
from ..loading.files import follow, link_problem
from ..model.entities import Process
from .. import paths
from .locate import mark_of


def check_templates(process: Process, root: Path, report: Report) -> None:
    resolved_root = root.resolve()
    for template in process.templates:
        if not template.file:
            continue
        at = mark_of(template, "file")
        problem = _path_problem(template.file)
        if problem is not None:
            report.error(at, *problem)
            continue
        path = root / template.file
        outcome, target = follow(path, resolved_root)
        if outcome == "dangling" and not path.is_symlink() and _no_link_on_the_way(path, root):
            report.error(
                at,
                "template-missing",
                f"template file '{token(template.file)}' does not exist",
                "add the file, or correct the path (relative to processes/, letter case matters)",
            )
        elif outcome != "inside":
            link = link_problem(template.file, outcome)
            code = "template-outside" if outcome == "outside" else link.code
            report.error(at, code, link.message, link.hint)
        elif not target.is_file():
            report.error(
                at,
                "template-not-file",
                f"'{token(template.file)}' is not a regular file",
                "point `file` at the document itself",
            )


def _path_problem(file: str) -> tuple[str, str, str] | None:
    """What is wrong with how a template path is written, as (code, message, fix)."""
    shown = token(file)
    if "\\" in file:
        return (
            "template-path",
            f"'{shown}' is written with \\ between folders",
            "write the path with / as the separator, e.g. templates/form.docx",
        )
    parts = file.split("/")
    if file.startswith("/") or ".." in parts or ":" in parts[0]:
        return (
            "template-outside",
            f"'{shown}' points outside the processes folder",
            "put the file under processes/ (e.g. processes/templates/) and write the path "
            "relative to it",
        )
    if any(part in ("", ".") for part in parts):
        return (
            "template-path",
            f"'{shown}' has an empty folder name in it",
            "write it as folder/file, e.g. templates/form.docx",
        )
    if any(part.startswith(".") for part in parts):
        return (
            "template-path",
            f"'{shown}' names a hidden file or folder (starting with '.'), which is not published",
            "rename it without the leading dot",
        )
    published = paths.published_name(parts[-1])
    if any(len(part.encode("utf-8")) > MAX_NAME_BYTES for part in [*parts[:-1], published]):
        return (
            "template-path",
            f"a folder or file name in '{shown}' is too long to publish "
            f"(at most {MAX_NAME_BYTES} bytes each"
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
