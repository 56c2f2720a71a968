#!/usr/bin/env bash
# Process Handbook: the CI steps of a handbook repository, shared by github-actions.yml and
# gitlab-ci.yml (copy this file to ci/handbook-ci.sh in the handbook repository).
# 流程手册仓库的 CI 步骤（github-actions.yml 与 gitlab-ci.yml 共用；复制到 ci/handbook-ci.sh）。
#
#   bash ci/handbook-ci.sh install           install the tool: pip install "$HANDBOOK_PACKAGE"
#   bash ci/handbook-ci.sh validate          check the process files (exit 1 on errors)
#   bash ci/handbook-ci.sh diff BASE         what the change means since BASE → handbook-diff.md
#   bash ci/handbook-ci.sh comment github    post handbook-diff.md on the pull request (gh)
#   bash ci/handbook-ci.sh comment gitlab    ... as a merge request note (HANDBOOK_BOT_TOKEN)
#   bash ci/handbook-ci.sh build             mkdocs build --strict into site/
#
# HANDBOOK_PACKAGE is a pip requirement naming the tool with its `site` extra (MkDocs,
# Material, jieba), either a git URL or a wheel kept in the repository:
#   mkdocs-process-handbook[site] @ git+https://git.example.com/tools/process-handbook.git@v0.1.0
#   ./wheels/mkdocs_process_handbook-0.1.0-py3-none-any.whl[site]
# The package carries Mermaid and every other file the site serves: no Node, no npm.
# Building it from a git URL downloads those files from the npm registry once, checked against
# the tool's lockfile; a wheel needs nothing more.
set -euo pipefail

DIFF=handbook-diff.md

case "${1:-}" in
  install)
    : "${HANDBOOK_PACKAGE:?set HANDBOOK_PACKAGE to the git URL or wheel of the tool (see the top of the CI file)}"
    python -m pip install --disable-pip-version-check "$HANDBOOK_PACKAGE"
    ;;
  validate)
    handbook validate
    ;;
  diff)
    base="${2:?usage: handbook-ci.sh diff BASE (e.g. origin/main)}"
    # Exit 1 means a side has errors (validate reports them); the summary is still written.
    status=0
    handbook diff "$base" HEAD > "$DIFF" || status=$?
    [ "$status" -le 1 ] || exit "$status"
    cat "$DIFF"
    if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "$DIFF" >> "$GITHUB_STEP_SUMMARY"; fi
    ;;
  comment)
    [ -s "$DIFF" ] || { echo "no $DIFF: run the diff step first" >&2; exit 1; }
    case "${2:-}" in
      github)
        : "${PR_NUMBER:?set PR_NUMBER to the number of the pull request}"
        # GH_TOKEN: the token of the job (pull requests from forks get a read-only one).
        gh pr comment "$PR_NUMBER" --edit-last --body-file "$DIFF" \
          || gh pr comment "$PR_NUMBER" --body-file "$DIFF"
        ;;
      gitlab)
        if [ -z "${HANDBOOK_BOT_TOKEN:-}" ]; then
          echo "HANDBOOK_BOT_TOKEN is not set: the summary stays in the job log"
          exit 0
        fi
        curl --silent --show-error --fail --request POST \
          --header "PRIVATE-TOKEN: $HANDBOOK_BOT_TOKEN" \
          --data-urlencode "body@$DIFF" \
          "$CI_API_V4_URL/projects/$CI_PROJECT_ID/merge_requests/$CI_MERGE_REQUEST_IID/notes" \
          > /dev/null
        ;;
      *)
        echo "usage: handbook-ci.sh comment github|gitlab" >&2
        exit 2
        ;;
    esac
    ;;
  build)
    mkdocs build --strict --site-dir site
    ;;
  *)
    echo "usage: handbook-ci.sh install|validate|diff BASE|comment github|gitlab|build" >&2
    exit 2
    ;;
esac
