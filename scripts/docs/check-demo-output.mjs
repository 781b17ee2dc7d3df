#!/usr/bin/env node
// Keeps the captured `npm run demo` output in CONTRIBUTING.md and bindings/node/README.md
// honest: compares the SHAPE of each captured block with a fresh run's output (not its
// timings, ports, ids or counts):
//   - every line is of a known kind and has all its fields;
//   - the sequence of line kinds is the same, a run of identical callback lines (same
//     isExpired, same outcome) counting as one (jitter and backoff change how many);
//   - the final line lists the same platform routes (every counter the emulator has), and its
//     callback count equals the number of callback lines above it.
//   node scripts/docs/check-demo-output.mjs FRESH_OUTPUT_FILE [README ...]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const [freshFile, ...readmes] = process.argv.slice(2);
if (!freshFile) {
  console.error('usage: check-demo-output.mjs FRESH_OUTPUT_FILE [README ...]');
  process.exit(2);
}
const documents = readmes.length ? readmes : ['CONTRIBUTING.md', 'bindings/node/README.md'];

const T = String.raw`\+\s*\d+\.\ds  `;
const LEFT = String.raw`(?:none|\d+\.\ds left|expired \d+\.\ds ago)`;
const KINDS = [
  ['step', /^==> (cargo build: emulator|cargo build: Node host|demo)$/],
  ['node host', /^node host: bindings\/node\/iapi_node\.node \((debug|release)\)$/],
  ['emulator', new RegExp(`^${T}emulator {7}http://127\\.0\\.0\\.1:\\d+ \\(pid \\d+\\)$`)],
  ['customer server', new RegExp(`^${T}customer server http://127\\.0\\.0\\.1:\\d+/token \\(holds the key and secret; tokens live 4s\\)$`)],
  ['initializeToken', new RegExp(`^${T}initializeToken\\(null, callback\\)$`)],
  ['callback', new RegExp(`^${T}callback #\\d+ *isExpired=(true|false) +old token: ${LEFT} +-> (new token, \\d+\\.\\ds left|customer server answered 503: refresh failed)$`)],
  ['session open', new RegExp(`^${T}session open: participant [0-9a-f-]{36} \\(Ada\\)$`)],
  ['server down', new RegExp(`^${T}customer server DOWN for \\d+\\.\\ds \\(until the token has expired\\)$`)],
  ['server up', new RegExp(`^${T}customer server UP again; the token was replaced after its expiry$`)],
  ['revoked', new RegExp(`^${T}platform revoked the current token; session\\.close\\(\\) \\+ session\\.open\\(\\) \\.\\.\\.$`)],
  ['reopened', new RegExp(`^${T}session reopened: participant [0-9a-f-]{36} \\(same external id, same participant\\), isOpen=true$`)],
  ['closed', new RegExp(`^${T}session closed; callback invocations: (\\d+); platform requests: (\\{.*\\})$`)],
  ['done', new RegExp(`^${T}done: stopping the emulator and the customer server$`)],
];

/** The shape of demo output lines, or a list of problems. */
function shapeOf(lines, where) {
  const problems = [];
  const shape = [];
  let callbacks = 0;
  let routes = null;
  for (const line of lines) {
    const kind = KINDS.find(([, re]) => re.test(line));
    if (!kind) {
      problems.push(`${where}: unknown line: ${line}`);
      continue;
    }
    const m = kind[1].exec(line);
    let key = kind[0];
    if (key === 'step') key = `step ${m[1]}`;
    if (key === 'callback') {
      callbacks++;
      key = `callback isExpired=${m[1]} -> ${m[2].startsWith('new token') ? 'new token' : 'failed'}`;
    }
    if (key === 'closed') {
      const counters = JSON.parse(m[2]);
      routes = Object.keys(counters).sort().join(',');
      if (Number(m[1]) !== callbacks) {
        problems.push(`${where}: says ${m[1]} callback invocations, shows ${callbacks}`);
      }
    }
    if (shape[shape.length - 1] !== key) shape.push(key);
  }
  return { shape, routes, problems };
}

// A fresh run may start with `npm ci` / `bob build` output (fresh clone): from the first cargo step on.
const freshLines = readFileSync(freshFile, 'utf8').split('\n').filter((l) => l.trim());
const start = freshLines.findIndex((l) => l.startsWith('==> cargo build'));
const fresh = shapeOf(start < 0 ? freshLines : freshLines.slice(start), 'fresh run');
const problems = [...fresh.problems];
if (!fresh.routes) problems.push('fresh run: no final counters line');

for (const doc of documents) {
  const text = readFileSync(join(ROOT, doc), 'utf8');
  const blocks = [...text.matchAll(/```[^\n]*\n(==> cargo build: emulator\n[\s\S]*?)```/g)];
  if (blocks.length !== 1) {
    problems.push(`${doc}: expected one captured demo block (starting "==> cargo build: emulator"), found ${blocks.length}`);
    continue;
  }
  const captured = shapeOf(blocks[0][1].split('\n').filter((l) => l.trim()), doc);
  problems.push(...captured.problems);
  if (captured.routes !== fresh.routes) {
    problems.push(`${doc}: platform requests list ${captured.routes}; a fresh run lists ${fresh.routes}`);
  }
  const a = captured.shape.join('\n');
  const b = fresh.shape.join('\n');
  if (a !== b) {
    problems.push(`${doc}: the captured demo output has another shape than a fresh run.\n--- captured\n${a}\n--- fresh run\n${b}`);
  }
}

if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`Re-run \`npm run demo\` and paste its output (from "==> cargo build: emulator") into the blocks of ${documents.join(', ')}.`);
  process.exit(1);
}
console.log(`demo output: ${documents.join(', ')} have the shape of a fresh run (${fresh.shape.length} line kinds; routes ${fresh.routes})`);
