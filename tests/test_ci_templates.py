"""The ready-to-copy CI files parse, and every command in them is one the tools accept.

(tests/test_distribution.py runs their steps against the built wheel.)"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest
import yaml
from mkdocs.__main__ import cli as mkdocs_cli

from process_handbook.adapters.cli import cli as handbook_cli

REPO = Path(__file__).resolve().parent.parent
GITHUB = REPO / "ci-templates" / "github-actions.yml"
GITLAB = REPO / "ci-templates" / "gitlab-ci.yml"
SCRIPT = REPO / "ci-templates" / "handbook-ci.sh"
HOOKS = REPO / ".pre-commit-hooks.yaml"
TOOLS = {"handbook": handbook_cli, "mkdocs": mkdocs_cli}
#: Where a command line ends in a shell script: redirections, pipes, lists.
_SHELL_END = re.compile(r"\s(?:>|\|\||\||&&|;)\s?")


def github_scripts() -> list[str]:
    workflow = yaml.safe_load(GITHUB.read_text("utf-8"))
    return [
        step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step
    ]


def gitlab_scripts() -> list[str]:
    job = yaml.safe_load(GITLAB.read_text("utf-8"))["handbook"]
    return [*job["before_script"], *job["script"]]


def steps(scripts: list[str]) -> list[list[str]]:
    """Every call of the shared script (`bash ci/handbook-ci.sh STEP ...`), as argument lists."""
    return [
        shlex.split(_SHELL_END.split(line.strip(), 1)[0])[2:]
        for script in scripts
        for line in script.splitlines()
        if line.strip().startswith("bash ci/handbook-ci.sh ")
    ]


def commands(scripts: list[str]) -> list[list[str]]:
    """Every `handbook ...` and `mkdocs ...` invocation in the scripts, as argument lists."""
    found = []
    for script in scripts:
        for line in script.replace("\\\n", " ").splitlines():
            line = line.strip()
            if line.split(" ", 1)[0] in TOOLS:
                found.append(shlex.split(_SHELL_END.split(line, 1)[0]))
    return found


def accepted(argv: list[str]) -> None:
    """Parse like the real command would, without running it: unknown options or commands,
    bad choices and too many arguments raise a usage error."""
    group = TOOLS[argv[0]]
    context = click.Context(group, info_name=argv[0])
    name, command, rest = group.resolve_command(context, argv[1:])
    assert command is not None, argv
    command.make_context(name, rest, parent=context)


def test_the_shared_script_validates_diffs_and_builds() -> None:
    argv = commands([SCRIPT.read_text("utf-8")])
    assert ["handbook", "validate"] in argv
    assert ["handbook", "diff", "$base", "HEAD"] in argv
    assert ["mkdocs", "build", "--strict", "--site-dir", "site"] in argv


def test_the_github_workflow_validates_builds_comments_and_uploads() -> None:
    workflow = yaml.safe_load(GITHUB.read_text("utf-8"))
    workflow_steps = workflow["jobs"]["handbook"]["steps"]
    uses = [s.get("uses", "").split("@")[0] for s in workflow_steps]
    assert "actions/checkout" in uses and "actions/upload-artifact" in uses
    checkout = workflow_steps[uses.index("actions/checkout")]
    assert checkout["with"]["fetch-depth"] == 0  # the diff needs the base branch
    upload = workflow_steps[uses.index("actions/upload-artifact")]
    assert upload["with"]["path"] == "site/"
    assert steps(github_scripts()) == [
        ["install"],
        ["validate"],
        ["diff", "origin/$BASE_REF"],
        ["comment", "github"],
        ["build"],
    ]
    diff = next(s for s in workflow_steps if "diff" in s.get("run", ""))
    assert diff["env"]["BASE_REF"] == "${{ github.base_ref }}"
    assert workflow["permissions"]["pull-requests"] == "write"


def test_the_gitlab_job_validates_builds_comments_and_keeps_the_site() -> None:
    job = yaml.safe_load(GITLAB.read_text("utf-8"))["handbook"]
    assert steps(gitlab_scripts()) == [
        ["install"],
        ["validate"],
        ["diff", "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"],
        ["comment", "gitlab"],
        ["build"],
    ]
    assert "merge_requests/$CI_MERGE_REQUEST_IID/notes" in SCRIPT.read_text("utf-8")
    assert job["artifacts"]["paths"] == ["site/"]
    assert job["variables"]["GIT_DEPTH"] == "0"


@pytest.mark.parametrize("source", ["script", "pre-commit"])
def test_every_command_line_is_accepted_by_the_tools(
    source: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)  # a handbook repository: processes/ and mkdocs.yml at the top
    if source == "script":
        argv = commands([SCRIPT.read_text("utf-8")])
    else:
        argv = [shlex.split(hook["entry"]) for hook in yaml.safe_load(HOOKS.read_text("utf-8"))]
    assert argv
    for one in argv:
        accepted(one)


def test_a_wrong_option_would_be_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    for argv in (
        ["handbook", "validate", "--strickt"],
        ["handbook", "dif"],
        ["mkdocs", "build", "--sitedir", "x"],
        ["handbook", "diff", "a", "b", "c"],
    ):
        with pytest.raises(click.UsageError):
            accepted(argv)


def test_the_pre_commit_hook_runs_validate_on_process_files() -> None:
    [hook] = yaml.safe_load(HOOKS.read_text("utf-8"))
    assert hook["id"] == "handbook-validate"
    assert hook["entry"] == "handbook validate"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("processes/finance/annual-budget.yml") and files.search("processes/a.yaml")
    assert not files.search("docs/index.md") and not files.search("processes/templates/form.xlsx")


def test_codeowners_gives_each_process_folder_its_approvers() -> None:
    rules = [
        line.split()
        for line in (REPO / "ci-templates" / "CODEOWNERS").read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert all(
        len(rule) >= 2 and all(owner.startswith("@") for owner in rule[1:]) for rule in rules
    )
    paths = [rule[0] for rule in rules]
    assert paths[0] == "*"  # the catch-all first: the last matching line wins
    for folder in ("finance", "hr", "rnd", "sales"):
        assert f"/processes/{folder}/" in paths
        assert (REPO / "processes" / folder).is_dir()
