#!/usr/bin/env node
// CONTRIBUTING.md's shim table lists every row that scripts/check-shim-size.sh prints (by
// name; the line counts are "at the time of writing" and may drift between updates).
//   bash scripts/check-shim-size.sh | node scripts/docs/check-shim-table.mjs
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const printed = readFileSync(0, 'utf8')
  .split('\n')
  .map((line) => /^(.*?)\s+(\d+)\s{2}/.exec(line)?.[1])
  .filter(Boolean);
const doc = readFileSync(join(ROOT, 'CONTRIBUTING.md'), 'utf8');
const rows = new Set([...doc.matchAll(/^\| (.+?) \| (\d+) \|$/gm)].map((m) => m[1]));
const missing = printed.filter((name) => !rows.has(name));
if (!printed.length) {
  console.error('check-shim-table: no rows read from scripts/check-shim-size.sh');
  process.exit(1);
}
if (missing.length) {
  console.error(`CONTRIBUTING.md's shim table lacks rows that scripts/check-shim-size.sh prints:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
console.log(`shim table: the ${printed.length} rows of scripts/check-shim-size.sh are in CONTRIBUTING.md`);
