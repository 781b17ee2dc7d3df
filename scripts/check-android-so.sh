#!/usr/bin/env bash
# Checks Android builds of the core (libiapi_core.so) before they ship or are measured: the
# CHECK build here (scripts/build-android-check.sh) and the NDK release build
# (scripts/build-android.sh) both run it. For every .so:
#  1. NEEDED only libc.so, libm.so, libdl.so, liblog.so (an app cannot provide anything else,
#     e.g. libc++_shared.so or a glibc library);
#  2. every PT_LOAD aligned to at least 16 KB (Android 15+ devices with 16 KB pages, Google Play);
#  3. no undefined (non-weak) symbol outside scripts/android/bionic-symbols.txt, the bionic
#     symbols available at minSdk 24 (a newer one would fail to load on older devices);
#  4. SONAME libiapi_core.so (Android's linker names loaded libraries by it);
#  5. the uniffi contract version and every API checksum equal the generated Kotlin bindings'
#     (bindings/generated/kotlin/**/iapi_core.kt), or the app throws at the first call;
# and prints its size stripped (a stripped copy when the .so is not already stripped).
# Usage: scripts/check-android-so.sh <.so file or directory>...   (exit 1 if any check fails)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Overridable only so scripts/android/test-check-android-so.sh can prove each check fails.
SYMS="${IAPI_BIONIC_SYMBOLS:-$ROOT/scripts/android/bionic-symbols.txt}"
KT="${IAPI_KOTLIN_BINDINGS:-$(find "$ROOT/bindings/generated/kotlin" -name iapi_core.kt | head -1)}"
[ -n "$KT" ] || { echo "check-android-so: no generated Kotlin bindings" >&2; exit 2; }
[ $# -gt 0 ] || { echo "usage: $0 <.so file or directory>..." >&2; exit 2; }

# binutils' readelf reads every architecture's ELF; rust-objcopy (llvm-objcopy, shipped with
# rustup's rustc) strips every architecture.
if ! command -v readelf >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq binutils >/dev/null
fi
objcopy="$(rustc --print sysroot)/lib/rustlib/$(rustc -vV | sed -n 's/^host: //p')/bin/rust-objcopy"

files=()
for arg in "$@"; do
  if [ -d "$arg" ]; then
    while IFS= read -r f; do files+=("$f"); done < <(find "$arg" -name '*.so' | sort)
  else
    files+=("$arg")
  fi
done
[ ${#files[@]} -gt 0 ] || { echo "check-android-so: no .so files in $*" >&2; exit 1; }

allowed="$(grep -v '^#' "$SYMS" | awk 'NF >= 2 { print $2 }' | sort -u)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
failed=0
for so in "${files[@]}"; do
  errs=()
  [ -s "$so" ] || { echo "FAIL $so: missing or empty" >&2; failed=1; continue; }
  machine="$(readelf -hW "$so" | sed -n 's/^ *Machine: *//p')"
  case "$machine" in
    AArch64) abi=arm64-v8a ;;
    ARM) abi=armeabi-v7a ;;
    *X86-64*) abi=x86_64 ;;
    *80386*) abi=x86 ;;
    *) abi="?($machine)"; errs+=("not an Android ABI machine: $machine") ;;
  esac

  # 1. NEEDED
  while read -r lib; do
    case "$lib" in libc.so|libm.so|libdl.so|liblog.so) ;; *) errs+=("NEEDED $lib (only libc/libm/libdl/liblog)") ;; esac
  done < <(readelf -dW "$so" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')

  # 4. SONAME
  soname="$(readelf -dW "$so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')"
  [ "$soname" = libiapi_core.so ] || errs+=("SONAME '${soname}' (want libiapi_core.so)")

  # 2. LOAD alignment (last column of `readelf -l`, hex)
  nload=0
  while read -r align; do
    nload=$((nload + 1))
    (( align >= 16384 )) || errs+=("PT_LOAD aligned to $((align)) bytes (< 16 KB)")
  done < <(readelf -lW "$so" | awk '$1 == "LOAD" { print $NF }')
  [ "$nload" -gt 0 ] || errs+=("no PT_LOAD segment")

  # 3. Undefined non-weak dynamic symbols (NDK builds carry versions, e.g. memcpy@LIBC).
  readelf --dyn-syms -W "$so" | awk '$7 == "UND" && $5 != "WEAK" && $8 != "" { sub(/@.*/, "", $8); print $8 }' \
    | sort -u >"$tmp/undef"
  while read -r sym; do
    errs+=("imports $sym, not in $(basename "$SYMS") (bionic at minSdk 24)")
  done < <(comm -23 "$tmp/undef" <(echo "$allowed"))

  # 5. uniffi contract version and checksums
  if ! python3 "$ROOT/scripts/android/uniffi-checksums.py" "$so" "$KT" >"$tmp/uniffi" 2>&1; then
    errs+=("uniffi checksums differ from $(realpath --relative-to="$ROOT" "$KT"):")
    while IFS= read -r l; do errs+=("$l"); done <"$tmp/uniffi"
  fi

  # Size, stripped.
  if readelf -SW "$so" | grep -q ' \.symtab '; then
    "$objcopy" --strip-all "$so" "$tmp/stripped.so"
    size=$(wc -c <"$tmp/stripped.so" | tr -d ' '); how="stripped copy"
  else
    size=$(wc -c <"$so" | tr -d ' '); how="already stripped"
  fi

  if [ ${#errs[@]} -eq 0 ]; then
    # MB = 10^6 bytes, as scripts/measure-size.sh and the per-ABI size targets.
    printf 'ok   %-12s %9d bytes %s MB stripped (%s) %s\n' "$abi" "$size" \
      "$(awk -v b="$size" 'BEGIN { printf "%.2f", b / 1000000 }')" "$how" "$so"
    sed 's/^/       /' "$tmp/uniffi"
  else
    failed=1
    printf 'FAIL %-12s %s\n' "$abi" "$so" >&2
    printf '       %s\n' "${errs[@]}" >&2
  fi
done
exit "$failed"
