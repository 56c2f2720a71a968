"""`handbook new`: a commented starter process file that validates the moment it is written.

The text lives in `starter.yml.j2`; this module checks the names it is given
against the handbook (so the file is valid in *this* handbook) and writes it,
never over an existing file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

import jinja2
import yaml

from ..characters import printable
from ..diagnostics import Diagnostic
from ..loading.files import SUFFIXES, name_problem
from ..model.fields import SLUG_PATTERN
from ..model.handbook import Handbook
from ..suggest import did_you_mean

_SLUG = re.compile(SLUG_PATTERN)
_BLANKS = re.compile(r"\s+")


class ScaffoldError(Exception):
    """A name that would make the new file invalid, or a file that already exists."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


def new_process(
    root: Path,
    handbook: Handbook,
    *,
    process_id: str,
    title: str,
    owner: str,
    lane: str | None = None,
    folder: str = "",
    language: str = "zh",
    schema: Path,
    check: Callable[[str, bytes], list[Diagnostic]] | None = None,
) -> Path:
    """Write `<root>/<folder>/<process_id>.yml` and return its path.

    `check` gives the findings the text would have as that file (relative path, bytes);
    the file is written only when it has no error (`pipeline.check_new_file`).

    `handbook` is the handbook read from `root` (ids are checked against it);
    `schema` is the process JSON Schema the editor line points at; `language` (zh or en) is
    the language of its comments and placeholders.
    """
    title = _BLANKS.sub(" ", title).strip()
    if not _SLUG.match(process_id):
        raise ScaffoldError(
            f"'{printable(process_id)}' cannot be a process id",
            "use lowercase letters a-z, digits, - and _, e.g. purchase-request",
        )
    if not title:
        raise ScaffoldError(
            "the title is empty", "give the process a title, e.g. --title 采购申请流程"
        )
    role = handbook.roles.get(owner)
    if role is None:
        names = {r.name: r.id for r in handbook.roles.values()}
        raise ScaffoldError(
            f"unknown role '{printable(owner)}'", _suggestion(owner, handbook.roles, names, "role")
        )
    lane = lane or role.department
    department = handbook.departments.get(lane)
    if department is None:
        names = {d.name: d.id for d in handbook.departments.values()}
        raise ScaffoldError(
            f"unknown department '{printable(lane)}'",
            _suggestion(lane, handbook.departments, names, "department"),
        )
    existing = handbook.process_by_id.get(process_id)
    if existing is not None:
        raise ScaffoldError(
            f"a process with the id '{process_id}' already exists ({existing.file})",
            "choose another id, or edit the existing file",
        )
    target = root / _folder(folder) / f"{process_id}.yml"
    text = template("starter.yml.j2", language).render(
        id=process_id,
        title=title,
        owner=owner,
        owner_name=role.name,
        lane=lane,
        lane_name=department.name,
        schema=Path(os.path.relpath(schema.resolve(), target.parent.resolve())).as_posix(),
    )
    relative = target.relative_to(root).as_posix()
    found = check(relative, text.encode("utf-8")) if check is not None else []
    errors = [d for d in found if d.is_error]
    if errors:
        raise ScaffoldError(
            f"the new file would not validate: {errors[0].message}",
            errors[0].hint or "change the names given to `handbook new`",
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8", newline="\n") as out:  # "x": never overwrite
            out.write(text)
    except FileExistsError:
        raise ScaffoldError(
            f"{target} already exists", "it is left as it is; choose another id"
        ) from None
    return target


def _suggestion(word: str, ids: Iterable[str], names: dict[str, str], noun: str) -> str:
    """The fix line: the closest id (a display name such as 财务总监 counts too)."""
    guess = did_you_mean(word, ids, names)
    if guess:
        return f"did you mean '{guess}'? use the {noun} id from organization.yml"
    return f"use a {noun} id defined in organization.yml"


def _folder(folder: str) -> PurePosixPath:
    """A sub-folder of the processes folder, checked to stay inside it and be seen by the loader."""
    path = PurePosixPath(folder.replace("\\", "/").rstrip("/"))
    if path.is_absolute() or any(part.startswith(".") for part in path.parts):  # "..", ".hidden"
        raise ScaffoldError(
            f"'{printable(folder)}' is not a sub-folder of the processes folder",
            "name a folder inside it, e.g. --folder finance (folders starting with '.' are ignored)",
        )
    for part in path.parts:
        if name_problem(part) is not None or part.lower().endswith(SUFFIXES):
            raise ScaffoldError(
                f"'{printable(folder)}' cannot be a folder of the handbook",
                "name the folder with letters, digits, - and _ (not ending in .yml)",
            )
    return path


def template(name: str, language: str) -> jinja2.Template:
    """A scaffold template whose `t("中文", "English")` gives the text of `language`."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("process_handbook.scaffold", "."),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["yaml"] = _yaml_scalar
    env.filters["comment"] = lambda text: _BLANKS.sub(
        " ", str(text)
    ).strip()  # one line, stays a comment
    env.globals["t"] = lambda zh, en: zh if language == "zh" else en
    env.globals["language"] = language
    return env.get_template(name)


def _yaml_scalar(text: str) -> str:
    """Text as a YAML value that reads back as exactly this string (quoted only when needed)."""
    dumped = yaml.safe_dump(text, allow_unicode=True, default_flow_style=True, width=1_000_000)
    return dumped.removesuffix("\n...\n").strip()
