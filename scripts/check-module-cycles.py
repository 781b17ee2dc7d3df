#!/usr/bin/env python3
"""Module dependency graph of a Rust crate's sources, and a check that it has no cycles.

    python3 scripts/check-module-cycles.py [SRC_DIR]   (default: rust-core/src)
    python3 scripts/check-module-cycles.py --self-test

A module is a source file (`lib.rs` is `crate`, `a/mod.rs` and `a.rs` are `a`, `a/b.rs` is
`a::b`); inline modules (`mod tests { ... }`) belong to their file. Module A uses module B when
A's code (comments and string literals stripped) names a path into B: `use` trees and paths in
code starting with `crate::`, `super::`, `self::` or a child module's name. A path resolves to the
deepest module it names (`crate::conference::models::Conference` is `conference::models`). `mod`
declarations are not uses. Prints one line per module with the modules it uses, then exits 1
naming cycles through every module of each strongly connected component of more than one
module, else 0.
No dependencies beyond Python 3.11's standard library.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

IDENT = r"[A-Za-z_][A-Za-z0-9_]*"


def strip_code(text: str) -> str:
    """The text with comments, string and char literals blanked (newlines kept)."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            i = j
            continue
        if text.startswith("/*", i):
            depth, i = 1, i + 2
            while i < n and depth:
                if text.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif text.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    if text[i] == "\n":
                        out.append("\n")
                    i += 1
            out.append(" ")
            continue
        raw = re.match(r"b?r(#*)\"", text[i:i + 260]) if c in "rb" else None
        if raw and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            end = '"' + raw.group(1)
            j = text.find(end, i + raw.end())
            j = n if j < 0 else j + len(end)
            out.append('""' + "\n" * text.count("\n", i, j))
            i = j
            continue
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append('""' + "\n" * text.count("\n", i, j))
            i = j + 1
            continue
        if c == "'":
            # A char literal ('x', '\n', '\u{..}'), not a lifetime ('a).
            m = re.match(r"'(\\(u\{[0-9a-fA-F]+\}|x[0-9a-fA-F]{2}|.)|[^\\'])'", text[i:i + 16])
            if m:
                out.append("' '")
                i += m.end()
                continue
        out.append(c)
        i += 1
    return "".join(out)


def expand_use_tree(tree: str) -> list[list[str]]:
    """`a::{b, c::{self, d}}` -> [[a, b], [a, c], [a, c, d]] (globs and renames dropped)."""
    tree = re.sub(r"\s+as\s+" + IDENT, "", tree)  # renames
    tree = re.sub(r"\s+", "", tree)
    paths: list[list[str]] = []

    def walk(s: str, prefix: list[str]) -> None:
        parts: list[str] = []
        depth, start = 0, 0
        for k, ch in enumerate(s):
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
            elif ch == "," and depth == 0:
                parts.append(s[start:k])
                start = k + 1
        parts.append(s[start:])
        for part in filter(None, parts):
            brace = part.find("{")
            if brace >= 0:
                head = [x for x in part[:brace].split("::") if x]
                walk(part[brace + 1:part.rfind("}")], prefix + head)
                continue
            segs = [x for x in part.split("::") if x and x != "*"]
            if segs and segs[-1] == "self":
                segs = segs[:-1]
            paths.append(prefix + segs)

    walk(tree, [])
    return paths


def file_module(path: Path, root: Path) -> tuple[str, ...]:
    rel = path.relative_to(root).with_suffix("")
    parts = list(rel.parts)
    if parts == ["lib"] or parts == ["main"]:
        return ()
    if parts[-1] == "mod":
        parts = parts[:-1]
    return tuple(parts)


def name(module: tuple[str, ...]) -> str:
    return "::".join(module) if module else "crate"


