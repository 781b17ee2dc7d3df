#!/usr/bin/env python3
"""Checks Android's packed dynamic relocations (APS2, lld's --pack-dyn-relocs=android) in
libiapi_core.so, the shipped library, and that its UNPACKED twin (scripts/android/link.sh) holds
the same relocations: musl's loader of the smoke run (scripts/android/smoke-android-so.sh) cannot
apply APS2, so it loads the twin, and what it proves holds for the shipped file only if both
relocate the same places with the same values.

 1. Packed: a SHT_ANDROID_REL(A) section starting with "APS2", DT_ANDROID_REL(A)(SZ) in the
    dynamic table and no plain DT_REL(A) (all of .rel(a).dyn is packed; the PLT's stay in
    DT_JMPREL): a flag silently ignored, or a linker that packs nothing, fails.
 2. Twin: no Android packed table at all (else musl would load it without relocating it).
 3. Same relocations: both files' tables decoded by llvm-readobj (LLVM's APS2 decoder), each entry
    normalized and compared as a multiset (APS2 groups and reorders entries).
    Addresses cannot be compared as they are: the twin's bigger table moves everything after it
    (link.sh makes that a multiple of 16 KB, see 4), so a place, or an address in an addend, is
    normalized to (section, offset in section). That is layout independent and still exact:
    every other allocated section has the same name and size in both files (checked; only
    .rel(a).dyn, .dynamic and .relro_padding may differ).
    REL targets (armv7, x86) keep addends in place: the word at the place is read from the file
    (an address for *_RELATIVE/*_IRELATIVE/*_JUMP_SLOT, raw otherwise).
 4. Same code: link.sh places the twin so that everything after the relocation table is the
    packed library's layout moved by one multiple of 16 KB (scripts/android/twin-layout.py); that
    is checked, and then every read-only section after the table (.text, .rodata, .eh_frame, ...;
    not .rel(a).plt, compared in 3) must be byte for byte the same: the code the smoke run calls
    is the code that ships.

Usage: check-packed-relocs.py PACKED.so UNPACKED.so [PACKED.so UNPACKED.so ...]
       check-packed-relocs.py --packed-only SO...       (1 only: the NDK release build has no twin)
       check-packed-relocs.py --unpacked-only SO...     (2 only: what the smoke run may load)
LLVM_READOBJ overrides the decoder (default: llvm-readobj on PATH, else rustup's llvm-tools).
Exit 1 if a check fails.
"""
import glob
import os
import re
import shutil
import struct
import subprocess
import sys

SHT_NOBITS, SHT_DYNAMIC = 8, 6
SHT_REL, SHT_RELA = 9, 4
SHT_ANDROID_REL, SHT_ANDROID_RELA = 0x60000001, 0x60000002
SHF_ALLOC = 2
DT_RELA, DT_REL = 7, 17
DT_ANDROID_REL, DT_ANDROID_RELSZ = 0x6000000F, 0x60000010
DT_ANDROID_RELA, DT_ANDROID_RELASZ = 0x60000011, 0x60000012
# Sections whose size depends on the relocation format, not on the code and data.
FORMAT_SECTIONS = {".rela.dyn", ".rel.dyn", ".dynamic", ".relro_padding"}
SHF_WRITE, PAGE = 1, 16384
ADDRESS_TYPES = re.compile(r"_(RELATIVE|IRELATIVE|JUMP_SLOT)$")


