#!/usr/bin/env python3
"""Compares the uniffi contract version and API checksums compiled into an Android
libiapi_core.so with the values the generated Kotlin bindings check at load time
(bindings/generated/kotlin/**/iapi_core.kt). A mismatch means the .so was not built from the
same core as the bindings: the app would throw at the first call.

Statically, for every ABI (no emulator): each `uniffi_iapi_core_checksum_*` and
`ffi_iapi_core_uniffi_contract_version` function only returns a constant, so its first
instruction(s) are decoded (x86/x86_64, aarch64, armv7 Thumb-2). An unknown instruction pattern
fails the check rather than passing it.

Usage: uniffi-checksums.py <libiapi_core.so> <iapi_core.kt>      (exit 1 on any mismatch)
       uniffi-checksums.py --dump <libiapi_core.so>               (name value, one a line)
       uniffi-checksums.py --self-test                            (the branch decoder)
"""
import re
import struct
import sys

PREFIXES = ("uniffi_iapi_core_checksum_", "ffi_iapi_core_uniffi_contract_version")


def read_elf(path):
    data = open(path, "rb").read()
    if data[:4] != b"\x7fELF" or data[5] != 1:
        raise SystemExit(f"{path}: not a little-endian ELF file")
    is64 = data[4] == 2
    if is64:
        (_, machine, _, _, phoff, shoff, _, _, phentsize, phnum, shentsize, shnum, _) = \
            struct.unpack_from("<HHIQQQIHHHHHH", data, 16)
    else:
        (_, machine, _, _, phoff, shoff, _, _, phentsize, phnum, shentsize, shnum, _) = \
            struct.unpack_from("<HHIIIIIHHHHHH", data, 16)
    loads = []
    for i in range(phnum):
        o = phoff + i * phentsize
        if is64:
            p_type, _, p_offset, p_vaddr, _, p_filesz = struct.unpack_from("<IIQQQQ", data, o)
        else:
            p_type, p_offset, p_vaddr, _, p_filesz = struct.unpack_from("<IIIII", data, o)
        if p_type == 1:
            loads.append((p_vaddr, p_offset, p_filesz))
    sections = []
    for i in range(shnum):
        o = shoff + i * shentsize
        if is64:
            _, sh_type, _, _, sh_offset, sh_size, sh_link, _, _, sh_entsize = \
                struct.unpack_from("<IIQQQQIIQQ", data, o)
        else:
            _, sh_type, _, _, sh_offset, sh_size, sh_link, _, _, sh_entsize = \
                struct.unpack_from("<IIIIIIIIII", data, o)
        sections.append((sh_type, sh_offset, sh_size, sh_link, sh_entsize))
    symbols = {}
    for sh_type, off, size, link, entsize in sections:
        if sh_type != 11:  # SHT_DYNSYM
            continue
        stroff = sections[link][1]
        for j in range(size // entsize):
            o = off + j * entsize
            if is64:
                name, _, _, shndx, value, _ = struct.unpack_from("<IBBHQQ", data, o)
            else:
                name, value, _, _, _, shndx = struct.unpack_from("<IIIBBH", data, o)
            if shndx == 0:
                continue
            n = data[stroff + name:data.index(b"\0", stroff + name)].decode()
            if n.startswith(PREFIXES):
                symbols[n] = value
    return data, machine, loads, symbols


def file_offset(loads, vaddr):
    for v, off, size in loads:
        if v <= vaddr < v + size:
            return off + vaddr - v
    raise ValueError(f"address {vaddr:#x} not in a LOAD segment")


def decode_constant(machine, code):
    """The constant a `return <const>` function returns, from its first bytes; None if unknown."""
    if machine in (3, 62):  # EM_386, EM_X86_64
        if code[0] == 0x66 and code[1] == 0xB8 and code[4] == 0xC3:   # mov ax, imm16; ret
            return struct.unpack_from("<H", code, 2)[0]
        if code[0] == 0xB8 and code[5] == 0xC3:                        # mov eax, imm32; ret
            return struct.unpack_from("<I", code, 1)[0]
        if code[0] == 0x6A and code[2] == 0x58 and code[3] == 0xC3:   # push imm8; pop eax; ret
            return struct.unpack_from("<b", code, 1)[0] & 0xFFFFFFFF
        return None
    if machine == 183:  # EM_AARCH64
        insn, nxt = struct.unpack_from("<II", code, 0)
        if nxt != 0xD65F03C0:                                           # ret
            return None
        if insn & 0xFFE0001F == 0x52800000:                             # movz w0, #imm16
            return (insn >> 5) & 0xFFFF
        if insn & 0xFFE0001F == 0x12800000:                             # movn w0, #imm16
            return ~((insn >> 5) & 0xFFFF) & 0xFFFFFFFF
        return None
    if machine == 40:  # EM_ARM, Thumb-2 (the symbol's low bit is cleared by the caller)
        hw = struct.unpack_from("<HHH", code, 0)
        if hw[0] & 0xFF00 == 0x2000 and hw[1] == 0x4770:               # movs r0, #imm8; bx lr
            return hw[0] & 0xFF
        if hw[0] & 0xFBF0 == 0xF240 and hw[1] & 0x8F00 == 0 and hw[2] == 0x4770:  # movw r0; bx lr
            imm4, i = hw[0] & 0xF, (hw[0] >> 10) & 1
            imm3, imm8 = (hw[1] >> 12) & 7, hw[1] & 0xFF
            return (imm4 << 12) | (i << 11) | (imm3 << 8) | imm8
        if hw[0] & 0xFBCF == 0xF04F and hw[1] & 0x8F00 == 0 and hw[2] == 0x4770:  # mov.w/mvn r0
            imm12 = (((hw[0] >> 10) & 1) << 11) | (((hw[1] >> 12) & 7) << 8) | (hw[1] & 0xFF)
            v = thumb_expand_imm(imm12)
            return v if hw[0] & 0x0020 == 0 else ~v & 0xFFFFFFFF
        return None
    return None


def thumb_expand_imm(imm12):
    """ARM ARM ThumbExpandImm: the modified immediate of a Thumb-2 data-processing instruction."""
    imm8 = imm12 & 0xFF
    if imm12 >> 10 == 0:
        mode = (imm12 >> 8) & 3
        return [imm8, imm8 * 0x00010001, imm8 * 0x01000100, imm8 * 0x01010101][mode]
    value, rot = 0x80 | (imm12 & 0x7F), imm12 >> 7
    return ((value >> rot) | (value << (32 - rot))) & 0xFFFFFFFF


def branch_target(machine, code, vaddr):
    """Where an unconditional branch at `vaddr` goes; None if `code` does not start with one.
    Under LTO, LLVM folds identical functions: one of two `return <same const>` functions
    becomes a tail jump to its twin (seen: ffi_iapi_core_uniffi_contract_version)."""
    if machine in (3, 62):
        if code[0] == 0xE9:                                             # jmp rel32
            return vaddr + 5 + struct.unpack_from("<i", code, 1)[0]
        if code[0] == 0xEB:                                             # jmp rel8
            return vaddr + 2 + struct.unpack_from("<b", code, 1)[0]
        return None
    if machine == 183:
        insn = struct.unpack_from("<I", code, 0)[0]
        if insn & 0xFC000000 == 0x14000000:                             # b imm26
            imm = insn & 0x3FFFFFF
            return vaddr + ((imm - (1 << 26) if imm >> 25 else imm) << 2)
        return None
    if machine == 40:
        hw0, hw1 = struct.unpack_from("<HH", code, 0)
        if hw0 & 0xF800 == 0xE000:                                      # b (T2)
            imm = (hw0 & 0x7FF) << 1
            return vaddr + 4 + (imm - (1 << 12) if imm >> 11 else imm)
        if hw0 & 0xF800 == 0xF000 and hw1 & 0xD000 == 0x9000:           # b.w (T4)
            s = (hw0 >> 10) & 1
            i1 = 1 - (((hw1 >> 13) & 1) ^ s)
            i2 = 1 - (((hw1 >> 11) & 1) ^ s)
            imm = (s << 24) | (i1 << 23) | (i2 << 22) | ((hw0 & 0x3FF) << 12) | ((hw1 & 0x7FF) << 1)
            return vaddr + 4 + (imm - (1 << 25) if s else imm)
        return None
    return None


def so_values(path):
    data, machine, loads, symbols = read_elf(path)
    values = {}
    for name, vaddr in sorted(symbols.items()):
        vaddr = vaddr & ~1 if machine == 40 else vaddr
        for _ in range(4):  # a tail jump (identical code folding) at most a few deep
            off = file_offset(loads, vaddr)
            v = decode_constant(machine, data[off:off + 8])
            target = None if v is not None else branch_target(machine, data[off:off + 8], vaddr)
            if target is None:
                break
            vaddr = target
        if v is None:
            raise SystemExit(f"{path}: cannot decode {name} (machine {machine}, bytes "
                             f"{data[off:off + 8].hex()}); extend decode_constant")
        values[name] = v
    return values


def kotlin_values(path):
    text = open(path).read()
    values = {m.group(1): int(m.group(2)) for m in re.finditer(
        r"lib\.(uniffi_iapi_core_checksum_\w+)\(\) and 0xFFFF\) != (\d+)\)", text)}
    m = re.search(r"val bindings_contract_version = (\d+)", text)
    if not m or not values:
        raise SystemExit(f"{path}: no contract version or checksums found (generator changed?)")
    values["ffi_iapi_core_uniffi_contract_version"] = int(m.group(1))
    return values


def self_test():
    """The branch decoder on hand-encoded tail jumps, forward and backward, per machine."""
    cases = [
        (62, bytes.fromhex("e9fb0f0000"), 0x1000, 0x2000),             # jmp rel32 forward
        (3, bytes.fromhex("ebfe"), 0x1000, 0x1000),                     # jmp rel8 to itself
        (183, struct.pack("<I", 0x14000040), 0x1000, 0x1100),           # b +0x100
        (183, struct.pack("<I", 0x17FFFFFC), 0x1000, 0x0FF0),           # b -0x10
        (40, struct.pack("<HH", 0xF000, 0xBFFE), 0x1000, 0x2000),       # b.w +0xffc (+4)
        (40, struct.pack("<HH", 0xF7FF, 0xBFFE), 0x1000, 0x1000),       # b.w -4 (+4)
        (40, struct.pack("<H", 0xE7FE) + b"\0\0", 0x1000, 0x1000),      # b -4 (+4), T2
        (62, bytes.fromhex("b807000000c3"), 0x1000, None),             # mov eax, 7; ret
    ]
    for machine, code, at, want in cases:
        got = branch_target(machine, code.ljust(8, b"\0"), at)
        assert got == want, (machine, code.hex(), hex(got or 0), want)
    assert decode_constant(62, bytes.fromhex("b807000000c3") + b"\0\0") == 7
    print(f"uniffi-checksums self-test: {len(cases)} branch encodings decoded")


def main():
    if sys.argv[1:2] == ["--self-test"]:
        self_test()
        return 0
    if sys.argv[1:2] == ["--dump"]:
        for name, v in so_values(sys.argv[2]).items():
            print(name, v)
        return 0
    so, kt = sys.argv[1], sys.argv[2]
    got, want = so_values(so), kotlin_values(kt)
    errors = []
    for name, w in sorted(want.items()):
        g = got.get(name)
        mask = 0xFFFFFFFF if name.startswith("ffi_") else 0xFFFF
        if g is None:
            errors.append(f"{name}: not exported by the .so (bindings expect {w})")
        elif g & mask != w:
            errors.append(f"{name}: .so returns {g & mask}, bindings expect {w}")
    for name in sorted(set(got) - set(want)):
        errors.append(f"{name}: exported by the .so but unknown to the bindings")
    for e in errors:
        print(f"  {e}", file=sys.stderr)
    if errors:
        return 1
    print(f"uniffi contract {want['ffi_iapi_core_uniffi_contract_version']} and "
          f"{len(want) - 1} API checksums match the Kotlin bindings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
