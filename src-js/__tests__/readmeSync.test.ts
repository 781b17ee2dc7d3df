import { readFileSync } from 'fs';
import { join } from 'path';

// The consumer-mock examples of docs/guides/testing.md must be exactly the code that
// readmeExample.test.ts and readmeStatusExample.test.ts run. The other TypeScript examples of
// the README and the guides are type-checked by docsExamples.test.ts.
const guide = join(__dirname, '..', '..', 'docs', 'guides', 'testing.md');

test.each([
  ['readmeExample.test.ts', '// my-app/__tests__/call.test.ts'],
  ['readmeStatusExample.test.ts', '// my-app/__tests__/status.test.ts'],
])("the testing guide's example equals %s", (file, start) => {
  const example = readFileSync(join(__dirname, file), 'utf8');
  const code = example.slice(example.indexOf(start));
  expect(code.startsWith(start)).toBe(true);
  expect(readFileSync(guide, 'utf8')).toContain(code);
});
