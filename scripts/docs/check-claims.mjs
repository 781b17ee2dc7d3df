#!/usr/bin/env node
// The README's versions and commands are the ones the repository and its CI use: each value is
// read from where it is defined (package.json, the rn-range script, the example app, the
// Android and iOS build files) and must appear in README.md as written there; CONTRIBUTING.md
// has a row for each part that scripts/test-all.sh runs.
//   node scripts/docs/check-claims.mjs
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (file) => readFileSync(join(ROOT, file), 'utf8');
const match = (file, re) => {
  const m = re.exec(read(file));
  if (!m) throw new Error(`${file}: no match for ${re}`);
  return m[1];
};
const pkg = JSON.parse(read('package.json'));
const readme = read('README.md');

const rnMin = /^>=(\d+\.\d+)\.0$/.exec(pkg.peerDependencies['react-native'])?.[1];
const claims = [
  ['the oldest React Native (peerDependencies)', `React Native ${rnMin} or newer`],
  ['the oldest codegen checked (scripts/check-rn-range.sh)', match('scripts/check-rn-range.sh', /RN_OLDEST="\$\{RN_OLDEST:-([\d.]+)\}"/)],
  ['the newest codegen checked (scripts/check-rn-range.sh)', match('scripts/check-rn-range.sh', /RN_NEWEST="\$\{RN_NEWEST:-([\d.]+)\}"/)],
  ['the example app\'s React Native (example/package.json)', JSON.parse(read('example/package.json')).dependencies['react-native']],
  ['Android minSdkVersion (android/gradle.properties)', `\`minSdkVersion\` ${match('android/gradle.properties', /^DolbyIoIAPI_minSdkVersion=(\d+)$/m)}`],
  ['iOS deployment target (the podspec)', match('react-native-iapi-sdk.podspec', /:ios => "([\d.]+)"/)],
  ['Node (engines)', `${/^>=([\d.]+)$/.exec(pkg.engines.node)?.[1]} or newer`],
  ['the demo (package.json scripts.demo)', pkg.scripts.demo === 'bash scripts/demo.sh' && existsSync(join(ROOT, 'scripts/demo.sh')) ? '`npm run demo`' : 'npm run demo: no such script'],
  ['all tests (scripts/test-all.sh)', existsSync(join(ROOT, 'scripts/test-all.sh')) ? '`bash scripts/test-all.sh`' : 'scripts/test-all.sh: missing'],
];

const problems = claims.filter(([, text]) => !readme.includes(text));

// CONTRIBUTING.md's table of test-all parts has a row for each part test-all.sh runs by default.
const parts = /^\s*\[ \$\{#parts\[@\]\} -gt 0 \] \|\| parts=\(([^)]*)\)/m.exec(read('scripts/test-all.sh'))?.[1].split(/\s+/) ?? [];
const contributing = read('CONTRIBUTING.md');
const missingParts = parts.filter((part) => !contributing.includes(`\n| \`${part}\` |`));
console.log(`  ${missingParts.length ? 'NO ' : 'ok '} CONTRIBUTING.md's parts table: ${parts.length} parts of scripts/test-all.sh`);
if (!parts.length) problems.push(['the default parts of scripts/test-all.sh', 'not found']);
for (const part of missingParts) problems.push([`scripts/test-all.sh part ${part}`, `a row for \`${part}\` in CONTRIBUTING.md`]);
for (const [what, text] of claims) {
  console.log(`  ${readme.includes(text) ? 'ok ' : 'NO '} ${what}: ${text}`);
}
if (problems.length) {
  console.error(`README.md / CONTRIBUTING.md do not say ${problems.map(([w, t]) => `"${t}" (${w})`).join(', ')}`);
  process.exit(1);
}
console.log(`README claims: ${claims.length} versions and commands match their sources`);
