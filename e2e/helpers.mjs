import DolbyIoIAPI, { configure } from '@dolbyio/react-native-iapi-sdk/node';
import { startEmulator } from '../bindings/node/emulator.mjs';

export const KEY = 'e2e-key';
export const SECRET = 'e2e-secret';

export const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** An emulator with the app KEY:SECRET for the file's tests. */
export async function emulatorForTests() {
  return startEmulator({ apps: [[KEY, SECRET]] });
}

/**
 * `configure(options)` of the Node entry, then its platform log turned off: the tests provoke
 * failed refreshes and drops on purpose, and the core's warnings about them (written to the
 * console by default) would bury Jest's output. e2e/observability.test.mjs checks the console
 * lines themselves.
 */
export async function configureQuietly(options) {
  configure(options);
  await DolbyIoIAPI.setLogLevel('WARN', { platformLog: false });
}

/**
 * The setup every e2e file repeated, in one place: the file's emulator (app KEY:SECRET),
 * started before its tests and stopped after them, and before each test a fresh core of the
 * Node entry configured against it (`configureQuietly`, `callbackTimeoutMs: 3000`; a file's own
 * beforeEach runs after it). `freshCore: false` leaves the core alone, for files that make their
 * own. Registers the Jest hooks, so call it at the top level of a test file. Returns the
 * emulator: an object filled in before the file's first test (beforeAll).
 */
export function setUpEmulatorAndCore({ freshCore = true } = {}) {
  const emu = {};
  beforeAll(async () => {
    Object.assign(emu, await emulatorForTests());
  });
  afterAll(async () => {
    await emu.stop?.();
  });
  if (freshCore) {
    beforeEach(async () => {
      await configureQuietly({ baseUrl: emu.baseUrl, callbackTimeoutMs: 3000 });
    });
  }
  return emu;
}

/** Waits until just after a wall-clock second boundary (JWT iat/exp are whole seconds). */
export async function alignToSecond(offsetMs = 20) {
  const now = Date.now();
  await sleep(1000 - (now % 1000) + offsetMs);
}

export function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Resolves with the error `promise` rejects with; fails when it resolves. */
export async function rejectionOf(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** A refresh callback that records its calls and answers with `answer(isExpired, n)`. */
export function recordingCallback(answer) {
  const calls = [];
  const callback = async (isExpired) => {
    calls.push({ isExpired, at: Date.now() });
    return answer(isExpired, calls.length);
  };
  return { callback, calls };
}

/** Seconds until the JWT's exp. */
export function secondsLeft(token) {
  const payload = JSON.parse(
    Buffer.from(token.split('.')[1], 'base64url').toString('utf8')
  );
  return payload.exp - Date.now() / 1000;
}

/**
 * A second conference participant driven directly over the emulator's REST routes (the Node
 * entry is one SDK instance, the package's default export): a minted token,
 * `/v2/users/identify`, then the conference routes with that participant's id.
 */
export async function restParticipant(emu, name) {
  const token = await emu.mint(KEY, 600);
  const call = async (method, path, body) => {
    const res = await fetch(`${emu.baseUrl}/${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) {
      throw new Error(
        `${method} /${path}: ${res.status} ${JSON.stringify(json)}`
      );
    }
    return json;
  };
  const me = await call('POST', 'v2/users/identify', { name });
  return {
    id: me.id,
    join: (conferenceId, participantType = 'USER') =>
      call('POST', `v1/conferences/${conferenceId}/join`, {
        participantId: me.id,
        participantType,
      }),
    leave: (conferenceId) =>
      call('POST', `v1/conferences/${conferenceId}/leave`, {
        participantId: me.id,
      }),
    kick: (conferenceId, participantId) =>
      call('POST', `v1/conferences/${conferenceId}/kick/${participantId}`),
    mute: (conferenceId, participantId, isMuted) =>
      call('POST', `v1/conferences/${conferenceId}/mute`, {
        participantId,
        isMuted,
      }),
    setPermissions: (conferenceId, participantId, permissions) =>
      call('POST', `v1/conferences/${conferenceId}/permissions`, {
        permissions: [{ participantId, permissions }],
      }),
    /** The platform's conference payload (with `isMuted` and `permissions`). */
    fetch: (conferenceId) => call('GET', `v1/conferences/${conferenceId}`),
  };
}

/** Every value of `value`, recursively, is not null (absent optional keys, never null). */
export function hasNoNulls(value) {
  if (value === null) return false;
  if (Array.isArray(value)) return value.every(hasNoNulls);
  if (typeof value === 'object') return Object.values(value).every(hasNoNulls);
  return true;
}

/** Polls `check` (every 25 ms) until it returns a truthy value; fails after `timeoutMs`. */
export async function waitFor(check, what, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** Until `emu` has at least `n` event WebSockets open. */
export function wsConnected(emu, n = 1) {
  return waitFor(
    async () => (await emu.wsOpen()) >= n,
    `${n} open WebSocket(s)`
  );
}

/**
 * Records events; `next(match, what, from)` resolves with the first one matching among those
 * recorded from index `from` on (default 0: any), waiting for it up to 5 s.
 */
export function eventLog() {
  const events = [];
  const waiters = [];
  return {
    events,
    push(event) {
      events.push(event);
      for (const w of [...waiters]) {
        if (w.match(event)) {
          waiters.splice(waiters.indexOf(w), 1);
          clearTimeout(w.timer);
          w.resolve(event);
        }
      }
    },
    next(match, what = 'an event', from = 0, timeoutMs = 5000) {
      const seen = events.slice(from).find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const w = { match, resolve, timer: null };
        waiters.push(w);
        w.timer = setTimeout(() => {
          const i = waiters.indexOf(w);
          if (i >= 0) {
            waiters.splice(i, 1);
            reject(new Error(`timed out waiting for ${what}`));
          }
        }, timeoutMs);
      });
    },
  };
}
