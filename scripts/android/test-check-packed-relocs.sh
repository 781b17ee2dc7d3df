#!/usr/bin/env bash
# Tests of check-packed-relocs.py on small shared libraries linked here with rustup's rust-lld, as
# scripts/android/link.sh links the core and its unpacked twin (placed by twin-layout.py): a table
# of pointers (RELATIVE relocations, addends into .rodata), of an imported function (a symbolic
# one) and a function, for a RELA ABI (x86_64) and a REL one (armv7: addends in place).
#  - the same object linked packed and unpacked passes, although .rela.dyn's shrinking moved
#    everything after it (asserted: the comparison has to be layout independent);
#  - a twin whose one relocation differs fails: another addend, another place, another symbol,
#    one more relocation; so does one with other code, and one not placed by twin-layout.py;
#  - a "packed" library without APS2 (flag ignored) fails, as does a packed twin (musl could not
#    load it); --packed-only and --unpacked-only tell them apart.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
check="$here/check-packed-relocs.py"
lld="$(rustc --print sysroot)/lib/rustlib/$(rustc -vV | sed -n 's/^host: //p')/bin/rust-lld"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT

# 300 pointers into DATA (private: RELATIVE), then a function pointer to an import (symbolic).
# The --cfg variants change exactly one relocation each.
{
  echo '#![no_std] #![allow(dead_code)]'
  echo 'static DATA: [u8; 64] = [7; 64];'
  echo 'extern "C" { fn ext_fa(); fn ext_fb(); }'
  echo '#[no_mangle] pub static TABLE: [Option<&u8>; 304] = ['
  echo '  #[cfg(not(place))] None, #[cfg(not(place))] Some(&DATA[1]),'
  echo '  #[cfg(place)] Some(&DATA[1]), #[cfg(place)] None,'
  echo '  #[cfg(not(addend))] Some(&DATA[2]), #[cfg(addend)] Some(&DATA[3]),'
  echo '  #[cfg(not(extra))] None, #[cfg(extra)] Some(&DATA[4]),'
  for i in $(seq 4 303); do printf 'Some(&DATA[%d]),' $((i % 64)); done
  echo '];'
  echo '#[cfg(not(symbol))] #[no_mangle] pub static EXT: unsafe extern "C" fn() = ext_fa;'
  echo '#[cfg(symbol)] #[no_mangle] pub static EXT: unsafe extern "C" fn() = ext_fb;'
  echo '#[cfg(not(code))] #[no_mangle] pub extern "C" fn answer() -> u32 { 42 }'
  echo '#[cfg(code)] #[no_mangle] pub extern "C" fn answer() -> u32 { 43 }'
} >"$tmp/t.rs"
# Exports only what rustc would export from a cdylib, so DATA is local (RELATIVE relocations).
echo '{ global: TABLE; EXT; answer; local: *; };' >"$tmp/exports.map"

fail=0
expect() { # expected status, what, expected text in the output (or ""), check arguments...
  local want=$1 what=$2 text=$3 got=0; shift 3
  python3 "$check" "$@" >"$tmp/out" 2>&1 || got=$?
  if [ "$got" != "$want" ] || { [ -n "$text" ] && ! grep -qF -- "$text" "$tmp/out"; }; then
    echo "test-check-packed-relocs: FAIL $what (status $got, want $want${text:+, output with \"$text\"}):"
    sed 's/^/    /' "$tmp/out"; fail=1
  fi
}

for triple in x86_64-linux-android armv7-linux-androideabi; do
  rustup target add "$triple" >/dev/null 2>&1 || true
  d="$tmp/$triple"; mkdir -p "$d"
  ld() { "$lld" -flavor gnu -shared -z max-page-size=16384 -z relro -z now --hash-style=gnu \
    --version-script "$tmp/exports.map" "$@"; }
  for v in base place addend extra symbol code; do
    cfg=(); [ "$v" = base ] || cfg=(--cfg "$v")
    rustc --edition 2021 --crate-type lib --emit obj -C opt-level=1 --target "$triple" \
      "${cfg[@]}" -o "$d/$v.o" "$tmp/t.rs"
  done
  ld --pack-dyn-relocs=android -o "$d/base.packed.so" "$d/base.o"
  ld -z nocombreloc -o "$d/base.plain.so" "$d/base.o"
  # Twins as link.sh links them, placed after the packed library they are compared with.
  for v in base place addend extra symbol code; do
    ld -z nocombreloc -o "$d/$v.unpacked.so" "$d/$v.o"
    placement="$(python3 "$here/twin-layout.py" "$d/base.packed.so" "$d/$v.unpacked.so")"
    read -ra start <<<"$placement"
    [ -z "$placement" ] || ld -z nocombreloc "${start[@]}" -o "$d/$v.unpacked.so" "$d/$v.o"
  done
  # Where .data.rel.ro (the relocated table) is in each: it must have moved for the test to mean
  # anything.
  addr() { readelf -SW "$1" | sed -n 's/.* \.data\.rel\.ro  *PROGBITS  *\([0-9a-f]*\) .*/\1/p'; }
  if [ "$(addr "$d/base.packed.so")" = "$(addr "$d/base.unpacked.so")" ]; then
    echo "test-check-packed-relocs: FAIL $triple: packing did not move .data.rel.ro; the test proves nothing"
    fail=1
  fi
  expect 0 "$triple same object" "code and read-only data identical" "$d/base.packed.so" "$d/base.unpacked.so"
  for v in place addend extra symbol; do
    expect 1 "$triple twin with another $v" "relocations differ" "$d/base.packed.so" "$d/$v.unpacked.so"
  done
  expect 1 "$triple twin with other code" ".text differs" "$d/base.packed.so" "$d/code.unpacked.so"
  expect 1 "$triple twin not placed" "not the packed one's moved" "$d/base.packed.so" "$d/base.plain.so"
  expect 1 "$triple flag ignored" "no SHT_ANDROID_REL" "$d/base.unpacked.so" "$d/base.unpacked.so"
  expect 1 "$triple packed twin" "musl's loader would not apply it" "$d/base.packed.so" "$d/base.packed.so"
  expect 0 "$triple --packed-only" "" --packed-only "$d/base.packed.so"
  expect 1 "$triple --packed-only unpacked" "not packed" --packed-only "$d/base.unpacked.so"
  expect 0 "$triple --unpacked-only" "" --unpacked-only "$d/base.unpacked.so"
  expect 1 "$triple --unpacked-only packed" "Android packed table" --unpacked-only "$d/base.packed.so"
done
[ "$fail" = 0 ] && echo "test-check-packed-relocs: packed = unpacked twin passes (layout moved);" \
  "another addend, place, symbol, one more relocation, other code or an unplaced twin fails;" \
  "no APS2, or a packed twin, fails"
exit $fail
