// The Node host addon (bindings/node, declared in its generated index.d.ts) on its own,
// without the TypeScript layer: events emitted by name, answers by request id, shutdown,
// configuration, error objects and payload shapes.
import addon from '@dolbyio/react-native-iapi-sdk/node-host'; // CommonJS
import * as nodeEntry from '@dolbyio/react-native-iapi-sdk/node';
import {
  KEY,
  rejectionOf,
  sleep,
  waitFor,
  setUpEmulatorAndCore,
} from './helpers.mjs';

const { NodeHost } = addon;

let host;
let events;

// Declared before the emulator's hooks: afterAll hooks run in order, so the host is shut down
// before the emulator stops.
afterAll(() => {
  host?.shutdown('done');
});

const emu = setUpEmulatorAndCore({ freshCore: false });

// Errors made by the addon belong to Node's main realm, not to Jest's sandbox: no instanceof.
const isError = (value) =>
  Object.prototype.toString.call(value) === '[object Error]';

/** A host on the emulator whose events are recorded as [name, payload] in `events`. */
function newHost(config = {}) {
  events = [];
  return new NodeHost((name, payload) => events.push([name, payload]), {
    baseUrl: emu.baseUrl,
    callbackTimeoutMs: 3000,
    ...config,
  });
}

/** The first access token request emitted (its payload). */
const nextRequest = () =>
  waitFor(
    () => events.find(([name]) => name === 'onAccessTokenRequest')?.[1],
    'an access token request'
  );

beforeEach(async () => {
  host?.shutdown('next test');
  host = newHost();
  await emu.clearFaults();
});

test('an access token request is emitted by name and answered by id', async () => {
  const initialized = host.initializeToken(null);
  const request = await nextRequest();
  // The token state says a refresh started before the request goes out.
  expect(events).toEqual([
    [
      'onTokenStateChange',
      { state: 'REFRESHING', refresh: { trigger: 'INITIALIZE' }, sequence: 1 },
    ],
    [
      'onAccessTokenRequest',
      { requestId: expect.any(String), isExpired: true },
    ],
  ]);
  host.resolveAccessTokenRequest(request.requestId, await emu.mint(KEY, 60));
  await expect(initialized).resolves.toBe(true);
});

test('answers by id: unknown and repeated answers are ignored; reject fails the refresh', async () => {
  const failure = rejectionOf(host.initializeToken(null)); // handled from the start
  const { requestId } = await nextRequest();
  host.resolveAccessTokenRequest('no-such-request', 'x'); // ignored
  host.rejectAccessTokenRequest(requestId, 'the backend said no');
  host.resolveAccessTokenRequest(requestId, await emu.mint(KEY, 60)); // too late: ignored
  const error = await failure;
  expect(isError(error)).toBe(true);
  expect(error.code).toBe('TOKEN_REFRESH_FAILED');
  expect(error.message).toContain('the backend said no');
});

test('an unanswered request times out', async () => {
  host.shutdown('replaced');
  host = newHost({ callbackTimeoutMs: 300 });
  const error = await rejectionOf(host.initializeToken(null));
  expect(error.code).toBe('TIMEOUT');
  expect(
    events.filter(([name]) => name === 'onAccessTokenRequest')
  ).toHaveLength(1);
  await waitFor(
    () => events.some(([name]) => name === 'onLog'),
    'the WARN record of the failed refresh'
  );
  const states = events.filter(([name]) => name === 'onTokenStateChange');
  expect(states.at(-1)[1]).toEqual({
    state: 'NONE',
    refresh: {
      trigger: 'INITIALIZE',
      outcome: 'FAILED',
      errorCode: 'TIMEOUT',
      errorMessage: expect.any(String),
    },
    sequence: 2,
  });
});