class Source:
    """One file: its stripped text, split into regions by the inline module they are in."""

    def __init__(self, module: tuple[str, ...], text: str) -> None:
        self.module = module
        self.code = strip_code(text)
        self.inline: set[tuple[str, ...]] = set()
        self.regions: list[tuple[tuple[str, ...], str]] = []
        self._split()

    def _split(self) -> None:
        stack: list[tuple[tuple[str, ...], int]] = []  # (inline module, brace depth at its start)
        current, depth, start = self.module, 0, 0
        opener = re.compile(r"\bmod\s+(" + IDENT + r")\s*\{")
        code, i = self.code, 0
        while i < len(code):
            m = opener.match(code, i) if code[i] == "m" and (i == 0 or not (code[i - 1].isalnum() or code[i - 1] == "_")) else None
            if m:
                self.regions.append((current, code[start:i]))
                stack.append((current, depth))
                current = current + (m.group(1),)
                self.inline.add(current)
                depth += 1
                i = start = m.end()
                continue
            if code[i] == "{":
                depth += 1
            elif code[i] == "}":
                depth -= 1
                if stack and depth == stack[-1][1]:
                    self.regions.append((current, code[start:i]))
                    current = stack.pop()[0]
                    start = i + 1
            i += 1
        self.regions.append((current, code[start:]))

    def declared_children(self) -> set[str]:
        return set(re.findall(r"\bmod\s+(" + IDENT + r")\s*;", self.code))


def build_graph(root: Path) -> dict[str, set[str]]:
    sources = [Source(file_module(p, root), p.read_text(encoding="utf-8")) for p in sorted(root.rglob("*.rs"))]
    files = {s.module for s in sources}
    known = set(files)
    children: dict[tuple[str, ...], set[str]] = {}
    for s in sources:
        known |= s.inline
        children.setdefault(s.module, set()).update(s.declared_children())
        for m in s.inline:
            children.setdefault(m[:-1], set()).add(m[-1])
    for m in known:
        if m:
            children.setdefault(m[:-1], set()).add(m[-1])

    def owner(module: tuple[str, ...]) -> tuple[str, ...]:
        while module not in files and module:
            module = module[:-1]
        return module

    def resolve(at: tuple[str, ...], segs: list[str]) -> tuple[str, ...] | None:
        if not segs:
            return None
        if segs[0] == "crate":
            base, rest = (), segs[1:]
        elif segs[0] in ("self", "super"):
            base, rest = at, segs
            while rest and rest[0] in ("self", "super"):
                if rest[0] == "super":
                    if not base:
                        return None
                    base = base[:-1]
                rest = rest[1:]
        elif segs[0] in children.get(at, ()):
            base, rest = at, segs
        else:
            return None  # another crate, a prelude or local name
        for seg in rest:
            if base + (seg,) in known:
                base = base + (seg,)
            else:
                break
        return base

    graph: dict[str, set[str]] = {name(s.module): set() for s in sources}
    path_re = re.compile(r"\b(" + IDENT + r"(?:\s*::\s*" + IDENT + r")+)")
    use_re = re.compile(r"\buse\s+([^;]*);")
    for s in sources:
        for at, text in s.regions:
            paths = []
            for m in use_re.finditer(text):
                paths += expand_use_tree(m.group(1))
            rest = use_re.sub(" ", text)
            for m in path_re.finditer(rest):
                if m.start() > 0 and rest[m.start() - 1] == ":":
                    continue  # the tail of a longer path (`::std::x`)
                paths.append(re.sub(r"\s+", "", m.group(1)).split("::"))
            for segs in paths:
                target = resolve(at, segs)
                if target is None:
                    continue
                target = owner(target)
                if target != s.module:
                    graph[name(s.module)].add(name(target))
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Cycles covering every module of each strongly connected component of more than one module
    (Tarjan), shortest first from each module not yet on a reported cycle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    comps: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                comps.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    result = []
    for comp in sorted(comps):
        members, covered = set(comp), set()
        for start in comp:
            if start in covered:
                continue
            cycle = shortest_cycle(graph, members, start)
            covered.update(cycle)
            result.append(cycle)
    return result


