#!/usr/bin/env bash
# The Android binaries part of CI (`scripts/test-all.sh android-so`), on a machine without the NDK:
#  1. scripts/build-android-check.sh: the CHECK build of the core for the four Android ABIs, the
#     checks of scripts/check-android-so.sh on them (with each ABI's stripped size), their packed
#     relocations against unpacked twins (scripts/android/check-packed-relocs.py), and the smoke
#     runs of the twins (loads, uniffi checksums called, a panic caught);
#  2. scripts/android/test-check-android-so.sh: the check fails on a 4 KB aligned .so, an
#     unexpected NEEDED, a wrong SONAME, an unlisted import and a checksum mismatch;
#  3. scripts/android/size-gate.sh: each ABI's stripped size against the committed baseline
#     (scripts/android/size-baseline.txt); fails when one grew by more than 5%;
#  4. scripts/android/test-size-gate.sh: the gate fails on a .so grown by 6%, a lowered baseline
#     and a missing figure, and passes a 4% growth.
#  0. first the checks' own tests: the checksum reader's branch decoder (LTO folds identical
#     functions into tail jumps), check-lto.sh (fails on a build log without `-C lto`) and
#     check-packed-relocs.py (fails on a twin with another relocation or code, or no APS2 table).
# Installs its own tools (rustup targets, ziglang from PyPI, patchelf from apt).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
t0=$(date +%s)
python3 scripts/android/uniffi-checksums.py --self-test
bash scripts/android/test-check-lto.sh
bash scripts/android/test-check-packed-relocs.sh
bash scripts/build-android-check.sh
bash scripts/android/test-check-android-so.sh
bash scripts/android/size-gate.sh
bash scripts/android/test-size-gate.sh
echo "test-android-so: done in $(( $(date +%s) - t0 )) s"
