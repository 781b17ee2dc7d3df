import { readFileSync } from 'fs';
import { join } from 'path';
import * as mock from '../../jest';

// Claims of the guides that a test can hold, next to the behaviour they describe: the Jest
// mock's SERVER statuses and its refresh control (docs/guides/errors.md, testing.md), and the
// token request the core makes (docs/guides/tokens.md).
const root = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const { default: sdk, mockControls, ErrorCode } = mock;

beforeEach(() => mockControls.reset());

test('errors.md: the mock gives SERVER errors status 404, 403 and 500, as it says', async () => {
  expect(read('docs/guides/errors.md')).toMatch(
    /the Jest mock gives its `SERVER` errors\s+`status` 404 \(unknown conference\), 403 \(joining again a conference the local participant was kicked\s+from\) or 500 \(`failNext`\)/
  );
  await sdk.initialize('key', 'secret');
  await expect(sdk.conference.fetch('unknown')).rejects.toMatchObject({
    code: ErrorCode.SERVER,
    status: 404,
  });

  const me = await sdk.session.open({ name: 'Ada' });
  const conference = await sdk.conference.create({ alias: 'standup' });
  await sdk.conference.join(conference);
  mockControls.kickParticipant(me.id);
  await expect(sdk.conference.join(conference)).rejects.toMatchObject({
    code: ErrorCode.SERVER,
    status: 403,
  });

  mockControls.failNext('conference.create', ErrorCode.SERVER);
  await expect(sdk.conference.create({ alias: 'x' })).rejects.toMatchObject({
    code: ErrorCode.SERVER,
    status: 500,
  });
});

test('testing.md: refreshAccessToken without a callback rejects with INVALID_STATE', async () => {
  expect(read('docs/guides/testing.md')).toContain(
    'rejects with `INVALID_STATE` when no callback is installed (before `initializeToken`, or after `initialize(key, secret)`)'
  );
  await expect(mockControls.refreshAccessToken()).rejects.toMatchObject({
    code: ErrorCode.INVALID_STATE,
  });
  await sdk.initialize('key', 'secret');
  await expect(mockControls.refreshAccessToken()).rejects.toMatchObject({
    code: ErrorCode.INVALID_STATE,
  });
});

test('tokens.md: the token request shows all the core sends', () => {
  const guide = read('docs/guides/tokens.md');
  const body = /```http\n[\s\S]*?\n\n(.*)\n```/.exec(guide)?.[1];
  expect(body).toBe('grant_type=client_credentials');
  // The one form the core posts for initialize(key, secret).
  const credentials = read('rust-core/src/token/credentials.rs');
  expect(credentials.match(/\.form\(&\[.*?\]\)/g)).toEqual([
    '.form(&[("grant_type", "client_credentials")])',
  ]);
});
