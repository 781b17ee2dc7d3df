#!/usr/bin/env python3
"""Generates THIRD_PARTY_NOTICES: the third-party code the published package ships, with licenses.

What ships:
  * the Rust crates compiled into the native library (libiapi_core.so per Android ABI,
    IapiCoreFFI.xcframework for iOS): `iapi-core`'s normal (not dev, not build) dependencies,
    resolved per shipped target with `cargo tree -p iapi-core --target <triple> -e normal`, which
    resolves features the way the release build (`cargo rustc -p iapi-core`) does. A proc-macro
    crate runs on the build host, but the code it generates is compiled in, so it is listed (as a
    code generator); what a proc-macro itself depends on (syn, quote, ...) runs on the host only
    and is not listed.
  * the npm package's `dependencies` (installed into an app with it). `peerDependencies` are the
    app's own (react, react-native) and are not shipped.

License texts come from each crate's own files (LICENSE*, COPYING*, NOTICE*, UNLICENSE*, in its
source under ~/.cargo/registry/src); a crate without one gets the license's standard text from
scripts/notices/licenses/ (its copyright line names the crate's authors). Identical texts are
printed once, with the crates they belong to.

  python3 scripts/notices/generate.py           write THIRD_PARTY_NOTICES
  python3 scripts/notices/generate.py --check   fail (naming what differs) if it is not fresh, if
                                                package.json does not ship it, or if the graph
                                                lacks a linked crate / has a dev or host-only one
  python3 scripts/notices/generate.py --list    print the shipped crates (name version license)
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "THIRD_PARTY_NOTICES")
STANDARD = os.path.join(ROOT, "scripts", "notices", "licenses")
CRATE = "iapi-core"
# The targets the release builds (scripts/build-android.sh, scripts/build-ios.sh).
TARGETS = {
    "android": ["aarch64-linux-android", "armv7-linux-androideabi", "x86_64-linux-android", "i686-linux-android"],
    "ios": ["aarch64-apple-ios", "aarch64-apple-ios-sim", "x86_64-apple-ios"],
}
LICENSE_FILE = re.compile(r"^(LICEN[CS]E|COPYING|NOTICE|UNLICENSE|COPYRIGHT)([-._].*)?$", re.I)
TREE_LINE = re.compile(r"^(\d+)(\S+) v(\S+)( \(proc-macro\))?( \(.*\))?$")


def run(*args):
    return subprocess.run(args, cwd=ROOT, check=True, capture_output=True, text=True).stdout


def shipped_crates():
    """{(name, version): {"proc_macro": bool, "platforms": set}} over every shipped target."""
    crates = {}
    for platform, triples in TARGETS.items():
        for triple in triples:
            tree = run("cargo", "tree", "--locked", "-p", CRATE, "--target", triple, "-e", "normal",
                       "--prefix", "depth", "--no-dedupe", "-f", "{p}")
            skip_below = None  # depth of a proc-macro whose subtree runs on the host only
            for line in tree.splitlines():
                m = TREE_LINE.match(line.strip())
                if not m:
                    continue
                depth, name, version, proc_macro = int(m.group(1)), m.group(2), m.group(3), bool(m.group(4))
                if skip_below is not None:
                    if depth > skip_below:
                        continue
                    skip_below = None
                if name == CRATE:
                    continue
                entry = crates.setdefault((name, version), {"proc_macro": proc_macro, "platforms": set()})
                entry["platforms"].add(platform)
                if proc_macro:
                    skip_below = depth
    return crates


def check_scope(crates):
    """The graph is the shipped one: what the library links is in, dev/host-only crates are out."""
    names = {name for name, _ in crates}
    missing = {"ring", "rustls", "webpki-roots", "tokio", "uniffi_core", "serde_derive"} - names
    extra = {"proptest", "iapi-emulator", "axum", "syn", "proc-macro2"} & names
    if missing or extra:
        sys.exit(f"notices: the crate graph is not the shipped one (missing {sorted(missing)}, "
                 f"dev or host-only {sorted(extra)})")


def package_info():
    """{(name, version): cargo metadata package} for the whole lock file."""
    meta = json.loads(run("cargo", "metadata", "--locked", "--format-version", "1"))
    return {(p["name"], p["version"]): p for p in meta["packages"]}


def standard_text(spdx, authors):
    path = os.path.join(STANDARD, spdx + ".txt")
    if not os.path.exists(path):
        sys.exit(f"notices: no license file in the crate and no standard text {path} for {spdx}")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    holders = ", ".join(re.sub(r"\s*<[^>]*>", "", a) for a in authors) or "the authors"
    return text.replace("<COPYRIGHT HOLDERS>", holders)


def elects_mit(pkg):
    """True for a license expression that is a plain choice (OR, or the old `/`) including MIT."""
    expr = (pkg.get("license") or "").replace("/", " OR ")
    if "AND" in expr or "(" in expr or " OR " not in expr:
        return False
    return "MIT" in [part.strip() for part in expr.split(" OR ")]


def license_texts(pkg):
    """[(file name, text)] of a crate's license files, else its licenses' standard texts."""
    src = os.path.dirname(pkg["manifest_path"])
    found = []
    for name in sorted(os.listdir(src)):
        full = os.path.join(src, name)
        if LICENSE_FILE.match(name) and os.path.isfile(full):
            with open(full, encoding="utf-8", errors="replace") as f:
                found.append((name, f.read()))
    # A choice including MIT (`MIT OR Apache-2.0`, ...): the crate is used under MIT, so only its
    # MIT text and the files that are not one license's text (COPYRIGHT, NOTICE) are carried.
    if found and elects_mit(pkg):
        mit = [(n, t) for n, t in found if "MIT" in n.upper()]
        if mit:
            return mit + [(n, t) for n, t in found if re.match(r"^(COPYRIGHT|NOTICE)", n, re.I)]
    if found:
        return found
    ids = sorted(set(re.findall(r"[A-Za-z0-9.\-]+", pkg.get("license") or "")) - {"OR", "AND", "WITH"})
    # A dual (OR) license: one of them is enough; the first with a standard text is used.
    if " OR " in (pkg.get("license") or "") or "/" in (pkg.get("license") or ""):
        ids = [i for i in ids if os.path.exists(os.path.join(STANDARD, i + ".txt"))][:1] or ids
    return [(f"{i} (standard text)", standard_text(i, pkg.get("authors") or [])) for i in ids]


def npm_section():
    with open(os.path.join(ROOT, "package.json"), encoding="utf-8") as f:
        pkg = json.load(f)
    deps = pkg.get("dependencies") or {}
    peers = pkg.get("peerDependencies") or {}
    lines = ["npm packages installed with the package (package.json `dependencies`)", ""]
    if not deps:
        lines.append("  none: the package has no runtime npm dependencies.")
    else:
        lock = {}
        lock_path = os.path.join(ROOT, "package-lock.json")
        if os.path.exists(lock_path):
            with open(lock_path, encoding="utf-8") as f:
                lock = json.load(f).get("packages", {})
        for name in sorted(deps):
            info = lock.get("node_modules/" + name, {})
            lines.append(f"  {name} {info.get('version', deps[name])}  {info.get('license', 'see the package')}")
    lines += ["", "Not shipped (the app's own, package.json `peerDependencies`): " + ", ".join(sorted(peers)), ""]
    return lines


def render():
    crates = shipped_crates()
    info = package_info()
    libs = sorted(k for k, v in crates.items() if not v["proc_macro"])
    macros = sorted(k for k, v in crates.items() if v["proc_macro"])
    out = [
        "THIRD-PARTY SOFTWARE NOTICES",
        "@dolbyio/react-native-iapi-sdk",
        "",
        "Generated by scripts/notices/generate.py from Cargo.lock and package.json; do not edit.",
        "",
        "The native library of this package (android/src/main/jniLibs/*/libiapi_core.so and",
        "ios/Frameworks/IapiCoreFFI.xcframework) is built from the Rust crate iapi-core (MIT, this",
        "project) and statically contains the third-party crates below. Each is used under the",
        "license named; where a crate offers a choice (OR), the licensee may use any one of them.",
        "Platforms: A = Android, I = iOS. The source code of every crate listed is available from",
        "crates.io (https://crates.io/crates/<name>/<version>) and from the repository named.",
        "",
        f"Rust crates compiled into the native library ({len(libs)})",
        "",
    ]

    def row(key):
        pkg, plats = info[key], crates[key]["platforms"]
        mark = ("A" if "android" in plats else "-") + ("I" if "ios" in plats else "-")
        lic = pkg.get("license") + (" (used under MIT)" if elects_mit(pkg) else "")
        return f"  {key[0]} {key[1]}  [{mark}]  {lic}  {pkg.get('repository') or ''}".rstrip()

    out += [row(k) for k in libs]
    out += ["", f"Rust code generators (proc-macros) whose generated code is compiled in ({len(macros)})", ""]
    out += [row(k) for k in macros]
    # The Kotlin and Swift bindings in the package come from uniffi-bindgen's templates.
    bindgen = sorted(k for k in info if k[0] == "uniffi_bindgen")
    if bindgen:
        pkg = info[bindgen[-1]]
        out += ["", "Generated source in the package (bindings/generated: Kotlin, Swift, C header)", "",
                f"  produced by uniffi_bindgen {pkg['version']} from its templates  {pkg.get('license')}  "
                f"{pkg.get('repository') or ''}".rstrip()]
    out += [""] + npm_section()
    # License texts, each distinct text once.
    texts = {}
    for key in libs + macros:
        for fname, text in license_texts(info[key]):
            norm = "\n".join(l.rstrip() for l in text.strip().splitlines())
            texts.setdefault(norm, []).append(f"{key[0]} {key[1]} ({fname})")
    out += ["", "LICENSE TEXTS", ""]
    for text, owners in sorted(texts.items(), key=lambda t: t[1][0]):
        out += ["=" * 78, "Applies to: " + ", ".join(owners), "=" * 78, "", text, ""]
    return "\n".join(out).rstrip() + "\n"


def main():
    args = sys.argv[1:]
    if args == ["--list"]:
        info = package_info()
        for key, v in sorted(shipped_crates().items()):
            print(key[0], key[1], info[key].get("license"), "(proc-macro)" if v["proc_macro"] else "")
        return
    text = render()
    if args == ["--check"]:
        check_scope(shipped_crates())
        with open(OUT, encoding="utf-8") as f:
            current = f.read() if os.path.exists(OUT) else ""
        if current != text:
            import difflib
            diff = difflib.unified_diff(current.splitlines(), text.splitlines(), "THIRD_PARTY_NOTICES (committed)",
                                        "THIRD_PARTY_NOTICES (generated)", lineterm="", n=0)
            print("\n".join(list(diff)[:40]), file=sys.stderr)
            sys.exit("notices: THIRD_PARTY_NOTICES is stale: run python3 scripts/notices/generate.py")
        # Shipped only if the tarball takes it (npm packs LICENSE and README by itself, not this).
        with open(os.path.join(ROOT, "package.json"), encoding="utf-8") as f:
            if "THIRD_PARTY_NOTICES" not in json.load(f).get("files", []):
                sys.exit("notices: package.json `files` does not list THIRD_PARTY_NOTICES: npm pack would leave it out")
        print("notices: THIRD_PARTY_NOTICES is fresh and in package.json `files`")
        return
    if args:
        sys.exit(__doc__)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"notices: wrote THIRD_PARTY_NOTICES ({len(text)} bytes)")


if __name__ == "__main__":
    main()