def shortest_cycle(graph: dict[str, set[str]], members: set[str], start: str) -> list[str]:
    """A shortest cycle from `start` back to it inside `members` (breadth-first)."""
    prev: dict[str, str] = {start: start}
    queue = [start]
    while queue:
        nxt = []
        for v in queue:
            for w in sorted(graph[v] & members):
                if w == start:
                    path = [v]
                    while path[0] != start:
                        path.insert(0, prev[path[0]])
                    return path + [start]
                if w not in prev:
                    prev[w] = v
                    nxt.append(w)
        queue = nxt
    return [start]


def report(graph: dict[str, set[str]]) -> int:
    width = max(map(len, graph), default=0)
    for module in sorted(graph, key=lambda m: (m != "crate", m)):
        uses = ", ".join(sorted(graph[module])) or "-"
        print(f"{module:<{width}}  -> {uses}")
    found = cycles(graph)
    sys.stdout.flush()
    for cycle in found:
        print("cycle: " + " -> ".join(cycle), file=sys.stderr)
    if found:
        print(f"{len(found)} module cycle(s): no module may use one that uses it back", file=sys.stderr)
        return 1
    print(f"{len(graph)} modules, no cycles")
    return 0


def self_test() -> int:
    """The parser and the cycle check on a synthetic crate, and on bare graphs."""
    files = {
        "lib.rs": "mod a;\nmod b;\nmod c;\npub use a::A;\n",
        "a.rs": "use crate::b::{self, B};\n// use crate::c;  (a comment: no edge)\n"
                "fn f() -> &'static str { \"crate::c::x\" }\n"
                "#[cfg(test)]\nmod tests {\n    use super::*;\n    use crate::c::C as Cee;\n}\n",
        "b/mod.rs": "pub mod inner;\npub struct B;\n",
        "b/inner.rs": "pub(crate) fn g() { super::super::c::h(); let _ = 'x'; }\n",
        "c.rs": "pub struct C;\npub fn h() { let _: Option<crate::b::B> = None; }\n",
    }
    ok = True

    def check(what: str, got, want) -> None:
        nonlocal ok
        if got != want:
            ok = False
            print(f"self-test FAILED: {what}: got {got!r}, want {want!r}", file=sys.stderr)

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for rel, text in files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text)
        graph = build_graph(root)
        check("graph", graph, {
            "crate": {"a"},
            "a": {"b", "c"},
            "b": set(),
            "b::inner": {"c"},
            "c": {"b"},
        })
        check("acyclic crate", cycles(graph), [])
        # b::inner -> c -> b is not a cycle (b does not use b::inner); make b use it.
        (root / "b/mod.rs").write_text("pub mod inner;\npub struct B;\nfn k() { inner::g() }\n")
        graph = build_graph(root)
        check("child path", graph["b"], {"b::inner"})
        check("cycle found", cycles(graph), [["b", "b::inner", "c", "b"]])
    check("two-module cycle", cycles({"x": {"y"}, "y": {"x"}, "z": {"x"}}), [["x", "y", "x"]])
    check("two cycles, one component", cycles({"x": {"y", "z"}, "y": {"x"}, "z": {"x"}}),
          [["x", "y", "x"], ["z", "x", "z"]])
    check("self-use is no cycle", cycles({"x": {"x"}}), [])
    check("no cycle", cycles({"x": {"y"}, "y": set(), "z": {"x", "y"}}), [])
    check("use tree", expand_use_tree("a::{self, b::{C, d as e}, f::*}"),
          [["a"], ["a", "b", "C"], ["a", "b", "d"], ["a", "f"]])
    if ok:
        print("self-test passed: paths in use trees and code resolve, comments and strings do not count, cycles are named")
    return 0 if ok else 1


def main(argv: list[str]) -> int:
    if argv[1:] == ["--self-test"]:
        return self_test()
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "rust-core" / "src"
    return report(build_graph(root))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
