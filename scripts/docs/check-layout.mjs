#!/usr/bin/env node
// The shape of the documentation: README.md (also the npm package page) stays short (150 to
// 250 lines), every guide in docs/guides/ is linked from it, and bindings/node/README.md
// describes every end-to-end test file (e2e/*.test.mjs). Prints the README's length and the
// guides with their titles.
//   node scripts/docs/check-layout.mjs
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const GUIDES_URL = 'https://github.com/dolbyio/react-native-iapi-sdk/blob/main/docs/guides/';
const MIN_LINES = 150;
const MAX_LINES = 250;

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const lines = readme.replace(/\n$/, '').split('\n').length;
const problems = [];
if (lines < MIN_LINES || lines > MAX_LINES) {
  problems.push(`README.md has ${lines} lines; keep it within ${MIN_LINES} to ${MAX_LINES} (move details into docs/guides/ or CONTRIBUTING.md)`);
}

const guides = readdirSync(join(ROOT, 'docs', 'guides')).filter((f) => f.endsWith('.md')).sort();
console.log(`README.md: ${lines} lines (${MIN_LINES} to ${MAX_LINES})`);
console.log(`guides (docs/guides/, ${guides.length}):`);
for (const guide of guides) {
  const title = /^# (.*)$/m.exec(readFileSync(join(ROOT, 'docs', 'guides', guide), 'utf8'))?.[1];
  const linked = readme.includes(`](${GUIDES_URL}${guide})`) || readme.includes(`](${GUIDES_URL}${guide}#`);
  console.log(`  ${guide.padEnd(20)} ${title ?? '(no title)'}${linked ? '' : '   <- not linked from README.md'}`);
  if (!title) problems.push(`docs/guides/${guide}: no "# Title" line`);
  if (!linked) problems.push(`docs/guides/${guide}: not linked from README.md (link ${GUIDES_URL}${guide})`);
}

const e2eFiles = readdirSync(join(ROOT, 'e2e')).filter((f) => f.endsWith('.test.mjs')).sort();
const nodeReadme = readFileSync(join(ROOT, 'bindings', 'node', 'README.md'), 'utf8');
const undescribed = e2eFiles.filter((f) => !nodeReadme.includes(`**\`${f}\`**`));
console.log(`e2e test files described in bindings/node/README.md: ${e2eFiles.length - undescribed.length} of ${e2eFiles.length}`);
for (const f of undescribed) problems.push(`bindings/node/README.md: no **\`${f}\`** item for e2e/${f}`);

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
