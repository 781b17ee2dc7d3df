import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'fs';
import { join } from 'path';
import ts from 'typescript';

// The hooks guide's examples type-check against the package's sources with the repository's
// strict tsconfig: the screen and its test (docs/guides/hooks.md: the test imports the screen
// from '../CallScreen'). The other examples of the README and the guides: docsExamples.test.ts.
const root = join(__dirname, '..', '..');
const tsxBlocks = (file: string) => {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/^```tsx\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
};

test("the hooks guide's examples type-check", () => {
  const [guideScreen, guideTest] = tsxBlocks('docs/guides/hooks.md');
  expect([guideScreen, guideTest]).toEqual([
    expect.stringContaining('export function CallScreen'),
    expect.stringContaining("from '../CallScreen'"),
  ]);
  // Inside the repository, so that modules resolve from its node_modules.
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'hooks-docs-'));
  try {
    mkdirSync(join(dir, 'guide', '__tests__'), { recursive: true });
    const files: Array<[string, string]> = [
      ['guide/CallScreen.tsx', guideScreen!],
      ['guide/__tests__/CallScreen.test.tsx', `${guideTest!}\nexport {};\n`],
    ];
    for (const [file, code] of files) writeFileSync(join(dir, file), code);
    const config = ts.readConfigFile(
      join(root, 'tsconfig.json'),
      ts.sys.readFile
    );
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
    const names = files.map(([file]) => join(dir, file));
    const program = ts.createProgram(names, {
      ...parsed.options,
      noUnusedLocals: false,
      noUnusedParameters: false,
    });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file && names.includes(d.file.fileName))
      .map((d) => {
        const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
        return `${d.file!.fileName.slice(dir.length + 1)}:${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
    expect(problems).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
