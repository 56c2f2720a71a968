"""The npm libraries the site serves (Mermaid, pan/zoom), as the installed package carries them.

The package build (`setup.py`) puts each library's files, its `package.json` and its licence,
at the version `package-lock.json` pins, into `browser-libraries/<package>/`, laid out as in
node_modules (a folder name Python cannot import: setuptools takes it for data, not code); the
plugin serves them from there, so a site needs neither Node nor npm. Standard library only
and no relative imports: `setup.py` loads this file by itself, before the package's
dependencies are installed.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

#: The packaged libraries, each in `<package>/` as under node_modules.
VENDOR = Path(__file__).resolve().parent / "browser-libraries"
#: The files of a package published with it besides those served (its licence, by any
#: of the names npm packages give it: LICENSE, LICENSE.md, MIT-License.txt, ...).
LICENCE = re.compile(r"(.*[-_.])?licen[cs]e([-_.].*)?", re.IGNORECASE)


@dataclass(frozen=True)
class NpmFile:
    """A file of an npm package that the site serves."""

    package: str  # the package's npm name, pinned in package-lock.json
    file: str  # its path inside the package

    @property
    def npm(self) -> str:
        """Its path under node_modules, and under `VENDOR`."""
        return f"{self.package}/{self.file}"


MERMAID = NpmFile("mermaid", "dist/mermaid.min.js")
PANZOOM = NpmFile("@panzoom/panzoom", "dist/panzoom.min.js")
#: Every npm file the package carries (site_assets.BROWSER_FILES says where each is served).
FILES = (MERMAID, PANZOOM)


class MissingLibrary(LookupError):
    """The package carries no copy of a library: a source tree that was never built."""


def packaged(npm_file: NpmFile) -> Path:
    """The packaged copy of `npm_file`."""
    path = VENDOR / npm_file.npm
    if not path.is_file():
        raise MissingLibrary(
            f"the installed package carries no {npm_file.npm}; reinstall it from its wheel, or "
            "in a clone of its repository run `make setup` (it copies the files npm installed)"
        )
    return path


@functools.cache
def packaged_version(package: str) -> str:
    """The version of a packaged library, from its `package.json`."""
    manifest = VENDOR / package / "package.json"
    if not manifest.is_file():
        raise MissingLibrary(f"the installed package carries no {package}/package.json")
    return str(json.loads(manifest.read_text("utf-8"))["version"])