test('state getters, and log records by name: writePlatformLog, then onLog; platformLog false', async () => {
  expect(await host.getTokenState()).toEqual({ state: 'NONE', sequence: 0 });
  expect(await host.sessionGetConnectionState()).toEqual({
    state: 'DISCONNECTED',
    sequence: 0,
  });
  await host.setLogLevel('INFO', true);
  await host.initializeToken(await emu.mint(KEY, 60));
  await host.sessionOpen({ name: 'raw' });
  await waitFor(
    () => events.some(([, p]) => p.state === 'CONNECTED'),
    'CONNECTED'
  );
  await waitFor(() => events.some(([n]) => n === 'onLog'), 'an INFO record');
  const logs = events.filter(
    ([n]) => n === 'onLog' || n === 'writePlatformLog'
  );
  // Each record goes to the platform log first, then to JS, with the same payload.
  expect(logs[0][0]).toBe('writePlatformLog');
  expect(logs[1]).toEqual(['onLog', logs[0][1]]);
  expect(logs[0][1]).toEqual({
    level: 'INFO',
    target: expect.stringMatching(/^iapi_core/),
    message: expect.any(String),
    timestamp: expect.any(Number),
  });
  expect(await host.sessionGetConnectionState()).toEqual({
    state: 'CONNECTED',
    sequence: 2,
  });

  await host.setLogLevel('DEBUG', false);
  const mark = events.length;
  await host.sessionClose(); // the logout request: a DEBUG record
  await waitFor(
    () => events.slice(mark).some(([n]) => n === 'onLog'),
    'a DEBUG record'
  );
  expect(events.slice(mark).filter(([n]) => n === 'writePlatformLog')).toEqual(
    []
  );
  const error = await rejectionOf(host.setLogLevel('LOUD', true));
  expect(error.code).toBe('INVALID_ARGUMENT');
});

test('shutdown: running and later calls reject with CANCELLED, no event after it', async () => {
  const pending = rejectionOf(host.initializeToken(null));
  await nextRequest();
  host.shutdown('the test is over');
  const error = await pending;
  expect(error.code).toBe('CANCELLED');
  expect(error.message).toContain('the test is over');
  const before = events.length;
  expect((await rejectionOf(host.sessionIsOpen())).code).toBe('CANCELLED');
  expect((await rejectionOf(host.initializeToken(null))).code).toBe(
    'CANCELLED'
  );
  await sleep(100);
  expect(events).toHaveLength(before);
  host.shutdown('again'); // idempotent
});

test('the constructor refuses a bad configuration with INVALID_ARGUMENT', () => {
  let thrown;
  try {
    new NodeHost(() => {}, { baseUrl: 'http://example.com' });
  } catch (error) {
    thrown = error;
  }
  expect(isError(thrown)).toBe(true);
  expect(thrown.code).toBe('INVALID_ARGUMENT');
});

test('promise methods reject with Error objects carrying the core code', async () => {
  const error = await rejectionOf(host.sessionGetParticipant());
  expect(isError(error)).toBe(true);
  expect(error.code).toBe('INVALID_STATE');
  expect(error.message).toBe('invalid state: no session is open');
  expect('userInfo' in error).toBe(false);
});

test('SERVER errors carry userInfo { status, platformCode }', async () => {
  await host.initializeToken(await emu.mint(KEY, 60));
  await emu.injectFault({ route: 'identify', kind: 'status', status: 500 });
  const error = await rejectionOf(host.sessionOpen({ name: 'five hundred' }));
  expect(error.code).toBe('SERVER');
  expect(error.userInfo).toEqual({ status: 500, platformCode: 0 });
});

test('an argument of the wrong shape rejects with INVALID_ARGUMENT', async () => {
  await host.initializeToken(await emu.mint(KEY, 60));
  for (const call of [
    () => host.sessionOpen({ name: 5 }),
    () => host.conferenceCreate({ params: { ttl: 'long' } }),
    () => host.conferenceCreate({ params: { ttl: 1.5 } }),
    () => host.conferenceUpdatePermissions([{ participantId: 'x' }]),
    () => host.conferenceLeave({ leaveRoom: 'yes' }),
  ]) {
    const error = await rejectionOf(call());
    expect(isError(error)).toBe(true);
    expect(error.code).toBe('INVALID_ARGUMENT');
  }
});

test('participant payloads: absent optional keys, never null', async () => {
  await host.initializeToken(await emu.mint(KEY, 60));
  const me = await host.sessionOpen({ name: 'raw', externalId: undefined });
  expect(me).toEqual({ id: expect.any(String), info: { name: 'raw' } });
  expect(Object.keys(me.info)).toEqual(['name']);
  expect(await host.sessionClose()).toBeUndefined();
});

test('conference payloads: the spec shapes, absent optional keys, null when in none', async () => {
  await host.initializeToken(await emu.mint(KEY, 60));
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
  expect(await host.conferenceLeave({ leaveRoom: true })).toBeUndefined();
  expect(await host.conferenceCurrent()).toBeNull();
  expect(await host.sessionIsOpen()).toBe(false);
});

test('the Node entry exports what the React Native entry exports, plus configure', async () => {
  // Both entries re-export src-js/exports.ts; the package's Jest mock exports the same names
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
