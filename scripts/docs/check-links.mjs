#!/usr/bin/env node
// Link check of every Markdown file in git (no network): a relative link must name a file or
// directory of the repository, and an anchor (`#section`, `file.md#section`) a heading of its
// file. Links to this repository on GitHub (https://github.com/dolbyio/react-native-iapi-sdk/
// blob|tree/main/...) are checked the same way. README.md is also the npm package page, where
// relative links do not resolve: there, a link to a file must be such an absolute link.
// Other external URLs are not fetched.
//   node scripts/docs/check-links.mjs [files...]   (default: every tracked *.md)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const REPO_URL = 'https://github.com/dolbyio/react-native-iapi-sdk/';
const PACKAGE_PAGES = new Set(['README.md']);
// Sources whose links resolve where they are copied to: the TypeDoc readme becomes docs/README.md.
const PUBLISHED_AS = new Map([['src-js/__docs__/README.md', 'docs/README.md']]);

const files = process.argv.length > 2
  ? process.argv.slice(2).map((f) => relative(ROOT, join(process.cwd(), f)))
  : execFileSync('git', ['ls-files', '-z', '--', '*.md'], { cwd: ROOT, encoding: 'utf8' })
      .split('\0')
      .filter((f) => f && !f.includes('node_modules/') && existsSync(join(ROOT, f)));

/** GitHub's heading ids: lower case, punctuation dropped, spaces to dashes, -1, -2 for repeats. */
function anchorsOf(text, file) {
  const seen = new Map();
  const anchors = new Set();
  for (const line of withoutCode(text).split('\n')) {
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    const html = [...line.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)].map((x) => x[1]);
    html.forEach((a) => anchors.add(a));
    if (!m) continue;
    const base = m[1]
      .replace(/<[^>]+>/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
    // TypeDoc 0.22's generated pages (docs/, but the hand-written docs/guides/) link symbol
    // headings by their raw text (`#[iterator]`): the reference's own fixed links.
    if (file.startsWith('docs/') && !file.startsWith('docs/guides/')) anchors.add(m[1].toLowerCase());
  }
  return anchors;
}

/** The text with fenced code blocks and inline code blanked (line numbers kept). */
function withoutCode(text) {
  let inFence = null;
  return text
    .split('\n')
    .map((line) => {
      const fence = /^\s*(```+|~~~+)/.exec(line);
      if (fence) {
        if (!inFence) inFence = fence[1][0];
        else if (fence[1][0] === inFence) inFence = null;
        return '';
      }
      return inFence ? '' : line.replace(/(`+)[^`]*?\1/g, (s) => ' '.repeat(s.length));
    })
    .join('\n');
}

function linksOf(text) {
  const links = [];
  withoutCode(text)
    .split('\n')
    .forEach((line, i) => {
      for (const m of line.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
        links.push({ target: m[1], line: i + 1 });
      }
      const def = /^\s*\[[^\]]+\]:\s*<?(\S+?)>?(\s|$)/.exec(line);
      if (def) links.push({ target: def[1], line: i + 1 });
      for (const m of line.matchAll(/<a\s[^>]*href="([^"]+)"/g)) {
        links.push({ target: m[1], line: i + 1 });
      }
    });
  return links;
}

const anchorCache = new Map();
function hasAnchor(file, anchor) {
  if (!anchorCache.has(file)) {
    anchorCache.set(file, anchorsOf(readFileSync(join(ROOT, file), 'utf8'), file));
  }
  return anchorCache.get(file).has(decodeURIComponent(anchor).toLowerCase());
}

const problems = [];
let checked = 0;
for (const file of files) {
  const text = readFileSync(join(ROOT, file), 'utf8');
  for (const { target, line } of linksOf(text)) {
    const where = `${file}:${line}: ${target}`;
    let path;
    let anchor;
    if (target.startsWith(REPO_URL)) {
      const m = /^(?:blob|tree)\/main\/([^#?]*)(?:#(.*))?$/.exec(target.slice(REPO_URL.length));
      if (!m) continue; // issues, releases, ...: not files
      path = normalize(decodeURIComponent(m[1]) || '.');
      anchor = m[2];
    } else if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
      continue; // other sites, mailto: not fetched
    } else {
      const [p, a] = target.split('#');
      if (p && PACKAGE_PAGES.has(file)) {
        problems.push(`${where}: relative link on the npm package page; use ${REPO_URL}blob/main/...`);
        continue;
      }
      const base = PUBLISHED_AS.get(file) ?? file;
      path = p ? normalize(join(dirname(base), decodeURIComponent(p))) : base;
      anchor = a;
    }
    checked++;
    if (path.startsWith('..') || !existsSync(join(ROOT, path))) {
      problems.push(`${where}: ${path} does not exist`);
      continue;
    }
    if (anchor && statSync(join(ROOT, path)).isFile() && path.endsWith('.md') && !hasAnchor(path, anchor)) {
      problems.push(`${where}: no heading #${anchor} in ${path}`);
    }
  }
}

if (problems.length) {
  console.error(`broken links:\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`links: ${checked} in-repository links in ${files.length} Markdown files resolve`);
