"""Run the cases of the corpus (tests/corpus/): a case copied into a fresh processes folder, with
its setup directives applied. The corpus tests and the rule examples the codes reference shows
(`scripts/make_rule_examples.py`) run them alike."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any, NoReturn

import pytest

from process_handbook import limits
from process_handbook.diagnostics import RULES
from process_handbook.validation import levels
from process_handbook.validation.examples import Case, read_case
from process_handbook.validation.registry import ValidationRule

CORPUS = Path(__file__).parent / "corpus"
#: The text of the files outside the processes folder that links point at.
SECRET = "not part of the handbook: secret-7f3a"


def build(source: Path, root: Path) -> Case:
    """Copy a case into `root` (a fresh processes folder) and read what it declares."""
    shutil.copytree(CORPUS / "templates", root / "templates")
    if source.is_dir():
        shutil.copytree(source, root, dirs_exist_ok=True)
    else:
        shutil.copy(source, root / source.name)
    if not (root / "organization.yml").exists():
        shutil.copy(CORPUS / "organization.yml", root / "organization.yml")
    return read_case(source)


def set_up(case: Case, root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Apply the case's setup directives; the folder to check (which may then not exist)."""
    outside = root.parent / "outside"
    outside.mkdir()
    secret = outside / "secret.docx"
    secret.write_text(SECRET, encoding="utf-8")
    (outside / "secret.yml").write_text(f"title: {SECRET}\n", encoding="utf-8")
    for link in case.setup.get("symlink-out", []):
        (root / link).symlink_to(secret)
    for link, target in case.pairs("link"):
        (root / link).parent.mkdir(parents=True, exist_ok=True)
        (root / link).unlink(missing_ok=True)  # e.g. the shared organization.yml
        (root / link).symlink_to(target)
    for folder in case.setup.get("folder", []):
        (root / folder).mkdir(parents=True)
    for name, value in case.pairs("limit"):
        assert hasattr(limits, name), name
        monkeypatch.setattr(limits, name, int(value))
    for name in case.setup.get("without", []):
        if name == "processes/":
            shutil.rmtree(root)
        else:
            (root / name).unlink()
    unreadable = {(root / name).resolve() for name in case.setup.get("unreadable", [])}
    if unreadable:
        open_file = os.open

        def refusing(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            if Path(path).resolve() in unreadable:  # as root, a file without permissions is read
                raise PermissionError(13, "Permission denied", str(path))
            return open_file(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", refusing)
    for code in case.setup.get("crash", []):
        rule = RULES[code]
        assert isinstance(rule, ValidationRule), code

        def crashing(*args: Any) -> NoReturn:
            raise RuntimeError("a bug in this rule")

        for check_kind in ("process_check", "organization_check", "across_check"):
            if getattr(rule, check_kind) is not None:
                monkeypatch.setattr(rule, check_kind, crashing)
    return root


def case_levels(case: Case) -> dict[str, Any]:
    return levels(dict(case.pairs("level")))
