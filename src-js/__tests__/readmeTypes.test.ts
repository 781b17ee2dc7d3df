import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import ts from 'typescript';

// Every TypeScript example of the README (```ts blocks) type-checks against the package's
// sources with the repository's strict tsconfig. The consumer-mock example is also run, by
// readmeExample.test.ts (readmeSync.test.ts checks that it is the same code).
const root = join(__dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map(
  (m) => m[1]!
);

test('the README has TypeScript examples', () => {
  expect(blocks.length).toBeGreaterThanOrEqual(3);
});

test('every TypeScript example of the README type-checks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'readme-ts-'));
  try {
    const files = blocks.map((code, i) => {
      const file = join(dir, `example${i}.ts`);
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
        const index = files.indexOf(d.file!.fileName);
        return `README ts example #${index + 1}, line ${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
    expect(problems).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
