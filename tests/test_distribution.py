"""The package as a new user gets it, with nothing of the repository around it.

The repository's files as a clone has them (no node_modules, no packaged libraries) are built
into an sdist, whose build downloads the locked browser libraries from the npm registry and
checks them against the lockfile, and the sdist into a wheel. The wheel goes into a fresh
virtual environment that sees nothing of the repository; that environment builds a site made
of the README's snippet in an empty folder, and runs the CI templates' steps in a repository of
their own. One build and one environment for the module; slow (a minute or two), but real.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from process_handbook.browser_libraries import FILES, LICENCE, packaged
from sitekit import OPEN_SHADOW_ROOTS, REPO, SWIMLANE_SVGS, git, serve

pytestmark = pytest.mark.site

LOCK = json.loads((REPO / "package-lock.json").read_text("utf-8"))["packages"]
LIBRARIES = "process_handbook/browser-libraries"
#: The sample process the new site shows, with the organization it needs.
PROCESS = REPO / "processes" / "rnd" / "engineering-change.yml"
BUILD_TIMEOUT = 600


@dataclass(frozen=True)
class Built:
    sdist: Path
    wheel: Path


def run(
    args: list[str], cwd: Path, *, env: dict[str, str] | None = None, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """A command as a user's shell runs it: nothing of the test's Python environment leaks in."""
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = subprocess.run(
        args,
        cwd=cwd,
        env={**clean, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    if check:
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


def copy_as_cloned(dest: Path) -> Path:
    """The repository's files that a clone has (tracked, and new ones not ignored)."""
    listed = run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], REPO)
    for name in filter(None, listed.stdout.split("\0")):
        source = REPO / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    return dest


def build_sdist(source: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """The sdist, through setuptools' PEP 517 hook (what `python -m build --sdist` calls)."""
    hook = "import sys, setuptools.build_meta as b; print(b.build_sdist(sys.argv[1]))"
    return run([sys.executable, "-c", hook, str(out)], source, check=False)


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_as_cloned(tmp_path_factory.mktemp("clone"))


@pytest.fixture(scope="module")
def built(clone: Path, tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("dist")
    result = build_sdist(clone, out)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "downloading https://registry.npmjs.org/mermaid/-/mermaid-" in result.stdout
    [sdist] = out.glob("*.tar.gz")
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(out), str(sdist)], out)
    [wheel] = out.glob("*.whl")
    return Built(sdist, wheel)


