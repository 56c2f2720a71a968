"""A large handbook turns on Material's navigation.prune (every page would otherwise carry the
whole navigation: pages over 300 KB and a theme whose work grows with pages²)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from process_handbook.adapters.mkdocs_nav import LARGE_HANDBOOK, PRUNE, pruned_features
from process_handbook.adapters.mkdocs_plugin import ProcessHandbookPlugin


def test_a_large_handbook_gets_pruned_navigation_added_to_its_features() -> None:
    assert pruned_features(["navigation.tabs"], LARGE_HANDBOOK) == ["navigation.tabs", PRUNE]


def test_a_smaller_handbook_keeps_its_features() -> None:
    assert pruned_features(["navigation.tabs"], LARGE_HANDBOOK - 1) is None


def test_features_that_list_prune_or_the_incompatible_expand_stay_as_they_are() -> None:
    assert pruned_features([PRUNE], LARGE_HANDBOOK * 5) is None
    assert pruned_features(["navigation.expand"], LARGE_HANDBOOK * 5) is None


def _site(tmp_path: Path, processes: int, features: list[str]) -> MkDocsConfig:
    folder = tmp_path / "processes"
    folder.mkdir()
    for n in range(processes):  # only counted, never read
        (folder / f"p{n:04}.yml").write_text("id: x\n", "utf-8")
    (tmp_path / "docs").mkdir()
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(
        yaml.safe_dump({"site_name": "x", "theme": {"name": "material", "features": features}}),
        "utf-8",
    )
    return load_config(str(config_file))


@pytest.mark.parametrize(("processes", "pruned"), [(LARGE_HANDBOOK, True), (20, False)])
def test_the_plugin_prunes_the_navigation_of_a_large_handbook_only(
    tmp_path: Path, processes: int, pruned: bool
) -> None:
    config = _site(tmp_path, processes, ["navigation.tabs"])
    plugin = ProcessHandbookPlugin()
    plugin.processes_dir = tmp_path / "processes"
    plugin._prune_large_navigation(config)
    assert (PRUNE in config.theme["features"]) is pruned
    assert "navigation.tabs" in config.theme["features"]
