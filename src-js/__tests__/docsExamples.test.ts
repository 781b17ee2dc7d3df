import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'fs';
import { join } from 'path';
import ts from 'typescript';

// Every TypeScript example of the documentation an app developer reads (```ts and ```tsx
// blocks of README.md, docs/guides/*.md and CONTRIBUTING.md) type-checks against the
// package's sources with the repository's strict tsconfig. The hooks guide's screen and its
// test import each other, so hooks.docs.test.tsx checks that guide's tsx blocks together; the
// consumer-mock examples of docs/guides/testing.md are also run, by readmeExample.test.ts and
// readmeStatusExample.test.ts (readmeSync.test.ts checks that they are the same code).
const root = join(__dirname, '..', '..');
const guides = readdirSync(join(root, 'docs', 'guides'))
  .filter((name) => name.endsWith('.md'))
  .sort()
  .map((name) => `docs/guides/${name}`);
const documents = ['README.md', ...guides, 'CONTRIBUTING.md'];

type Example = { where: string; code: string; tsx: boolean };
const examples: Example[] = documents.flatMap((doc) => {
  const text = readFileSync(join(root, doc), 'utf8');
  return [...text.matchAll(/^```(tsx?)\n([\s\S]*?)^```$/gm)]
    .filter((m) => !(m[1] === 'tsx' && doc === 'docs/guides/hooks.md'))
    .map((m) => {
      const line = text.slice(0, m.index).split('\n').length;
      return { where: `${doc}:${line}`, code: m[2]!, tsx: m[1] === 'tsx' };
    });
});

test('the README and the guides with code have TypeScript examples', () => {
  const withExamples = new Set(examples.map((e) => e.where.split(':')[0]));
  const missing = [
    'README.md',
    'docs/guides/tokens.md',
    'docs/guides/errors.md',
    'docs/guides/conferences.md',
    'docs/guides/observability.md',
    'docs/guides/testing.md',
  ].filter((doc) => !withExamples.has(doc));
  expect(missing).toEqual([]);
});

test('every TypeScript example of the README, the guides and CONTRIBUTING type-checks', () => {
  // Inside the repository, so that modules (react-native for tsx) resolve from its node_modules.
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'docs-examples-'));
  try {
    const files = examples.map(({ code, tsx }, i) => {
      const file = join(dir, `example${i}.${tsx ? 'tsx' : 'ts'}`);
      // A module (for top-level await) even when the example imports nothing.
      writeFileSync(file, `${code}\nexport {};\n`);
      return file;
    });
    const config = ts.readConfigFile(
      join(root, 'tsconfig.json'),
      ts.sys.readFile
    );
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
    const program = ts.createProgram(files, {
      ...parsed.options,
      // Examples show a statement or two; unused names are fine there.
      noUnusedLocals: false,
      noUnusedParameters: false,
      // fetch and console, as in an app.
      lib: ['lib.esnext.d.ts', 'lib.dom.d.ts'],
    });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file && files.includes(d.file.fileName))
      .map((d) => {
        const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
        const example = examples[files.indexOf(d.file!.fileName)]!;
        return `${example.where} (example line ${line + 1}): ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
    expect(problems).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
