#!/usr/bin/env bash
# Lints .github/workflows/*.yml with actionlint (pinned; installed with `go install` into
# ~/.cache/iapi-actionlint/<version> on first use). The workflows run on real GitHub runners
# only (NDK, Xcode, Android emulator); this is what can be checked here.
# When shellcheck is on PATH, actionlint also checks every `run:` script with it, and every
# repository script a workflow runs (`bash scripts/...sh`, `bash .ci/run`) is checked too (warnings and errors,
# following what it sources); a workflow naming a script that does not exist fails here.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VERSION="${ACTIONLINT_VERSION:-v1.7.12}"
BIN_DIR="${IAPI_ACTIONLINT_DIR:-$HOME/.cache/iapi-actionlint/$VERSION}"
if [ ! -x "$BIN_DIR/actionlint" ]; then
  command -v go >/dev/null || { echo "lint-workflows: needs go to install actionlint" >&2; exit 1; }
  echo "lint-workflows: go install github.com/rhysd/actionlint/cmd/actionlint@$VERSION"
  GOBIN="$BIN_DIR" go install "github.com/rhysd/actionlint/cmd/actionlint@$VERSION"
fi
# ShellCheck for the `run:` scripts: best effort (Debian package, when apt is usable as root).
if ! command -v shellcheck >/dev/null && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  apt-get install -y -qq shellcheck >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq shellcheck >/dev/null 2>&1; } || true
fi
command -v shellcheck >/dev/null || echo "lint-workflows: no shellcheck: run: scripts are not checked"
shopt -s nullglob
files=(.github/workflows/*.yml .github/workflows/*.yaml)
[ ${#files[@]} -gt 0 ] || { echo "lint-workflows: no workflow files" >&2; exit 1; }
"$BIN_DIR/actionlint" -version | head -1
"$BIN_DIR/actionlint" "${files[@]}"

# The repository scripts the workflows run.
mapfile -t scripts < <(grep -ohE 'bash (\./)?(scripts/[A-Za-z0-9_./-]+\.sh|\.ci/run)' "${files[@]}" \
  | sed -E 's/^bash (\.\/)?//' | sort -u)
for f in "${scripts[@]}"; do
  [ -f "$f" ] || { echo "lint-workflows: a workflow runs $f, which does not exist" >&2; exit 1; }
done
if command -v shellcheck >/dev/null; then
  shellcheck -x --severity=warning "${scripts[@]}"
  echo "lint-workflows: shellcheck: ${#scripts[@]} scripts the workflows run"
fi
echo "lint-workflows: ok (${files[*]})"
