"""The handbook's own stylesheet and scripts, which every site that shows its pages serves."""

from __future__ import annotations

from importlib import resources

from ..output import Asset

ASSET_DIR = "assets/process-handbook"
STYLESHEET = f"{ASSET_DIR}/handbook.css"
SCRIPT = f"{ASSET_DIR}/handbook.js"
#: Sorts the tables inside `.ph-sortable` by the column whose header is selected.
SORT_SCRIPT = f"{ASSET_DIR}/sort.js"
#: The page scripts, in the order a site loads them (pages.js first: the others register with it).
PAGE_SCRIPTS = (
    f"{ASSET_DIR}/pages.js",
    f"{ASSET_DIR}/finder.js",
    f"{ASSET_DIR}/checklist.js",
    f"{ASSET_DIR}/search.js",
)
SCRIPTS = (SCRIPT, SORT_SCRIPT, *PAGE_SCRIPTS)


def site_assets() -> list[Asset]:
    """The stylesheet and scripts, read from the package."""
    folder = resources.files(__package__).joinpath("assets")
    return [
        Asset(path, content=folder.joinpath(path.rsplit("/", 1)[1]).read_bytes())
        for path in (STYLESHEET, *SCRIPTS)
    ]
