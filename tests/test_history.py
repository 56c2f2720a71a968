"""GitHistory's batched reads answer exactly what one `git log` / `git show` per file would."""

from __future__ import annotations

from pathlib import Path

import pytest

from process_handbook.history import GitHistory
from sitekit import git


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", message)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A processes folder with files changed in different commits, one renamed, one in a
    sub-folder whose name git quotes, and a file outside the folder changed alongside."""
    root = tmp_path / "repo"
    processes = root / "processes"
    (processes / "售后 服务").mkdir(parents=True)
    git(root, "init", "-q")
    (processes / "a.yml").write_text("v: 1\n", encoding="utf-8")
    (processes / "售后 服务" / "b.yml").write_text("v: 1\n", encoding="utf-8")
    (root / "README.md").write_text("x\n", encoding="utf-8")
    commit(root, "first")
    (processes / "a.yml").write_text("v: 2\n", encoding="utf-8")
    (root / "README.md").write_text("y\n", encoding="utf-8")
    commit(root, "a again")
    (processes / "售后 服务" / "b.yml").rename(processes / "c.yml")
    commit(root, "b becomes c")
    (processes / "c.yml").write_text("v: 3\n", encoding="utf-8")
    (processes / "a.yml").write_text("v: 3\n", encoding="utf-8")
    commit(root, "both")
    return processes


def files(processes: Path) -> list[Path]:
    return [
        processes / "a.yml",
        processes / "c.yml",
        processes / "售后 服务" / "b.yml",
        processes / "new.yml",
    ]


def one_by_one(history: GitHistory, paths: list[Path], limit: int) -> dict[Path, list[str]]:
    return {path: [c.sha for c in history.commits(path, limit)] for path in paths}


@pytest.mark.parametrize("limit", [1, 2, 50])
def test_one_log_lists_the_commits_each_file_log_lists(repo: Path, limit: int) -> None:
    history = GitHistory(repo)
    batched = history.changing_commits(files(repo), limit)
    assert batched == one_by_one(history, files(repo), limit)
    assert len(batched[repo / "a.yml"]) == min(limit, 3)


def test_through_a_merge_each_file_gets_its_own_log(repo: Path) -> None:
    root = repo.parent
    git(root, "checkout", "-qb", "side")
    (repo / "a.yml").write_text("v: side\n", encoding="utf-8")
    commit(root, "on the side")
    git(root, "checkout", "-q", "-")
    (repo / "c.yml").write_text("v: main\n", encoding="utf-8")
    commit(root, "on main")
    git(root, "merge", "-q", "--no-edit", "side")
    history = GitHistory(repo)
    assert history.changing_commits(files(repo), 50) == one_by_one(history, files(repo), 50)


def test_cat_file_gives_what_show_gives(repo: Path) -> None:
    history = GitHistory(repo)
    shas = [c.sha for c in history.commits(repo, 50)]
    versions = [(sha, path) for sha in shas for path in files(repo)]
    blobs = list(history.files_at(versions))
    assert [None if blob is None else blob.data for blob in blobs] == [
        history.show(s, p) for s, p in versions
    ]
    assert (
        sum(blob is not None for blob in blobs) == 8
    )  # in the 4 commits: a 4 times, b and c twice each


def test_outside_git_nothing_is_read(tmp_path: Path) -> None:
    history = GitHistory(tmp_path)
    assert history.changing_commits([tmp_path / "a.yml"], 5) == {tmp_path / "a.yml": []}
    assert list(history.files_at([("HEAD", tmp_path / "a.yml")])) == [None]
