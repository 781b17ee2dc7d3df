#!/usr/bin/env bash
# The whole JS CI job: npm ci, typecheck, lint, tests, codegen, build, docs freshness,
# and a check of what `npm pack` would publish. Must pass on a fresh clone.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

step() { printf '\n==> %s\n' "$*"; }

step "npm ci"
npm ci --no-audit --no-fund

step "typecheck"
npm run --silent typecheck

step "lint"
npm run --silent lint

step "tests"
npx jest --ci

step "codegen"
bash scripts/codegen.sh

step "build"
npm run --silent build

step "docs are fresh"
bash scripts/docs.sh --check

step "npm pack --dry-run"
PACK_JSON="$(mktemp)"
trap 'rm -f "$PACK_JSON"' EXIT
npm pack --dry-run --json --ignore-scripts >"$PACK_JSON"
node - "$PACK_JSON" <<'NODE'
const fs = require('fs');
const path = require('path');
const [{ files }] = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const paths = files.map((f) => f.path);
const problems = [];
const need = (what, test) => {
  if (!paths.some(test)) problems.push(`missing: ${what}`);
};
const forbid = (what, test) => {
  const bad = paths.filter(test);
  if (bad.length) problems.push(`must not ship ${what}: ${bad.join(', ')}`);
};
const exists = (p) => fs.existsSync(path.join(process.cwd(), p));

need('lib/module/index.js', (p) => p === 'lib/module/index.js');
need('lib/commonjs/index.js', (p) => p === 'lib/commonjs/index.js');
need('lib/typescript/module/src-js/index.d.ts', (p) => p === 'lib/typescript/module/src-js/index.d.ts');
need('lib/typescript/commonjs/src-js/index.d.ts', (p) => p === 'lib/typescript/commonjs/src-js/index.d.ts');
need('src-js/NativeDolbyIoIAPI.ts (codegen spec)', (p) => p === 'src-js/NativeDolbyIoIAPI.ts');
need('jest/index.js', (p) => p === 'jest/index.js');
need('jest/index.d.ts', (p) => p === 'jest/index.d.ts');
// Apple's privacy manifest of the pod and the Expo config plugin.
for (const file of ['ios/PrivacyInfo.xcprivacy', 'app.plugin.js', 'plugin/withDolbyIoIAPI.js', 'plugin/privacy-manifest.json']) {
  need(file, (p) => p === file);
}
forbid('the plugin\'s tests and fixtures', (p) => /^plugin\/__(tests|fixtures)__\//.test(p));
// Native parts: required once they exist in the repository.
if (exists('android')) need('android/', (p) => p.startsWith('android/'));
if (exists('ios')) need('ios/', (p) => p.startsWith('ios/'));
// uniffi-generated bindings (Kotlin, Swift + FFI header and modulemap), once generated.
if (exists('bindings/generated')) {
  need('bindings/generated/kotlin/**/*.kt', (p) => /^bindings\/generated\/kotlin\/.*\.kt$/.test(p));
  need('bindings/generated/swift/**/*.swift', (p) => /^bindings\/generated\/swift\/.*\.swift$/.test(p));
}
const podspecs = fs.readdirSync('.').filter((f) => f.endsWith('.podspec'));
for (const podspec of podspecs) need(podspec, (p) => p === podspec);

forbid('tests', (p) => /(^|\/)__tests__\//.test(p) || /\.test\.[jt]sx?$/.test(p) || /(^|\/)src\/test\//.test(p) || /(^|\/)Tests\//.test(p));
forbid('docs-only sources', (p) => /(^|\/)__docs__\//.test(p));
forbid('build outputs', (p) => /(^|\/)(build|\.build|target|\.gradle)\//.test(p) || p.endsWith('.tgz'));
forbid('Rust sources', (p) => /^(rust-core|emulator)\//.test(p) || p === 'Cargo.toml');
forbid('node_modules', (p) => p.includes('node_modules/'));

// The Node entry (src-js/node, bindings/node) is repository-internal: its addon is not shipped.
forbid('the repository-internal Node entry', (p) => /^(lib\/module\/node|lib\/typescript\/src-js\/node|src-js\/node|bindings\/node)\//.test(p));
// Every file an export names is in the tarball (an export that cannot resolve is a lie).
const targets = (v) => (typeof v === 'string' ? [v] : Object.values(v).flatMap(targets));
for (const [name, value] of Object.entries(require(path.join(process.cwd(), 'package.json')).exports)) {
  for (const target of targets(value)) {
    const file = target.replace(/^\.\//, '');
    if (!paths.includes(file)) problems.push(`exports["${name}"] names ${target}, which is not in the tarball`);
  }
}

// ESM for bundlers (`import`), CommonJS for Jest and require (`require`; Jest does not transform
// node_modules, so ESM alone fails to import there), each with its own type definitions.
{
  const pkg = require(path.join(process.cwd(), 'package.json'));
  const dot = pkg.exports['.'];
  const want = {
    import: { types: './lib/typescript/module/src-js/index.d.ts', default: './lib/module/index.js' },
    require: { types: './lib/typescript/commonjs/src-js/index.d.ts', default: './lib/commonjs/index.js' },
  };
  for (const [condition, value] of Object.entries(want)) {
    if (JSON.stringify(dot[condition]) !== JSON.stringify(value)) problems.push(`exports["."].${condition} is not ${JSON.stringify(value)}`);
  }
  if (pkg.main !== './lib/commonjs/index.js') problems.push('main is not the CommonJS build');
  // The published manifest runs no install script (the build runs in prepack, before packing).
  for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) {
    if (pkg.scripts && pkg.scripts[script]) problems.push(`scripts.${script} would run at install: ${pkg.scripts[script]}`);
  }
}

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`npm pack: ${paths.length} files; built JS (ESM + CommonJS), types, spec and jest mock present; no tests, no install scripts`);
NODE

step "prepack guard: no tarball without the Rust core; with it, all binaries listed"
bash scripts/test-pack-guard.sh

printf '\nJS checks passed\n'
