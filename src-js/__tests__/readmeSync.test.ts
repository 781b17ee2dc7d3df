import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

// The consumer-mock examples in the README must be exactly the code that
// readmeExample.test.ts and readmeStatusExample.test.ts run. The README's other TypeScript examples are type-checked by
// readmeTypes.test.ts.
const root = join(__dirname, '..', '..');
const readme = ['README.md']
  .map((name) => join(root, name))
  .find(
    (path) =>
      existsSync(path) &&
      readFileSync(path, 'utf8').includes('my-app/__tests__/call.test.ts')
  );

test.each([
  ['readmeExample.test.ts', '// my-app/__tests__/call.test.ts'],
  ['readmeStatusExample.test.ts', '// my-app/__tests__/status.test.ts'],
])('README example equals %s', (file, start) => {
  expect(readme).toBeDefined();
  const example = readFileSync(join(__dirname, file), 'utf8');
  const code = example.slice(example.indexOf(start));
  expect(code.startsWith(start)).toBe(true);
  expect(readFileSync(readme!, 'utf8')).toContain(code);
});
