"""Every file the handbook's pages need in the browser, in the order a page loads them.

This is the one list: the MkDocs plugin serves all of them, and `handbook generate` writes
all of them, the npm ones as the package carries them (`browser_libraries`), for a site that
shows the pages some other way to list in its configuration.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from .. import browser_libraries
from ..browser_libraries import NpmFile, packaged
from ..output import Asset

ASSET_DIR = "assets/process-handbook"


@dataclass(frozen=True)
class BrowserFile:
    path: str  # where the site serves it
    npm: NpmFile | None = None  # the npm file it is (pinned in package-lock.json), else ours

    @property
    def is_script(self) -> bool:
        return self.path.endswith(".js")


#: Mermaid first (it draws the diagrams), then pan/zoom, the handbook's layout, its viewer.
MERMAID = BrowserFile(f"{ASSET_DIR}/mermaid.min.js", npm=browser_libraries.MERMAID)
PANZOOM = BrowserFile(f"{ASSET_DIR}/panzoom.min.js", npm=browser_libraries.PANZOOM)
BROWSER_FILES = (
    MERMAID,
    PANZOOM,
    BrowserFile(f"{ASSET_DIR}/swimlane-layout.js"),
    BrowserFile(f"{ASSET_DIR}/swimlane.js"),
    BrowserFile(f"{ASSET_DIR}/handbook.js"),
    #: Sorts the tables inside `.ph-sortable` by the column whose header is selected.
    BrowserFile(f"{ASSET_DIR}/sort.js"),
    #: The page scripts (pages.js first: the others register with it).
    BrowserFile(f"{ASSET_DIR}/pages.js"),
    BrowserFile(f"{ASSET_DIR}/finder.js"),
    BrowserFile(f"{ASSET_DIR}/checklist.js"),
    BrowserFile(f"{ASSET_DIR}/search.js"),
    BrowserFile(f"{ASSET_DIR}/handbook.css"),
)
STYLESHEET = BROWSER_FILES[-1].path


def site_assets() -> list[Asset]:
    """The handbook's own files (not the npm ones), read from the package."""
    folder = resources.files(__package__).joinpath("assets")
    return [
        Asset(f.path, content=folder.joinpath(f.path.rsplit("/", 1)[1]).read_bytes())
        for f in BROWSER_FILES
        if f.npm is None
    ]


def npm_assets() -> list[Asset]:
    """The npm files (Mermaid, pan/zoom), copied from the package; `MissingLibrary` when it
    carries none."""
    return [Asset(f.path, source=packaged(f.npm)) for f in BROWSER_FILES if f.npm is not None]
