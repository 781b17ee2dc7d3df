// The Node entry without a built addon: importing works, and every call, initializeToken
// included (its event subscription loads the addon first), rejects with a DolbyIoIAPIError
// that says how to build it. Run in a child Node process so that this Jest process's
// already-loaded addon does not interfere.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const entry = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'lib',
  'module',
  'node',
  'index.js'
);

test('without the addon, calls reject with DolbyIoIAPIError INVALID_STATE', () => {
  const script = `
    const m = await import(${JSON.stringify(entry)});
    const out = [];
    for (const call of [
      () => m.default.initializeToken(null, async () => 'x'),
      () => m.default.initialize('key', 'secret'),
      () => m.default.session.open({ name: 'Ada' }),
    ]) {
      try { await call(); out.push('resolved'); }
      catch (e) { out.push([e instanceof m.DolbyIoIAPIError, e.code, /bindings\\/node\\/build\\.sh/.test(e.message)]); }
    }
    console.log(JSON.stringify(out));
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, IAPI_NODE_ADDON: '/nonexistent/iapi_node.node' },
    encoding: 'utf8',
  });
  expect(run.stderr).toBe('');
  expect(JSON.parse(run.stdout)).toEqual([
    [true, 'INVALID_STATE', true],
    [true, 'INVALID_STATE', true],
    [true, 'INVALID_STATE', true],
  ]);
});
