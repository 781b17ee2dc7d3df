// The Node host addon against the native contract of NativeDolbyIoIAPI.ts, without the
// TypeScript layer: events only while subscribed, answers by request id, error objects.
import { loadAddon } from '@dolbyio/react-native-iapi-sdk/node-host';
import * as nodeEntry from '@dolbyio/react-native-iapi-sdk/node';
import { KEY, emulatorForTests, rejectionOf, sleep } from './helpers.mjs';

let emu;
let host;

// Errors made by the addon belong to Node's main realm, not to Jest's sandbox: no instanceof.
const isError = (value) =>
  Object.prototype.toString.call(value) === '[object Error]';

beforeAll(async () => {
  emu = await emulatorForTests();
  host = loadAddon();
});

afterAll(async () => {
  host?.setAccessTokenRequestListener(null);
  await emu?.stop();
});

beforeEach(() => {
  host.setAccessTokenRequestListener(null);
  host.configure({ baseUrl: emu.baseUrl, callbackTimeoutMs: 3000 });
});

test('requests are emitted only while a listener is attached; held ones arrive on attach', async () => {
  const initialized = host.initializeToken(null);
  await sleep(300);
  const seen = [];
  host.setAccessTokenRequestListener((request) => seen.push(request));
  // The held request arrives once the listener is attached.
  while (seen.length === 0) await sleep(10);
  expect(seen).toEqual([{ requestId: expect.any(String), isExpired: true }]);
  host.resolveAccessTokenRequest(seen[0].requestId, await emu.mint(KEY, 60));
  await expect(initialized).resolves.toBe(true);
});

test('answers by id: unknown and repeated answers are ignored; reject fails the refresh', async () => {
  const requests = [];
  host.setAccessTokenRequestListener((request) => requests.push(request));
  const failure = rejectionOf(host.initializeToken(null)); // handled from the start
  while (requests.length === 0) await sleep(10);
  const [{ requestId }] = requests;
  host.resolveAccessTokenRequest('no-such-request', 'x'); // ignored
  host.rejectAccessTokenRequest(requestId, 'the backend said no');
  host.resolveAccessTokenRequest(requestId, await emu.mint(KEY, 60)); // too late: ignored
  const error = await failure;
  expect(isError(error)).toBe(true);
  expect(error.code).toBe('TOKEN_REFRESH_FAILED');
  expect(error.message).toContain('the backend said no');
});

test('a detached listener receives nothing', async () => {
  const seen = [];
  host.setAccessTokenRequestListener((request) => seen.push(request));
  host.setAccessTokenRequestListener(null);
  host.configure({ baseUrl: emu.baseUrl, callbackTimeoutMs: 300 });
  const error = await rejectionOf(host.initializeToken(null));
  expect(seen).toEqual([]);
  expect(error.code).toBe('TIMEOUT');
});

test('promise methods reject with Error objects carrying the core code', async () => {
  const error = await rejectionOf(host.sessionGetParticipant());
  expect(isError(error)).toBe(true);
  expect(error.code).toBe('INVALID_STATE');
  expect(error.message).toBe('invalid state: no session is open');
});

test('participant payloads: absent optional keys, never null', async () => {
  host.setAccessTokenRequestListener(null);
  const token = await emu.mint(KEY, 60);
  await host.initializeToken(token);
  const me = await host.sessionOpen({ name: 'raw' });
  expect(me).toEqual({ id: expect.any(String), info: { name: 'raw' } });
  expect(Object.keys(me.info)).toEqual(['name']);
  await host.sessionClose();
});

test('conference payloads: the spec shapes, absent optional keys, null when in none', async () => {
  const token = await emu.mint(KEY, 60);
  await host.initializeToken(token);
  const me = await host.sessionOpen({ name: 'raw' });
  expect(await host.conferenceCurrent()).toBeNull();
  const created = await host.conferenceCreate({});
  expect(Object.keys(created).sort()).toEqual(
    ['id', 'isNew', 'participants', 'status'].sort()
  );
  const joined = await host.conferenceJoin(created.id, {});
  expect(joined.participants).toEqual([
    {
      id: me.id,
      info: { name: 'raw' },
      status: 'CONNECTED',
      type: 'USER',
    },
  ]);
  expect(Object.keys(joined.participants[0].info)).toEqual(['name']);
  expect(await host.conferenceGetStatus(created.id)).toBe('JOINED');
  expect(await host.conferenceMute(me.id, true)).toBe(true);
  expect(await host.conferenceIsMuted()).toBe(true);
  const error = await rejectionOf(
    host.conferenceUpdatePermissions([
      { participantId: me.id, permissions: ['KICK', 'NOPE'] },
    ])
  );
  expect(isError(error)).toBe(true);
  expect(error.code).toBe('INVALID_ARGUMENT');
  await host.conferenceLeave({ leaveRoom: true });
  expect(await host.conferenceCurrent()).toBeNull();
  expect(await host.sessionIsOpen()).toBe(false);
});

test('the Node entry exports what the React Native entry exports, plus configure', async () => {
  // The RN entry needs react-native; the package's Jest mock exports the same names
  // (src-js/__tests__/jestMockContract.test.ts checks that), minus its mockControls.
  const { default: mock } = await import('@dolbyio/react-native-iapi-sdk/jest');
  const rnEntry = [
    'default',
    ...Object.keys(mock).filter(
      (k) => !['mockControls', 'default', '__esModule'].includes(k)
    ),
  ];
  expect(Object.keys(nodeEntry).sort()).toEqual(
    [...new Set([...rnEntry, 'configure'])].sort()
  );
  expect(typeof nodeEntry.default.initializeToken).toBe('function');
  expect(typeof nodeEntry.default.session.open).toBe('function');
});
