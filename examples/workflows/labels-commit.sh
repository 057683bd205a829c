#!/usr/bin/env bash
# The label version a model was trained on: reads `labels_commit` from the
# model's metadata file, and checks that it is a full commit SHA of this
# repository on the given branch (reviewed labels, not a side branch).
# Writes `sha=<commit>` to $GITHUB_OUTPUT (stdout outside Actions).
#
#   labels-commit.sh [METADATA_FILE] [BRANCH]
#   (defaults: model/metadata.json, origin/main)
#
# Exit 1 with one ::error line when the file, the field or the commit is not
# right. The SHA goes to git only as an argument, never through a shell string.
set -euo pipefail

metadata="${1:-model/metadata.json}"
branch="${2:-origin/main}"

fail() {
  echo "::error file=${metadata}::$1"
  exit 1
}

[[ -f "$metadata" ]] || fail "model metadata file not found"
sha="$(node -e '
  const fs = require("fs")
  try {
    const v = JSON.parse(fs.readFileSync(process.argv[1], "utf8")).labels_commit
    process.stdout.write(typeof v === "string" ? v : "")
  } catch { process.stdout.write("") }
' "$metadata")"
[[ "$sha" =~ ^[0-9a-f]{40}$ ]] ||
  fail "labels_commit must be a full 40-character commit SHA (lower-case hex)"
git cat-file -e "${sha}^{commit}" 2>/dev/null ||
  fail "labels_commit ${sha} is not a commit of this repository (check out with fetch-depth: 0)"
git merge-base --is-ancestor "$sha" "$branch" ||
  fail "labels_commit ${sha} is not on ${branch}: the model was trained on unreviewed labels"

if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
  echo "sha=${sha}" >>"$GITHUB_OUTPUT"
else
  echo "sha=${sha}"
fi
