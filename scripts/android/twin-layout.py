#!/usr/bin/env python3
"""Where the unpacked twin of a library with packed relocations (scripts/android/link.sh) must
put the first section after its dynamic relocation table so that everything from there on is
the packed library's layout moved by a multiple of 16 KB (the max page size): then the linker's
layout-dependent output is the same in both, e.g. lld's Cortex-A8 erratum patches on armv7,
which depend on where branches sit within 4 KB pages (without this the twin's .text differed
by 4 bytes), and check-packed-relocs.py can compare their code byte for byte.

Usage: twin-layout.py PACKED.so TWIN.so
Prints the `--section-start=NAME=ADDR` arguments for relinking the twin, or nothing when the
twin is already in place. Exit 1 if the two libraries do not have the same sections.
       twin-layout.py PACKED.so
Prints the arguments that pin every section of PACKED.so where it is. lld's Cortex-A8 patches
(armv7) depend on the layouts lld tried on the way, not only on the final one: the packed table
starts empty and grows while lld iterates, and patches made for an early layout stay. link.sh
relinks the armv7 library pinned, so its layout is final from lld's first pass, as its twin's.
"""
import struct
import sys

PAGE = 16384
RELOC_TABLES = (".rela.dyn", ".rel.dyn")


def layout(path):
    """[(name, address)] of the allocated sections by address, and the index of .rel(a).dyn."""
    d = open(path, "rb").read()
    is64 = d[4] == 2
    (shoff,) = struct.unpack_from("<Q" if is64 else "<I", d, 0x28 if is64 else 0x20)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", d, 0x3A if is64 else 0x2E)
    fmt = "<IIQQQQ" if is64 else "<IIIIII"  # name, type, flags, addr, offset, size
    secs = [struct.unpack_from(fmt, d, shoff + i * shentsize) for i in range(shnum)]
    strtab = secs[shstrndx][4]
    name = lambda s: d[strtab + s[0]:d.index(b"\0", strtab + s[0])].decode()
    # .relro_padding (NOBITS, which lld sizes to fill RELRO's last page) vanishes from a layout
    # with explicit addresses: left out (the twin's RELRO ends without it).
    alloc = sorted((s for s in secs if s[2] & 2 and s[5] and name(s) != ".relro_padding"),
                   key=lambda s: s[3])
    table = [i for i, s in enumerate(alloc) if name(s) in RELOC_TABLES]
    if not table or table[0] + 1 >= len(alloc):
        raise SystemExit(f"twin-layout: {path}: no section after a .rel(a).dyn")
    return [(name(s), s[3]) for s in alloc], table[0]


def main(packed, twin=None):
    if twin is None:
        print(" ".join(f"--section-start={n}={a:#x}" for n, a in layout(packed)[0]))
        return
    (p, pt), (t, tt) = layout(packed), layout(twin)
    if [n for n, _ in p] != [n for n, _ in t] or pt != tt:
        raise SystemExit(f"twin-layout: {packed} and {twin} have different sections")
    move = t[tt + 1][1] - p[pt + 1][1]
    move = -(-move // PAGE) * PAGE  # the first multiple of 16 KB that leaves the twin room
    want = [(n, a) for n, a in t[:tt + 1]] + [(n, a + move) for n, a in p[tt + 1:]]
    if want != t:
        # Every section's address, not only the first moved one's: lld puts sections with an
        # address ahead of those without.
        print(" ".join(f"--section-start={n}={a:#x}" for n, a in want))


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__)
    main(*sys.argv[1:])
