import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

// The consumer-mock example in the README must be exactly the code that
// readmeExample.test.ts runs. The README's other TypeScript examples are type-checked by
// readmeTypes.test.ts.
const root = join(__dirname, '..', '..');
const readme = ['README.md']
  .map((name) => join(root, name))
  .find(
    (path) =>
      existsSync(path) &&
      readFileSync(path, 'utf8').includes('my-app/__tests__/call.test.ts')
  );

test('README example equals readmeExample.test.ts', () => {
  expect(readme).toBeDefined();
  const example = readFileSync(
    join(__dirname, 'readmeExample.test.ts'),
    'utf8'
  );
  const code = example.slice(
    example.indexOf('// my-app/__tests__/call.test.ts')
  );
  expect(readFileSync(readme!, 'utf8')).toContain(code);
});