@pytest.fixture(scope="module")
def venv(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment (no system site-packages) with the wheel and its `site` extra,
    at the versions the repository pins; its bin folder."""
    root = tmp_path_factory.mktemp("venv")
    run([sys.executable, "-m", "venv", str(root)], root)
    python = str(root / "bin" / "python")
    requirement = f"{built.wheel}[site]"
    run(
        [python, "-m", "pip", "install", "-q", "-c", str(REPO / "requirements.lock"), requirement],
        root,
    )
    return root / "bin"


def readme_snippet() -> str:
    """The `mkdocs.yml` lines README's "Use it in your own site" gives."""
    section = (REPO / "README.md").read_text("utf-8").split("\n## Use it in your own site\n")[1]
    block = re.search(r"\n( *)```yaml\n(.*?)\n\1```", section.split("\n## ")[0], re.DOTALL)
    assert block is not None
    indent = len(block.group(1))
    return "\n".join(line[indent:] for line in block.group(2).splitlines()) + "\n"


def write_site(root: Path) -> Path:
    """An adopter's small site: its own home page, the README's lines, one sample process."""
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Our handbook\n", "utf-8")
    (root / "processes").mkdir()
    shutil.copy(REPO / "processes" / "organization.yml", root / "processes")
    shutil.copy(PROCESS, root / "processes")
    (root / "mkdocs.yml").write_text(f"site_name: Our handbook\n{readme_snippet()}", "utf-8")
    return root


@pytest.fixture(scope="module")
def adopter_site(venv: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The adopter's site built by the fresh environment with `mkdocs build --strict`."""
    root = write_site(tmp_path_factory.mktemp("adopter"))
    run([str(venv / "mkdocs"), "build", "--strict"], root)
    return root / "site"


def _sri(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def test_the_snippet_is_six_lines_under_theme_and_plugins() -> None:
    lines = readme_snippet().splitlines()
    assert len(lines[lines.index("theme:") :]) == 6  # `theme:`, `plugins:` and what they hold
    config = yaml.safe_load(readme_snippet())
    assert config["theme"]["name"] == "material" and "process-handbook" in config["plugins"]


def test_the_wheel_and_the_sdist_carry_the_locked_libraries_with_their_licences(
    built: Built,
) -> None:
    with zipfile.ZipFile(built.wheel) as wheel, tarfile.open(built.sdist) as sdist:
        in_wheel = {name: wheel.read(name) for name in wheel.namelist()}
        top = sdist.getnames()[0].split("/")[0]
        in_sdist = {
            m.name.removeprefix(f"{top}/plugins/"): sdist.extractfile(m).read()  # type: ignore[union-attr]
            for m in sdist.getmembers()
            if m.isfile() and "/browser-libraries/" in m.name
        }
        assert f"{top}/package-lock.json" in sdist.getnames()
    for carried in (in_wheel, in_sdist):
        for npm_file in FILES:
            folder = f"{LIBRARIES}/{npm_file.package}"
            served = carried[f"{folder}/{npm_file.file}"]
            # what the registry's tarball holds is what `npm ci` installed here
            assert served == packaged(npm_file).read_bytes()
            manifest = json.loads(carried[f"{folder}/package.json"])
            assert manifest["version"] == LOCK[f"node_modules/{npm_file.package}"]["version"]
            licences = [
                n
                for n in carried
                if n.rsplit("/", 1)[0] == folder and LICENCE.fullmatch(n.rsplit("/", 1)[1])
            ]
            assert licences and all(b"Permission is hereby granted" in carried[n] for n in licences)
    assert json.loads(in_wheel[f"{LIBRARIES}/mermaid/package.json"])["version"] == "12.3.0"


def test_node_modules_at_another_version_stops_the_build(tmp_path: Path) -> None:
    source = copy_as_cloned(tmp_path / "src")
    other = source / "node_modules" / "mermaid"
    other.mkdir(parents=True)
    (other / "package.json").write_text('{"name": "mermaid", "version": "11.17.0"}', "utf-8")
    result = build_sdist(source, tmp_path / "out")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert (
        "error: node_modules/mermaid is version 11.17.0, but package-lock.json pins 12.3.0: "
        "run `npm ci`" in output
    )
    assert "Traceback" not in output
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_a_tarball_unlike_the_lockfile_stops_the_build(tmp_path: Path) -> None:
    """Mermaid from node_modules, pan/zoom from the registry, where its digest does not match."""
    source = copy_as_cloned(tmp_path / "src")
    shutil.copytree(packaged(FILES[0]).parents[1], source / "node_modules" / "mermaid")
    lock = json.loads((source / "package-lock.json").read_text("utf-8"))
    lock["packages"]["node_modules/@panzoom/panzoom"]["integrity"] = _sri(b"something else")
    (source / "package-lock.json").write_text(json.dumps(lock), "utf-8")
    result = build_sdist(source, tmp_path / "out")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert re.search(
        r"error: https://registry\.npmjs\.org/@panzoom/panzoom/-/panzoom-4\.6\.2\.tgz does not "
        r"match package-lock\.json: its sha512 is \S+, the lockfile says \S+; nothing was packaged",
        output,
    ), output[-2000:]
    assert "Traceback" not in output


def test_the_fresh_environment_runs_the_wheel_not_the_repository(
    venv: Path, tmp_path: Path
) -> None:
    where = run(
        [str(venv / "python"), "-c", "import process_handbook; print(process_handbook.__file__)"],
        tmp_path,
    ).stdout.strip()
    assert Path(where).is_relative_to(venv.parent) and not Path(where).is_relative_to(REPO)


def test_the_readme_snippet_builds_an_offline_site_in_an_empty_folder(adopter_site: Path) -> None:
    assert (adopter_site / "index.html").is_file()  # the adopter's own page stays
    page = (adopter_site / "processes" / "engineering-change" / "index.html").read_text("utf-8")
    assert "设计变更流程" in page and 'class="ph-swimlane"' in page
    for npm_file in FILES:
        served = next(adopter_site.glob(f"assets/process-handbook/{Path(npm_file.file).name}"))
        assert served.read_bytes() == packaged(npm_file).read_bytes()
    for html in adopter_site.rglob("*.html"):
        text = html.read_text("utf-8")
        assert "unpkg.com" not in text and "jsdelivr" not in text and "googleapis" not in text


@pytest.mark.browser
def test_the_swimlane_is_drawn_and_no_request_leaves_the_site(
    adopter_site: Path,
    chromium,  # type: ignore[no-untyped-def]
) -> None:
    with serve(adopter_site) as base:
        context = chromium.new_context(viewport={"width": 1400, "height": 1000})
        context.add_init_script(OPEN_SHADOW_ROOTS)
        outside: list[str] = []
        errors: list[str] = []

        def only_the_site(route) -> None:  # type: ignore[no-untyped-def]
            url = route.request.url
            if url.startswith((base, "data:", "blob:")):
                route.continue_()
            else:
                outside.append(url)
                route.abort()

        context.route("**/*", only_the_site)
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.goto(base + "processes/engineering-change/")
        page.wait_for_function(
            f"() => {SWIMLANE_SVGS}.length > 0 && [...document.querySelectorAll('.ph-swimlane')]"
            ".every(b => b.dataset.phDrawn === 'done')",
            timeout=60_000,
        )
        drawn = page.evaluate(
            f"""() => {{
              const svg = {SWIMLANE_SVGS}[0];
              return {{
                lanes: svg.querySelectorAll('g.cluster.swimlane').length,
                steps: [...svg.querySelectorAll('g.node .nodeLabel')].map(n => n.textContent),
              }};
            }}"""
        )
        context.close()
    assert drawn["lanes"] >= 2
    assert any("提交设计变更申请" in step for step in drawn["steps"])
    assert outside == [] and errors == []


# The CI templates' steps, run in a repository of their own against the built wheel.

GITHUB = REPO / "ci-templates" / "github-actions.yml"
GITLAB = REPO / "ci-templates" / "gitlab-ci.yml"
SCRIPT = REPO / "ci-templates" / "handbook-ci.sh"
#: Stand-ins for `gh` and `curl`: each records its command line and the body it would post
#: (gh: `--body-file FILE`, curl: `--data-urlencode body@FILE`). `gh ... --edit-last` fails, as
#: when the pull request has no comment of the job's yet.
STUB = """#!/usr/bin/env bash
echo "$(basename "$0") $*" >> LOG
previous=""
for a in "$@"; do
  [ "$previous" = "--body-file" ] && cat "$a" >> LOG
  case "$a" in body@*) cat "${a#body@}" >> LOG;; --edit-last) exit 1;; esac
  previous="$a"
done
"""


@dataclass(frozen=True)
class HandbookRepository:
    clone: Path  # the CI's checkout, on the branch under review
    stubs: Path  # gh and curl stand-ins
    log: Path  # what they were asked to post


@pytest.fixture
def handbook_repository(tmp_path: Path) -> HandbookRepository:
    """A handbook repository: main with one process, and a branch that renames a step."""
    origin = tmp_path / "origin.git"
    work = write_site(tmp_path / "work")
    (work / "ci").mkdir()
    shutil.copy(SCRIPT, work / "ci" / "handbook-ci.sh")
    git(work, "init", "-q", "-b", "main")
    git(work, "add", ".")
    git(work, "commit", "-q", "-m", "The engineering change process")
    git(tmp_path, "clone", "-q", "--bare", str(work), str(origin))
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(origin), str(clone))
    git(clone, "checkout", "-q", "-b", "rename-a-step")
    process = clone / "processes" / PROCESS.name
    process.write_text(
        process.read_text("utf-8").replace("name: 提交设计变更申请", "name: 提交变更申请单"),
        "utf-8",
    )
    git(clone, "commit", "-q", "-am", "Rename the first step", when="2026-01-06T10:00:00+08:00")
    stubs = tmp_path / "stubs"
    stubs.mkdir()
    log = tmp_path / "posted.log"
    for name in ("gh", "curl"):
        (stubs / name).write_text(STUB.replace("LOG", shlex.quote(str(log))), "utf-8")
        (stubs / name).chmod(0o755)
    return HandbookRepository(clone, stubs, log)


def ci_env(repository: HandbookRepository, venv: Path, built: Built) -> dict[str, str]:
    """What every CI provides here: the fresh environment's Python first on the path, git
    untouched by the machine's configuration, and the tool to install: the built wheel."""
    return {
        "PATH": f"{repository.stubs}:{venv}:{os.environ['PATH']}",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_SYSTEM": os.devnull,
        "HANDBOOK_PACKAGE": f"{built.wheel}[site]",
    }


def assert_ran_every_step(repository: HandbookRepository, output: str) -> None:
    diff = (repository.clone / "handbook-diff.md").read_text("utf-8")
    assert "提交变更申请单" in diff and "提交设计变更申请" in diff  # the renamed step, both names
    assert diff in output  # printed in the job log too
    assert diff in repository.log.read_text("utf-8")  # and posted
    assert (repository.clone / "site" / "processes" / "engineering-change" / "index.html").is_file()


_EXPRESSION = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")


def test_the_github_workflow_steps_run_in_a_repository_of_their_own(
    handbook_repository: HandbookRepository, venv: Path, built: Built, tmp_path: Path
) -> None:
    """Every `run:` step of the workflow as a pull request runs it (the `uses:` steps are
    GitHub's own: checkout, Python, upload)."""
    workflow = yaml.safe_load(GITHUB.read_text("utf-8"))
    assert "HANDBOOK_PACKAGE" in workflow["env"]
    context = {
        "github.base_ref": "main",
        "github.token": "token-for-the-test",
        "github.event.pull_request.number": "7",
    }
    summary = tmp_path / "summary.md"
    env = {
        **ci_env(handbook_repository, venv, built),
        "GITHUB_ACTIONS": "true",
        "GITHUB_STEP_SUMMARY": str(summary),
    }
    output = ""
    for step in workflow["jobs"]["handbook"]["steps"]:
        if "run" not in step:
            continue
        step_env = {
            k: _EXPRESSION.sub(lambda m: context[m.group(1)], v)
            for k, v in step.get("env", {}).items()
        }
        result = run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            handbook_repository.clone,
            env={**env, **step_env},
        )
        output += result.stdout
    assert_ran_every_step(handbook_repository, output)
    posted = handbook_repository.log.read_text("utf-8")
    assert "gh pr comment 7 --edit-last --body-file handbook-diff.md" in posted
    assert "gh pr comment 7 --body-file handbook-diff.md" in posted
    assert summary.read_text("utf-8") == (handbook_repository.clone / "handbook-diff.md").read_text(
        "utf-8"
    )


def test_the_gitlab_job_runs_in_a_repository_of_its_own(
    handbook_repository: HandbookRepository, venv: Path, built: Built
) -> None:
    """The job's `before_script` and `script` as a merge request pipeline runs them."""
    job = yaml.safe_load(GITLAB.read_text("utf-8"))["handbook"]
    assert "HANDBOOK_PACKAGE" in job["variables"]
    env = {
        **job["variables"],
        **ci_env(handbook_repository, venv, built),
        "GITLAB_CI": "true",
        "CI_MERGE_REQUEST_IID": "7",
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
        "CI_API_V4_URL": "https://gitlab.example.com/api/v4",
        "CI_PROJECT_ID": "42",
        "HANDBOOK_BOT_TOKEN": "token-for-the-test",
    }
    script = "\n".join([*job["before_script"], *job["script"]])
    result = run(["bash", "-eo", "pipefail", "-c", script], handbook_repository.clone, env=env)
    assert_ran_every_step(handbook_repository, result.stdout)
    posted = handbook_repository.log.read_text("utf-8")
    assert "PRIVATE-TOKEN: token-for-the-test" in posted
    assert "https://gitlab.example.com/api/v4/projects/42/merge_requests/7/notes" in posted


def test_the_templates_name_no_npm_and_no_unresolvable_pin() -> None:
    for template in (GITHUB, GITLAB, SCRIPT):
        text = template.read_text("utf-8")
        assert "npm ci" not in text and "==0.1.0" not in text and "requirements.txt" not in text
