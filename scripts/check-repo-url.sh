#!/usr/bin/env bash
# One repository URL everywhere, with the exact casing of GitHub's owner/name: npm publish
# --provenance compares package.json's repository.url with the GitHub repository the release ran
# in, case-sensitively (a mismatch is rejected with E422), and CocoaPods fetches the podspec's
# source from its URL. The owner/name is package.json's repository.url (git+https://github.com/
# <owner>/<name>.git); the check fails unless
#   - package.json's homepage and bugs.url are that repository's (#readme, /issues);
#   - the podspec's source is https://github.com/<owner>/<name>.git and its homepage fallback
#     https://github.com/<owner>/<name>;
#   - .github/workflows/release.yml sets REPOSITORY: <owner>/<name> (its publish job refuses to
#     run in a repository of another name or casing);
#   - every mention of github.com/<someone>/react-native-iapi-sdk or <someone>/react-native-iapi-sdk
#     in the tracked text files (README, docs, workflows, ...) is spelled exactly <owner>/<name>.
# Usage: scripts/check-repo-url.sh [repository root]     (default: this repository)
#        scripts/check-repo-url.sh --self-test           (the check passes here and fails on
#                                                         copies with one mention changed)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

check() {   # <root>: prints what is wrong, returns 1 when anything is
  local root="$1" errs=() url repo name podspec
  url="$(node -p 'require(process.argv[1]).repository.url' "$root/package.json")"
  if [[ ! "$url" =~ ^git\+https://github\.com/([A-Za-z0-9_.-]+/([A-Za-z0-9_.-]+))\.git$ ]]; then
    echo "check-repo-url: package.json repository.url '$url' is not git+https://github.com/<owner>/<name>.git" >&2
    return 1
  fi
  repo="${BASH_REMATCH[1]}"; name="${BASH_REMATCH[2]}"
  local gh="https://github.com/$repo"
  [ "$(node -p 'require(process.argv[1]).homepage' "$root/package.json")" = "$gh#readme" ] ||
    errs+=("package.json homepage is not $gh#readme")
  [ "$(node -p 'require(process.argv[1]).bugs.url' "$root/package.json")" = "$gh/issues" ] ||
    errs+=("package.json bugs.url is not $gh/issues")

  podspec="$root/$(node -p 'require(process.argv[1]).name.replace(/^@[^/]*\//, "")' "$root/package.json").podspec"
  if [ ! -f "$podspec" ]; then
    errs+=("no podspec $podspec")
  else
    grep -qF ":git => \"$gh.git\"" "$podspec" || errs+=("$(basename "$podspec"): s.source :git is not \"$gh.git\"")
    grep -qF "|| \"$gh\"" "$podspec" || errs+=("$(basename "$podspec"): the homepage fallback is not \"$gh\"")
  fi

  local wf="$root/.github/workflows/release.yml"
  grep -qE "^  REPOSITORY: $repo( |\$)" "$wf" 2>/dev/null ||
    errs+=(".github/workflows/release.yml: env REPOSITORY is not $repo")

  # Every mention, whatever its casing, must be exactly owner/name (this script's self-test
  # spells wrong ones on purpose: it is left out).
  local files=()
  if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    while IFS= read -r -d '' f; do
      [ -f "$root/$f" ] && [ "$f" != scripts/check-repo-url.sh ] && files+=("$root/$f")
    done < <(git -C "$root" ls-files -z)
  else
    while IFS= read -r -d '' f; do files+=("$f"); done < <(find "$root" -type f -not -path '*/node_modules/*' -print0)
  fi
  while IFS= read -r hit; do
    errs+=("${hit#"$root/"} (want $repo)")
  done < <(grep -IHnoiE "(github\.com[/:]|[[:space:]'\"=:])[A-Za-z0-9][A-Za-z0-9_.-]*/$name\b" "${files[@]}" 2>/dev/null |
    grep -vE "(github\.com[/:]|[[:space:]'\"=:])$repo\$" | grep -viE "@[A-Za-z0-9_.-]+/$name\$" || true)

  if [ ${#errs[@]} -gt 0 ]; then
    printf 'check-repo-url: %s\n' "${errs[@]}" >&2
    return 1
  fi
  echo "check-repo-url: ok: $repo everywhere (package.json, $(basename "$podspec"), release.yml, ${#files[@]} files scanned)"
}

self_test() {
  local work fails=0 passes=0
  work="$(mktemp -d)"
  # shellcheck disable=SC2064  # expand now
  trap "rm -rf '$work'" RETURN
  local base="$work/base"
  mkdir -p "$base/.github/workflows"
  cp "$ROOT/package.json" "$ROOT/react-native-iapi-sdk.podspec" "$ROOT/README.md" "$base/"
  cp "$ROOT/.github/workflows/"*.yml "$base/.github/workflows/"
  expect() {   # <pass|fail> <name> <message or ""> <edit command on the copy...>
    local want="$1" what="$2" msg="$3" copy="$work/$((passes + fails))"; shift 3
    rm -rf "$copy"; cp -r "$base" "$copy"
    (cd "$copy" && "$@")
    if check "$copy" >"$work/out" 2>&1; then
      if [ "$want" = pass ]; then echo "ok   $what"; passes=$((passes + 1))
      else echo "FAIL $what: the check passed" >&2; fails=$((fails + 1)); fi
    elif [ "$want" = fail ] && grep -qF -- "$msg" "$work/out"; then
      echo "ok   $what: fails with \"$msg\""; passes=$((passes + 1))
    else
      echo "FAIL $what:" >&2; cat "$work/out" >&2; fails=$((fails + 1))
    fi
  }
  expect pass "the repository's own files pass" "" true
  expect fail "podspec source with DolbyIO/ (the old casing)" "s.source :git is not" \
    sed -i 's|github.com/dolbyio/react-native-iapi-sdk.git|github.com/DolbyIO/react-native-iapi-sdk.git|' react-native-iapi-sdk.podspec
  expect fail "a README link with another casing" "README.md:" \
    sed -i '0,/github.com\/dolbyio\/react-native-iapi-sdk/s//github.com\/DolbyIo\/react-native-iapi-sdk/' README.md
  expect fail "package.json bugs.url with another casing" "bugs.url is not" \
    sed -i 's|github.com/dolbyio/react-native-iapi-sdk/issues|github.com/DolbyIO/react-native-iapi-sdk/issues|' package.json
  expect fail "release.yml without REPOSITORY" "env REPOSITORY is not" \
    sed -i '/^  REPOSITORY: /d' .github/workflows/release.yml
  echo "check-repo-url self-test: $passes passed, $fails failed"
  [ "$fails" = 0 ]
}

case "${1:-}" in
  --self-test) self_test ;;
  *) check "${1:-$ROOT}" ;;
esac
