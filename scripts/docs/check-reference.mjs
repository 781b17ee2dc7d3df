#!/usr/bin/env node
// Every enum member and every constructor of the generated reference (docs/, TypeDoc) has a
// description: a doc comment in src-js. Run after scripts/docs.sh.
//   node scripts/docs/check-reference.mjs
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const problems = [];
let checked = 0;

/** The first non-blank line after the signature line (`• ...`) of the section at `start`. */
function descriptionAfter(lines, start) {
  let i = start + 1;
  while (i < lines.length && !lines[i].startsWith('•')) i++;
  for (i++; i < lines.length; i++) {
    if (lines[i].trim()) return lines[i];
  }
  return '';
}
const isDescription = (line) => line && !/^(#|___|•|\| )/.test(line);

for (const dir of ['enums', 'classes']) {
  for (const page of readdirSync(join(ROOT, 'docs', dir)).filter((f) => f.endsWith('.md'))) {
    const lines = readFileSync(join(ROOT, 'docs', dir, page), 'utf8').split('\n');
    const section = dir === 'enums' ? '## Enumeration members' : '## Constructors';
    const from = lines.indexOf(section);
    if (from < 0) continue;
    for (let i = from + 1; i < lines.length && !/^## /.test(lines[i]); i++) {
      if (!lines[i].startsWith('### ')) continue;
      checked++;
      if (!isDescription(descriptionAfter(lines, i))) {
        problems.push(`docs/${dir}/${page}: ${lines[i].slice(4)} has no description (add a doc comment in src-js)`);
      }
    }
  }
}

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`reference: ${checked} enum members and constructors have a description`);