class Elf:
    def __init__(self, path):
        self.path = path
        self.data = data = open(path, "rb").read()
        if data[:4] != b"\x7fELF" or data[5] != 1:
            raise SystemExit(f"check-packed-relocs: {path}: not a little-endian ELF file")
        self.is64 = data[4] == 2
        self.word = 8 if self.is64 else 4
        if self.is64:
            (_, self.machine, _, _, _, shoff, _, _, _, _, shentsize, shnum, shstrndx) = \
                struct.unpack_from("<HHIQQQIHHHHHH", data, 16)
        else:
            (_, self.machine, _, _, _, shoff, _, _, _, _, shentsize, shnum, shstrndx) = \
                struct.unpack_from("<HHIIIIIHHHHHH", data, 16)
        raw = []
        for i in range(shnum):
            fmt = "<IIQQQQIIQQ" if self.is64 else "<IIIIIIIIII"
            name, sh_type, flags, addr, off, size, _, _, _, entsize = \
                struct.unpack_from(fmt, data, shoff + i * shentsize)
            raw.append((name, sh_type, flags, addr, off, size, entsize))
        strtab = raw[shstrndx][4]
        self.sections = []
        for name, sh_type, flags, addr, off, size, entsize in raw:
            n = data[strtab + name:data.index(b"\0", strtab + name)].decode()
            self.sections.append(dict(name=n, type=sh_type, flags=flags, addr=addr, off=off,
                                      size=size, entsize=entsize))
        self.alloc = [s for s in self.sections if s["flags"] & SHF_ALLOC and s["size"]]
        self.dynamic = {}
        for s in self.sections:
            if s["type"] == SHT_DYNAMIC:
                fmt = "<qQ" if self.is64 else "<iI"
                for j in range(s["size"] // struct.calcsize(fmt)):
                    tag, val = struct.unpack_from(fmt, data, s["off"] + j * struct.calcsize(fmt))
                    if tag == 0:
                        break
                    self.dynamic[tag] = val

    def locate(self, addr):
        """(section, offset in it) of an address; the end of a section counts as in it."""
        for s in self.alloc:
            if s["addr"] <= addr < s["addr"] + s["size"]:
                return (s["name"], addr - s["addr"])
        for s in self.alloc:
            if addr == s["addr"] + s["size"]:
                return (s["name"], s["size"])
        return None

    def word_at(self, addr):
        for s in self.alloc:
            if s["type"] != SHT_NOBITS and s["addr"] <= addr < s["addr"] + s["size"]:
                return int.from_bytes(
                    self.data[s["off"] + addr - s["addr"]:][:self.word], "little")
        raise ValueError(f"{self.path}: relocated address {addr:#x} is in no section with data")


def packed_errors(elf):
    errs = []
    tables = [s for s in elf.sections if s["type"] in (SHT_ANDROID_REL, SHT_ANDROID_RELA)]
    if not tables:
        errs.append("no SHT_ANDROID_REL/SHT_ANDROID_RELA section (relocations not packed)")
    for s in tables:
        if elf.data[s["off"]:s["off"] + 4] != b"APS2":
            errs.append(f"{s['name']} does not start with APS2")
    has = set(elf.dynamic)
    if not ({DT_ANDROID_RELA, DT_ANDROID_RELASZ} <= has or {DT_ANDROID_REL, DT_ANDROID_RELSZ} <= has):
        errs.append("no DT_ANDROID_RELA/DT_ANDROID_REL (+SZ) in the dynamic table")
    plain = [n for t, n in ((DT_RELA, "DT_RELA"), (DT_REL, "DT_REL")) if t in has]
    if plain:
        errs.append(f"{'/'.join(plain)} in the dynamic table: some relocations are not packed")
    return errs


def unpacked_errors(elf):
    errs = []
    if any(s["type"] in (SHT_ANDROID_REL, SHT_ANDROID_RELA) for s in elf.sections) or \
            {DT_ANDROID_REL, DT_ANDROID_RELA} & set(elf.dynamic):
        errs.append("has an Android packed table: musl's loader would not apply it")
    if not {DT_REL, DT_RELA} & set(elf.dynamic):
        errs.append("no DT_REL/DT_RELA in the dynamic table")
    return errs


def readobj():
    tool = os.environ.get("LLVM_READOBJ") or shutil.which("llvm-readobj")
    if not tool:
        # Distribution LLVM packages (e.g. GitHub's Ubuntu runners): the newest version.
        versioned = sorted(glob.glob("/usr/bin/llvm-readobj-[0-9]*")
                           + glob.glob("/usr/lib/llvm-[0-9]*/bin/llvm-readobj"),
                           key=lambda p: int(re.search(r"-(\d+)", p)[1]))
        tool = versioned[-1] if versioned else None
    if not tool:
        # rustup's LLVM tools, for the pinned rustc (cargo-binutils' rust-readobj).
        subprocess.run(["rustup", "component", "add", "llvm-tools"], check=True,
                       stdout=subprocess.DEVNULL)
        sysroot = subprocess.run(["rustc", "--print", "sysroot"], check=True,
                                 capture_output=True, text=True).stdout.strip()
        tool = (glob.glob(f"{sysroot}/lib/rustlib/*/bin/llvm-readobj") or [None])[0]
    if not tool:
        raise SystemExit("check-packed-relocs: no llvm-readobj (set LLVM_READOBJ)")
    return tool


def relocations(elf, tool):
    """Every dynamic relocation (all relocation sections, APS2 decoded), normalized."""
    out = subprocess.run([tool, "-r", elf.path], check=True, capture_output=True, text=True).stdout
    rels = []
    rel_format = False
    for line in out.splitlines():
        m = re.match(r"\s*Section \((\d+)\) ", line)
        if m:
            # llvm-readobj prints an addend 0x0 for packed REL entries too: the section's type
            # says where the addend is.
            rel_format = elf.sections[int(m[1])]["type"] in (SHT_REL, SHT_ANDROID_REL)
            continue
        m = re.match(r"\s+0x([0-9A-Fa-f]+) (\S+) (\S+)(?: (-?0x[0-9A-Fa-f]+))?\s*$", line)
        if not m:
            continue
        place, rtype, sym, addend = int(m[1], 16), m[2], m[3], m[4]
        is_address = ADDRESS_TYPES.search(rtype) is not None
        if rel_format:  # REL: the addend is the word at the place
            value = elf.word_at(place)
            kind = "in place"
        else:
            value = int(addend, 16) & ((1 << 8 * elf.word) - 1)
            kind = "addend"
        where = elf.locate(value) if is_address else None
        value = f"{where[0]}+{where[1]:#x}" if where else f"{value:#x}"
        loc = elf.locate(place)
        if loc is None:
            raise SystemExit(f"check-packed-relocs: {elf.path}: relocation at {place:#x} in no section")
        rels.append((f"{loc[0]}+{loc[1]:#x}", rtype, sym, f"{kind} {value}"))
    if not rels:
        raise SystemExit(f"check-packed-relocs: {tool} -r printed no relocation for {elf.path}")
    return sorted(rels)


def section_sizes(elf):
    return {(s["name"], s["size"]) for s in elf.alloc if s["name"] not in FORMAT_SECTIONS}


def same_code(p, u):
    """Errors unless the twin's sections after the relocation table are the packed library's
    moved by one multiple of 16 KB, and its read-only ones there hold the same bytes."""
    table = [s["addr"] for s in p.alloc if s["name"] in (".rela.dyn", ".rel.dyn")]
    if not table:
        return ["packed: no .rela.dyn/.rel.dyn section"], 0
    twin = {s["name"]: s for s in u.alloc}
    after = [s for s in p.alloc if s["addr"] > table[0] and s["name"] in twin]
    moves = {twin[s["name"]]["addr"] - s["addr"] for s in after}
    if len(moves) != 1 or next(iter(moves)) % PAGE:
        return [f"twin's layout after the relocation table is not the packed one's moved by a "
                f"multiple of 16 KB (moves {sorted(hex(m) for m in moves)}): layout-dependent "
                "linker output (e.g. Cortex-A8 erratum patches) may differ; link.sh places it"], 0
    errs, compared = [], 0
    for s in after:
        t = twin[s["name"]]
        if s["flags"] & SHF_WRITE or s["type"] in (SHT_NOBITS, SHT_REL, SHT_RELA):
            continue  # relocated data and the PLT's relocations: compared as relocations
        compared += s["size"]
        if p.data[s["off"]:s["off"] + s["size"]] != u.data[t["off"]:t["off"] + t["size"]]:
            errs.append(f"{s['name']} differs between the packed library and the twin")
    return errs, compared


def compare(packed, unpacked, tool):
    p, u = Elf(packed), Elf(unpacked)
    errs = [f"packed: {e}" for e in packed_errors(p)] + [f"twin: {e}" for e in unpacked_errors(u)]
    if p.machine != u.machine:
        errs.append(f"machines differ ({p.machine} vs {u.machine})")
        return errs, ""
    only_p, only_u = section_sizes(p) - section_sizes(u), section_sizes(u) - section_sizes(p)
    if only_p or only_u:
        errs.append("sections differ beyond the relocation format (not the same inputs): "
                    f"packed {sorted(only_p)}, twin {sorted(only_u)}")
    rp, ru = relocations(p, tool), relocations(u, tool)
    if rp != ru:
        from collections import Counter
        cp, cu = Counter(rp), Counter(ru)
        extra_p, extra_u = list((cp - cu).elements()), list((cu - cp).elements())
        errs.append(f"relocations differ: {len(rp)} packed, {len(ru)} in the twin; "
                    f"{len(extra_p)} only packed, {len(extra_u)} only in the twin")
        errs += [f"  only packed: {' '.join(r)}" for r in extra_p[:5]]
        errs += [f"  only twin:   {' '.join(r)}" for r in extra_u[:5]]
    code_errs, code = same_code(p, u)
    errs += code_errs
    size = lambda e, types: sum(s["size"] for s in e.sections if s["type"] in types)
    # Not the twin's file size: its placement adds up to 16 KB of padding.
    summary = (f"{len(rp)} dynamic relocations and {code} bytes of code and read-only data "
               f"identical; .rel(a).dyn "
               f"{size(u, (SHT_REL, SHT_RELA)) - size(p, (SHT_REL, SHT_RELA))} bytes unpacked, "
               f"{size(p, (SHT_ANDROID_REL, SHT_ANDROID_RELA))} packed (APS2); "
               f"shipped file {os.path.getsize(packed)} bytes")
    return errs, summary


def main(argv):
    failed = False
    only = {"--packed-only": (packed_errors, "packed relocations (APS2)"),
            "--unpacked-only": (unpacked_errors, "unpacked relocations")}
    if argv[:1] and argv[0] in only and len(argv) > 1:
        check, what = only[argv[0]]
        for so in argv[1:]:
            errs = check(Elf(so))
            failed |= bool(errs)
            print(f"{'FAIL' if errs else 'ok  '} {what}: {so}", file=sys.stderr if errs else sys.stdout)
            for e in errs:
                print(f"       {e}", file=sys.stderr)
        return 1 if failed else 0
    if not argv or len(argv) % 2:
        print("usage:" + __doc__.split("Usage:")[1].split("LLVM_READOBJ")[0].rstrip(), file=sys.stderr)
        return 2
    tool = readobj()
    for packed, unpacked in zip(argv[::2], argv[1::2]):
        errs, summary = compare(packed, unpacked, tool)
        if errs:
            failed = True
            print(f"FAIL packed relocations: {packed} vs twin {unpacked}", file=sys.stderr)
            for e in errs:
                print(f"       {e}", file=sys.stderr)
        else:
            print(f"ok   packed relocations: {packed}: {summary}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
