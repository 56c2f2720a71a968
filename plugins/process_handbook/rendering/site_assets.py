"""The handbook's own stylesheet and script, which every site that shows its pages serves."""

from __future__ import annotations

from importlib import resources

from ..output import Asset

ASSET_DIR = "assets/process-handbook"
STYLESHEET = f"{ASSET_DIR}/handbook.css"
SCRIPT = f"{ASSET_DIR}/handbook.js"


def site_assets() -> list[Asset]:
    """The stylesheet and script, read from the package."""
    folder = resources.files(__package__).joinpath("assets")
    return [
        Asset(path, content=folder.joinpath(path.rsplit("/", 1)[1]).read_bytes())
        for path in (STYLESHEET, SCRIPT)
    ]
