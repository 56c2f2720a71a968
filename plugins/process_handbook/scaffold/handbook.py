"""`handbook init`: a new handbook in an empty folder, every text in one language.

The site configuration, the home page, `organization.yml` and an example process come from
the templates in `handbook/` (each text given in Chinese and English); the CI workflow and the
script it runs are the package's copies of `ci-templates/github-actions.yml` and
`handbook-ci.sh`; the editor schemas are generated.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ..characters import printable
from ..schema import SchemaName, json_schema, schema_text
from . import ScaffoldError, template

PROCESSES = "processes"
#: Written file → the template it comes from.
_TEMPLATES = {
    "mkdocs.yml": "handbook/mkdocs.yml.j2",
    "docs/index.md": "handbook/index.md.j2",
    f"{PROCESSES}/organization.yml": "handbook/organization.yml.j2",
    f"{PROCESSES}/purchase-request.yml": "handbook/purchase-request.yml.j2",
}
WORKFLOW = ".github/workflows/handbook.yml"
#: The steps the workflow runs (`bash ci/handbook-ci.sh validate` …), as the template expects.
CI_SCRIPT = "ci/handbook-ci.sh"
_SCHEMAS: tuple[SchemaName, ...] = ("process", "organization")


def new_handbook(folder: Path, language: str) -> list[Path]:
    """Write a handbook into `folder` (created if missing; it must be empty, or hold only a
    fresh `.git`) and return the files written, in order."""
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(
            f"{printable(folder.as_posix())} is a file", "name a new or empty folder"
        )
    if folder.is_dir() and any(entry.name != ".git" for entry in folder.iterdir()):
        raise ScaffoldError(
            f"{printable(folder.as_posix())} is not empty; nothing written",
            "name a new or empty folder, e.g. `handbook init my-handbook`",
        )
    files = {name: template(source, language).render() for name, source in _TEMPLATES.items()}
    for kind in _SCHEMAS:
        files[f"schemas/{kind}.schema.json"] = schema_text(json_schema(kind))
    files[".gitignore"] = _package_text("handbook/gitignore")  # the built site and the build cache
    files[WORKFLOW] = _package_text("ci/github-actions.yml")
    files[CI_SCRIPT] = _package_text("ci/handbook-ci.sh")
    written = []
    for name, text in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8", newline="\n") as out:  # "x": never overwrite
            out.write(text)
        written.append(target)
    return written


def _package_text(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text("utf-8")
