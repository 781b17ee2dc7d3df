/**
 * The package's contract, written once at the level of its public API and run against every
 * implementation of it:
 *   - the Jest mock for apps (`jest/index.js` with `mockControls`):
 *     src-js/__tests__/contract.mock.test.ts, in `npm test`;
 *   - the real Rust core through the Node entry (`@dolbyio/react-native-iapi-sdk/node`, the
 *     Node host and a real emulator process): e2e/contract.test.mjs, in `scripts/test-e2e.sh`.
 * Where they disagreed, the core is the truth and the mock was fixed.
 *
 * The suite only asserts what the contract promises on every target: events are awaited (the
 * core delivers them asynchronously, the mock at once) and extra intermediate events (the
 * mock's JOINING, LEAVING, LEFT statuses) are not asserted. It imports nothing at run time:
 * the target hands it the package's exports, and it uses no `jest` object (not a global in
 * native ESM), only `describe`, `test`, `expect` and the hooks.
 */
import type * as Package from '../../index';
import type {
  Conference,
  ConferenceStatusChangeEvent,
  ConnectionState,
  Participant,
  ParticipantsChangeEvent,
  PermissionsChangeEvent,
  RefreshAccessTokenType,
  TokenState,
} from '../../index';

/** What the suite needs from the package: the `.` (or `/node`) entry's exports. */
export type ContractApi = Pick<
  typeof Package,
  | 'default'
  | 'DolbyIoIAPIError'
  | 'ErrorCode'
  | 'ConferenceStatus'
  | 'ParticipantStatus'
  | 'ParticipantType'
  | 'ParticipantChange'
  | 'ConferencePermission'
  | 'ConnectionStatus'
  | 'TokenStatus'
  | 'TokenRefreshTrigger'
  | 'TokenRefreshOutcome'
  | 'LogLevel'
>;

/** Another participant of a conference, driven from outside the SDK under test. */
export interface RemoteParticipant {
  /** Joins `conferenceId` (which the local participant is in); resolves with its participant id. */
  join(conferenceId: string): Promise<string>;
  /** Leaves `conferenceId`. */
  leave(conferenceId: string): Promise<void>;
  /** Kicks `participantId` (for example the local participant) out of `conferenceId`. */
  kick(conferenceId: string, participantId: string): Promise<void>;
}

/** How to run the contract on one implementation. */
export interface ContractTarget {
  /** Named in the test titles. */
  name: string;
  /**
   * A fresh SDK before each test: not initialized, no session, no conference, no refresh
   * callback. Resolves with the package's exports (`default` is the SDK instance).
   */
  fresh(): Promise<ContractApi>;
  /** After each test (the suite has already closed the session and unsubscribed its listeners). */
  teardown?(): Promise<void>;
  /** An access token the SDK accepts as it is (valid for at least a minute). */
  validToken(): Promise<string>;
  /** An access token that expired already (a JWT whose `exp` is past). */
  expiredToken(): Promise<string>;
  /**
   * Makes the SDK ask the refresh callback for a new token before the current one expires:
   * `token` is given to `initializeToken`, then `trigger()` is awaited (it may reject when the
   * callback fails); the callback must then be called with `isExpired = false` within a few
   * seconds, a refresh triggered by HALF_LIFE, with `token` still valid.
   */
  proactiveRefresh(): Promise<{
    token: string;
    trigger: () => Promise<unknown>;
  }>;
  /** Resolves once conference events of the open session can flow (the core's WebSocket). */
  eventsReady(): Promise<void>;
  /** Another participant, named `name` (who has its own session on the platform). */
  remoteParticipant(name: string): Promise<RemoteParticipant>;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Resolves with what `promise` rejects with; fails when it resolves. */
async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

type Falsy = undefined | null | false | 0 | '';

/** Polls `check` until it is truthy; fails after `timeoutMs`. */
async function waitFor<T>(
  check: () => T | Falsy | Promise<T | Falsy>,
  what: string,
  timeoutMs = 5000
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Records events; `next(match)` resolves with the first recorded (from index `from` on) that matches. */
function eventLog<E>() {
  const events: E[] = [];
  return {
    events,
    push: (event: E) => {
      events.push(event);
    },
    next: (match: (event: E) => boolean, what: string, from = 0) =>
      waitFor(() => events.slice(from).find(match), what),
  };
}

/** A refresh callback that records its calls and answers with `answer()`. */
function recordingCallback(answer: () => Promise<string>) {
  const calls: boolean[] = [];
  const callback: RefreshAccessTokenType = async (isExpired) => {
    calls.push(isExpired);
    return answer();
  };
  return { callback, calls };
}

const UNKNOWN_CONFERENCE_ID = '00000000-0000-0000-0000-000000000000';

export function contractSuite(target: ContractTarget): void {
  let api: ContractApi;
  let sdk: ContractApi['default'];
  const unsubscribes: Array<() => void> = [];
  // Conferences of an emulator are shared by all tests of a file: one alias per test.
  let aliases = 0;
  const alias = (name: string) =>
    `contract-${name}-${++aliases}-${Math.random().toString(36).slice(2, 8)}`;

  beforeEach(async () => {
    api = await target.fresh();
    sdk = api.default;
  });

  afterEach(async () => {
    for (const off of unsubscribes.splice(0)) off();
    await sdk.session.close().catch(() => undefined);
    await target.teardown?.();
  });

  /** Expects `promise` to reject with a DolbyIoIAPIError of `code`; returns the error. */
  async function expectCode(promise: Promise<unknown>, code: string) {
    const error = await rejectionOf(promise);
    expect(error).toBeInstanceOf(api.DolbyIoIAPIError);
    expect({
      name: error.name,
      code: (error as { code?: string }).code,
    }).toEqual({ name: 'DolbyIoIAPIError', code });
    return error;
  }

  async function initialized() {
    const token = await target.validToken();
    await sdk.initializeToken(token, () => target.validToken());
  }

  async function signedIn(name: string) {
    await initialized();
    const me = await sdk.session.open({ name, externalId: `${name}-ext` });
    await target.eventsReady();
    return me;
  }

  function listen() {
    const statuses = eventLog<ConferenceStatusChangeEvent>();
    const changes = eventLog<ParticipantsChangeEvent>();
    const permissions = eventLog<PermissionsChangeEvent>();
    unsubscribes.push(
      sdk.conference.onStatusChange(statuses.push),
      sdk.conference.onParticipantsChange(changes.push),
      sdk.conference.onPermissionsChange(permissions.push)
    );
    return { statuses, changes, permissions };
  }

  const byId = (list: Participant[], id: string) =>
    list.find((p) => p.id === id);

  describe(`contract (${target.name}): initialization and tokens`, () => {
    test('initializeToken(null, cb) asks cb with isExpired = true before it resolves', async () => {
      const { callback, calls } = recordingCallback(() => target.validToken());
      await expect(sdk.initializeToken(null, callback)).resolves.toBe(true);
      expect(calls).toEqual([true]);
    });

    test('an expired token asks cb with isExpired = true before initializeToken resolves', async () => {
      const expired = await target.expiredToken();
      const { callback, calls } = recordingCallback(() => target.validToken());
      await expect(sdk.initializeToken(expired, callback)).resolves.toBe(true);
      expect(calls).toEqual([true]);
    });

    test('a valid token is used as it is: no callback', async () => {
      const { callback, calls } = recordingCallback(() => target.validToken());
      await expect(
        sdk.initializeToken(await target.validToken(), callback)
      ).resolves.toBe(true);
      const me = await sdk.session.open({ name: 'Ada' });
      expect(typeof me.id).toBe('string');
      expect(calls).toEqual([]);
    });

    test('before the token expires, the callback is asked with isExpired = false', async () => {
      const { token, trigger } = await target.proactiveRefresh();
      const { callback, calls } = recordingCallback(() => target.validToken());
      await sdk.initializeToken(token, callback);
      expect(calls).toEqual([]);
      await trigger();
      await waitFor(() => calls.length > 0, 'a refresh');
      expect(calls[0]).toBe(false);
    });

    test('a second initializeToken replaces the callback', async () => {
      const first = recordingCallback(() => target.validToken());
      const second = recordingCallback(() => target.validToken());
      await sdk.initializeToken(null, first.callback);
      await sdk.initializeToken(null, second.callback);
      expect(first.calls).toEqual([true]);
      expect(second.calls).toEqual([true]);
    });

    test('a callback that throws or answers nothing fails the refresh: TOKEN_REFRESH_FAILED', async () => {
      const failing = async () => {
        throw new Error('backend down');
      };
      await expectCode(
        sdk.initializeToken(null, failing),
        api.ErrorCode.TOKEN_REFRESH_FAILED
      );
      await expectCode(
        sdk.initializeToken(null, async () => ''),
        api.ErrorCode.TOKEN_REFRESH_FAILED
      );
    });

    test('bad arguments of initialize*: INVALID_ARGUMENT', async () => {
      const token = async () => 'x';
      await expectCode(
        sdk.initializeToken(42 as never, token),
        api.ErrorCode.INVALID_ARGUMENT
      );
      await expectCode(
        sdk.initializeToken(null, 'not a function' as never),
        api.ErrorCode.INVALID_ARGUMENT
      );
      await expectCode(
        sdk.initialize(1 as never, 'secret'),
        api.ErrorCode.INVALID_ARGUMENT
      );
    });

    test('before initialize*: NOT_INITIALIZED', async () => {
      const someConference = { id: UNKNOWN_CONFERENCE_ID } as Conference;
      for (const call of [
        () => sdk.session.open({ name: 'Ada' }),
        () => sdk.conference.create({ alias: alias('early') }),
        () => sdk.conference.fetch(UNKNOWN_CONFERENCE_ID),
        () => sdk.conference.getParticipants(someConference),
        () => sdk.conference.getStatus(someConference),
      ]) {
        await expectCode(call(), api.ErrorCode.NOT_INITIALIZED);
      }
      await expect(sdk.session.isOpen()).resolves.toBe(false);
      await expect(sdk.conference.current()).resolves.toBeNull();
    });
  });

  describe(`contract (${target.name}): session`, () => {
    test('open, isOpen, getParticipant, close, open again', async () => {
      await initialized();
      await expect(sdk.session.isOpen()).resolves.toBe(false);
      const me = await sdk.session.open({ name: 'Ada', externalId: 'ada-1' });
      expect(me).toEqual({
        id: expect.any(String),
        info: { name: 'Ada', externalId: 'ada-1' },
      });
      await expect(sdk.session.isOpen()).resolves.toBe(true);
      await expect(sdk.session.getParticipant()).resolves.toEqual(me);
      await sdk.session.close();
      await expect(sdk.session.isOpen()).resolves.toBe(false);
      // Closing again does nothing.
      await sdk.session.close();
      const again = await sdk.session.open({ name: 'Ada' });
      expect(again.info).toEqual({ name: 'Ada' });
    });

    test('a second open while a session is open: INVALID_STATE, the first stays', async () => {
      await initialized();
      const me = await sdk.session.open({ name: 'Ada' });
      await expectCode(
        sdk.session.open({ name: 'Bob' }),
        api.ErrorCode.INVALID_STATE
      );
      await expect(sdk.session.getParticipant()).resolves.toEqual(me);
    });

    test('without a session: INVALID_STATE', async () => {
      await initialized();
      const conference = await sdk.conference.create({
        alias: alias('no-session'),
      });
      const someone = { id: 'someone', info: {} } as Participant;
      for (const call of [
        () => sdk.session.getParticipant(),
        () => sdk.conference.join(conference),
        () => sdk.conference.leave(),
        () => sdk.conference.getParticipant('someone'),
        () => sdk.conference.kick(someone),
        () => sdk.conference.mute(someone, true),
        () => sdk.conference.isMuted(),
        () =>
          sdk.conference.updatePermissions([
            { participant: someone, permissions: [] },
          ]),
      ]) {
        await expectCode(call(), api.ErrorCode.INVALID_STATE);
      }
      await expect(sdk.conference.current()).resolves.toBeNull();
    });

    test('bad session input: INVALID_ARGUMENT', async () => {
      await initialized();
      await expectCode(
        sdk.session.open(null as never),
        api.ErrorCode.INVALID_ARGUMENT
      );
      await expectCode(
        sdk.session.open('Ada' as never),
        api.ErrorCode.INVALID_ARGUMENT
      );
      await expect(sdk.session.isOpen()).resolves.toBe(false);
    });
  });

  describe(`contract (${target.name}): conference`, () => {
    test('create, create the same alias, fetch, join, participants, status, leave', async () => {
      const me = await signedIn('Ada');
      await expect(sdk.conference.current()).resolves.toBeNull();
      const name = alias('standup');
      const created = await sdk.conference.create({ alias: name });
      expect(created).toEqual({
        id: expect.any(String),
        alias: name,
        isNew: true,
        participants: [],
        status: api.ConferenceStatus.CREATED,
      });
      const again = await sdk.conference.create({ alias: name });
      expect(again).toEqual({ ...created, isNew: false });
      await expect(sdk.conference.fetch(created.id)).resolves.toEqual({
        ...created,
        isNew: false,
      });

      const joined = await sdk.conference.join(created);
      expect(joined.id).toBe(created.id);
      expect(joined.status).toBe(api.ConferenceStatus.JOINED);
      const local = {
        id: me.id,
        info: { name: 'Ada', externalId: 'Ada-ext' },
        status: api.ParticipantStatus.CONNECTED,
        type: api.ParticipantType.USER,
      };
      expect(joined.participants).toEqual([local]);
      const current = await sdk.conference.current();
      expect(current).toMatchObject({ id: created.id, participants: [local] });
      await expect(sdk.conference.getParticipants(created)).resolves.toEqual([
        local,
      ]);
      await expect(sdk.conference.getParticipant(me.id)).resolves.toEqual(
        local
      );
      await expect(sdk.conference.getStatus(created)).resolves.toBe(
        api.ConferenceStatus.JOINED
      );

      await sdk.conference.leave();
      await expect(sdk.conference.current()).resolves.toBeNull();
      // Everyone who joined stays listed, with their status.
      const after = await sdk.conference.getParticipants(created);
      expect(byId(after, me.id)?.status).toBe(api.ParticipantStatus.LEFT);
      // Leaving the conference keeps the session.
      await expect(sdk.session.isOpen()).resolves.toBe(true);
    });

    test('join as a listener', async () => {
      const me = await signedIn('Ada');
      const conference = await sdk.conference.create({
        alias: alias('listener'),
      });
      const joined = await sdk.conference.join(conference, {
        participantType: api.ParticipantType.LISTENER,
      });
      expect(byId(joined.participants, me.id)?.type).toBe(
        api.ParticipantType.LISTENER
      );
      await sdk.conference.leave();
    });

    test('joining while in another conference leaves it and joins the new one', async () => {
      const me = await signedIn('Ada');
      const first = await sdk.conference.create({ alias: alias('first') });
      const second = await sdk.conference.create({ alias: alias('second') });
      await sdk.conference.join(first);
      const joined = await sdk.conference.join(second);
      expect(joined.id).toBe(second.id);
      expect(byId(joined.participants, me.id)?.status).toBe(
        api.ParticipantStatus.CONNECTED
      );
      await expect(sdk.conference.current()).resolves.toMatchObject({
        id: second.id,
      });
      const left = await sdk.conference.getParticipants(first);
      expect(byId(left, me.id)?.status).toBe(api.ParticipantStatus.LEFT);
      await sdk.conference.leave();
      await expect(sdk.conference.current()).resolves.toBeNull();
    });

    test('leave({ leaveRoom: true }) also closes the session', async () => {
      await signedIn('Ada');
      const conference = await sdk.conference.create({
        alias: alias('leave-room'),
      });
      await sdk.conference.join(conference);
      await sdk.conference.leave({ leaveRoom: true });
      await expect(sdk.conference.current()).resolves.toBeNull();
      await expect(sdk.session.isOpen()).resolves.toBe(false);
    });

    test('closing the session leaves the conference', async () => {
      const me = await signedIn('Ada');
      const conference = await sdk.conference.create({
        alias: alias('close'),
      });
      await sdk.conference.join(conference);
      await sdk.session.close();
      await expect(sdk.conference.current()).resolves.toBeNull();
      // getParticipants needs only an initialized SDK.
      const participants = await sdk.conference.getParticipants(conference);
      expect(byId(participants, me.id)?.status).toBe(
        api.ParticipantStatus.LEFT
      );
    });

    test('mute and isMuted', async () => {
      const me = await signedIn('Ada');
      const conference = await sdk.conference.create({ alias: alias('mute') });
      await sdk.conference.join(conference);
      await expect(sdk.conference.isMuted()).resolves.toBe(false);
      await expect(sdk.conference.mute(me, true)).resolves.toBe(true);
      await expect(sdk.conference.isMuted()).resolves.toBe(true);
      await expect(sdk.conference.mute(me, false)).resolves.toBe(false);
      await expect(sdk.conference.isMuted()).resolves.toBe(false);
      await sdk.conference.leave();
    });

    test('in a session but in no conference: INVALID_STATE', async () => {
      const me = await signedIn('Ada');
      for (const call of [
        () => sdk.conference.leave(),
        () => sdk.conference.leave({ leaveRoom: true }),
        () => sdk.conference.kick(me),
        () => sdk.conference.getParticipant(me.id),
        () => sdk.conference.mute(me, true),
        () => sdk.conference.isMuted(),
        () =>
          sdk.conference.updatePermissions([
            { participant: me, permissions: [api.ConferencePermission.JOIN] },
          ]),
      ]) {
        await expectCode(call(), api.ErrorCode.INVALID_STATE);
      }
      // The failed leave({ leaveRoom: true }) kept the session.
      await expect(sdk.session.isOpen()).resolves.toBe(true);
    });

    test('an unknown conference: SERVER with status 404', async () => {
      await signedIn('Ada');
      const error = await expectCode(
        sdk.conference.fetch(UNKNOWN_CONFERENCE_ID),
        api.ErrorCode.SERVER
      );
      expect((error as { status?: number }).status).toBe(404);
      await expectCode(
        sdk.conference.getStatus({ id: UNKNOWN_CONFERENCE_ID } as Conference),
        api.ErrorCode.SERVER
      );
    });

    test('bad conference input: INVALID_ARGUMENT', async () => {
      const me = await signedIn('Ada');
      const conference = await sdk.conference.create({ alias: alias('bad') });
      const noId = {} as Conference;
      for (const call of [
        () => sdk.conference.fetch(''),
        () => sdk.conference.join(noId),
        () => sdk.conference.getParticipants(noId),
        () => sdk.conference.getStatus(noId),
        () =>
          sdk.conference.join(conference, {
            participantType: 'SPECTATOR' as never,
          }),
        () => sdk.conference.join(conference, { conferenceAccessToken: 'x' }),
      ]) {
        await expectCode(call(), api.ErrorCode.INVALID_ARGUMENT);
      }
      await expect(sdk.conference.current()).resolves.toBeNull();

      await sdk.conference.join(conference);
      for (const call of [
        () => sdk.conference.getParticipant(''),
        () => sdk.conference.getParticipant('nobody'),
        () => sdk.conference.kick({} as Participant),
        () => sdk.conference.mute(me, 'yes' as never),
        () => sdk.conference.updatePermissions('JOIN' as never),
        () => sdk.conference.updatePermissions([]),
        () =>
          sdk.conference.updatePermissions([
            { participant: me, permissions: ['FLY' as never] },
          ]),
        async () => sdk.conference.onStatusChange('nope' as never),
      ]) {
        await expectCode(call(), api.ErrorCode.INVALID_ARGUMENT);
      }
      // Nothing changed.
      await expect(sdk.conference.current()).resolves.toMatchObject({
        id: conference.id,
      });
      await sdk.conference.leave();
    });
  });

  describe(`contract (${target.name}): what the SDK is doing`, () => {
    /** Records the states of a feed; `settled()` waits until the getter agrees with the last. */
    function stateLog<S extends { sequence: number }>(
      subscribeTo: (handler: (state: S) => void) => () => void,
      get: () => Promise<S>
    ) {
      const log = eventLog<S>();
      unsubscribes.push(subscribeTo(log.push));
      return {
        ...log,
        /** The getter's answer once it is the last event (no change in between). */
        settled: async () => {
          await sleep(100);
          const last = log.events[log.events.length - 1];
          const now = await get();
          expect(now).toEqual(last);
          return now;
        },
      };
    }

    const connectionLog = () =>
      stateLog<ConnectionState>(
        (h) => sdk.session.onConnectionStateChange(h),
        () => sdk.session.getConnectionState()
      );
    const tokenLog = () =>
      stateLog<TokenState>(
        (h) => sdk.onTokenStateChange(h),
        () => sdk.getTokenState()
      );

    /** Sequences grow by event order. */
    const increasing = (states: Array<{ sequence: number }>) =>
      states.every((s, i) => i === 0 || s.sequence > states[i - 1]!.sequence);

    test('session open: CONNECTING, CONNECTED; close: DISCONNECTED; the getter agrees', async () => {
      const before = await sdk.session.getConnectionState();
      expect(before.state).toBe(api.ConnectionStatus.DISCONNECTED);
      const states = connectionLog();
      await initialized();
      await sdk.session.open({ name: 'Ada' });
      await states.next(
        (s) => s.state === api.ConnectionStatus.CONNECTED,
        'CONNECTED'
      );
      expect(states.events.map((s) => s.state)).toEqual([
        api.ConnectionStatus.CONNECTING,
        api.ConnectionStatus.CONNECTED,
      ]);
      expect(states.events.every((s) => s.sequence > before.sequence)).toBe(
        true
      );
      expect(await states.settled()).toEqual({
        state: api.ConnectionStatus.CONNECTED,
        sequence: expect.any(Number),
      });

      await sdk.session.close();
      await states.next(
        (s) => s.state === api.ConnectionStatus.DISCONNECTED,
        'DISCONNECTED'
      );
      expect(states.events.map((s) => s.state)).toEqual([
        api.ConnectionStatus.CONNECTING,
        api.ConnectionStatus.CONNECTED,
        api.ConnectionStatus.DISCONNECTED,
      ]);
      expect(increasing(states.events)).toBe(true);
      await states.settled();
    });

    test('initializeToken(null, cb): REFRESHING (INITIALIZE), then VALID (REFRESHED) with its expiry', async () => {
      await expect(sdk.getTokenState()).resolves.toMatchObject({
        state: api.TokenStatus.NONE,
      });
      const states = tokenLog();
      await sdk.initializeToken(null, () => target.validToken());
      const valid = await states.next(
        (s) => s.state === api.TokenStatus.VALID,
        'VALID'
      );
      expect(states.events[0]).toEqual({
        state: api.TokenStatus.REFRESHING,
        refresh: { trigger: api.TokenRefreshTrigger.INITIALIZE },
        sequence: expect.any(Number),
      });
      expect(valid).toEqual({
        state: api.TokenStatus.VALID,
        expiresAt: expect.any(Number),
        nextRefreshAt: expect.any(Number),
        refresh: {
          trigger: api.TokenRefreshTrigger.INITIALIZE,
          outcome: api.TokenRefreshOutcome.REFRESHED,
        },
        sequence: expect.any(Number),
      });
      // A minute or more left, the next refresh planned before it expires.
      expect(valid.expiresAt!).toBeGreaterThan(Date.now() + 30_000);
      expect(valid.nextRefreshAt!).toBeLessThan(valid.expiresAt!);
      expect(increasing(states.events)).toBe(true);
      await states.settled();
    });

    test('a valid token: VALID with no refresh', async () => {
      const states = tokenLog();
      await sdk.initializeToken(await target.validToken(), () =>
        target.validToken()
      );
      const valid = await states.next(
        (s) => s.state === api.TokenStatus.VALID,
        'VALID'
      );
      expect(valid.refresh).toBeUndefined();
      expect(valid.expiresAt!).toBeGreaterThan(Date.now());
      expect(states.events[0]).toEqual(valid);
      await states.settled();
    });

    test('a failed refresh: FAILED with its error code, and no token', async () => {
      const states = tokenLog();
      await expectCode(
        sdk.initializeToken(null, async () => {
          throw new Error('backend down');
        }),
        api.ErrorCode.TOKEN_REFRESH_FAILED
      );
      const failed = await states.next(
        (s) => s.refresh?.outcome === api.TokenRefreshOutcome.FAILED,
        'FAILED'
      );
      expect(failed).toEqual({
        state: api.TokenStatus.NONE,
        refresh: {
          trigger: api.TokenRefreshTrigger.INITIALIZE,
          outcome: api.TokenRefreshOutcome.FAILED,
          errorCode: api.ErrorCode.TOKEN_REFRESH_FAILED,
          errorMessage: expect.any(String),
        },
        sequence: expect.any(Number),
      });
      expect(failed.refresh!.errorMessage).toMatch(/backend down/);
      await states.settled();
    });

    test('a failed refresh before expiry: still VALID until expiresAt', async () => {
      const { token, trigger } = await target.proactiveRefresh();
      const states = tokenLog();
      await sdk.initializeToken(token, async () => {
        throw new Error('backend down');
      });
      const held = await states.next(
        (s) => s.state === api.TokenStatus.VALID,
        'VALID'
      );
      await trigger().catch(() => undefined);
      const failed = await states.next(
        (s) => s.refresh?.outcome === api.TokenRefreshOutcome.FAILED,
        'FAILED'
      );
      expect(failed).toMatchObject({
        state: api.TokenStatus.VALID,
        expiresAt: held.expiresAt,
        refresh: {
          trigger: api.TokenRefreshTrigger.HALF_LIFE,
          outcome: api.TokenRefreshOutcome.FAILED,
          errorCode: api.ErrorCode.TOKEN_REFRESH_FAILED,
        },
      });
      const refreshing = states.events.find(
        (s) => s.state === api.TokenStatus.REFRESHING
      );
      expect(refreshing?.refresh).toEqual({
        trigger: api.TokenRefreshTrigger.HALF_LIFE,
      });
    });

    test('setLogLevel: each level is accepted; an unknown one or a bad handler is INVALID_ARGUMENT', async () => {
      for (const level of Object.values(api.LogLevel)) {
        await expect(
          sdk.setLogLevel(level, { platformLog: false })
        ).resolves.toBeUndefined();
      }
      await expectCode(
        sdk.setLogLevel('VERBOSE' as never),
        api.ErrorCode.INVALID_ARGUMENT
      );
      await expectCode(
        sdk.setLogLevel('warn' as never),
        api.ErrorCode.INVALID_ARGUMENT
      );
      await expectCode(
        sdk.setLogLevel(3 as never),
        api.ErrorCode.INVALID_ARGUMENT
      );
      for (const call of [
        async () => sdk.onLog('nope' as never),
        async () => sdk.onTokenStateChange(null as never),
        async () => sdk.session.onConnectionStateChange({} as never),
      ]) {
        await expectCode(call(), api.ErrorCode.INVALID_ARGUMENT);
      }
    });
  });

  describe(`contract (${target.name}): events and a second participant`, () => {
    test('join: JOINED and the local participant ADDED; a remote one ADDED, then REMOVED when it leaves', async () => {
      const { statuses, changes } = listen();
      const me = await signedIn('Ada');
      const conference = await sdk.conference.create({
        alias: alias('events'),
      });
      await sdk.conference.join(conference);
      await expect(
        statuses.next((e) => e.status === api.ConferenceStatus.JOINED, 'JOINED')
      ).resolves.toEqual({
        conferenceId: conference.id,
        status: api.ConferenceStatus.JOINED,
      });
      const addedMe = await changes.next(
        (e) => e.event === api.ParticipantChange.ADDED,
        'Ada ADDED'
      );
      expect(addedMe).toEqual({
        conferenceId: conference.id,
        participant: {
          id: me.id,
          info: { name: 'Ada', externalId: 'Ada-ext' },
          status: api.ParticipantStatus.CONNECTED,
          type: api.ParticipantType.USER,
        },
        event: api.ParticipantChange.ADDED,
      });

      const bob = await target.remoteParticipant('Bob');
      const bobId = await bob.join(conference.id);
      const added = await changes.next(
        (e) => e.event === 'ADDED' && e.participant.id === bobId,
        'Bob ADDED'
      );
      expect(added).toEqual({
        conferenceId: conference.id,
        participant: {
          id: bobId,
          info: { name: 'Bob' },
          status: api.ParticipantStatus.CONNECTED,
          type: api.ParticipantType.USER,
        },
        event: api.ParticipantChange.ADDED,
      });
      await expect(sdk.conference.getParticipant(bobId)).resolves.toEqual(
        added.participant
      );
      expect(await sdk.conference.getParticipants(conference)).toHaveLength(2);

      await bob.leave(conference.id);
      const removed = await changes.next(
        (e) => e.event === 'REMOVED' && e.participant.id === bobId,
        'Bob REMOVED'
      );
      expect(removed.conferenceId).toBe(conference.id);
      expect(removed.participant.status).toBe(api.ParticipantStatus.LEFT);
      await waitFor(
        async () =>
          (await sdk.conference.getParticipant(bobId)).status ===
          api.ParticipantStatus.LEFT,
        'Bob listed as LEFT'
      );
      await sdk.conference.leave();
    });

    test('kicking a participant: UPDATED with status KICKED (not REMOVED), still listed', async () => {
      const { changes } = listen();
      await signedIn('Ada');
      const conference = await sdk.conference.create({ alias: alias('kick') });
      await sdk.conference.join(conference);
      const bob = await target.remoteParticipant('Bob');
      const bobId = await bob.join(conference.id);
      await changes.next(
        (e) => e.event === 'ADDED' && e.participant.id === bobId,
        'Bob ADDED'
      );
      const mark = changes.events.length;

      await sdk.conference.kick(await sdk.conference.getParticipant(bobId));
      const kicked = await changes.next(
        (e) => e.participant.id === bobId,
        'Bob kicked',
        mark
      );
      expect(kicked).toEqual({
        conferenceId: conference.id,
        participant: {
          id: bobId,
          info: { name: 'Bob' },
          status: api.ParticipantStatus.KICKED,
          type: api.ParticipantType.USER,
        },
        event: api.ParticipantChange.UPDATED,
      });
      await expect(sdk.conference.getParticipant(bobId)).resolves.toMatchObject(
        { status: api.ParticipantStatus.KICKED }
      );
      // The local participant is still in the conference.
      await expect(sdk.conference.current()).resolves.toMatchObject({
        id: conference.id,
      });
      expect(
        changes.events
          .slice(mark)
          .filter((e) => e.event === api.ParticipantChange.REMOVED)
      ).toEqual([]);
      await sdk.conference.leave();
    });

    test('the local participant kicked by another: UPDATED with status KICKED, then in no conference', async () => {
      const { changes } = listen();
      const me = await signedIn('Ada');
      const conference = await sdk.conference.create({
        alias: alias('kicked'),
      });
      await sdk.conference.join(conference);
      const bob = await target.remoteParticipant('Bob');
      const bobId = await bob.join(conference.id);
      await changes.next(
        (e) => e.event === 'ADDED' && e.participant.id === bobId,
        'Bob ADDED'
      );
      const mark = changes.events.length;

      await bob.kick(conference.id, me.id);
      const kicked = await changes.next(
        (e) => e.participant.id === me.id,
        'Ada kicked',
        mark
      );
      expect(kicked).toEqual({
        conferenceId: conference.id,
        participant: {
          id: me.id,
          info: { name: 'Ada', externalId: 'Ada-ext' },
          status: api.ParticipantStatus.KICKED,
          type: api.ParticipantType.USER,
        },
        event: api.ParticipantChange.UPDATED,
      });
      await expect(sdk.conference.current()).resolves.toBeNull();
      await expectCode(sdk.conference.leave(), api.ErrorCode.INVALID_STATE);
      // A kicked participant may not join that conference again.
      await expectCode(sdk.conference.join(conference), api.ErrorCode.SERVER);
      await expect(sdk.session.isOpen()).resolves.toBe(true);
    });

    test("permissions: the local participant's own update is an event, another's is not", async () => {
      const { permissions } = listen();
      const me = await signedIn('Ada');
      const conference = await sdk.conference.create({
        alias: alias('permissions'),
      });
      await sdk.conference.join(conference);
      const bob = await target.remoteParticipant('Bob');
      const bobId = await bob.join(conference.id);
      const bobSeen = await sdk.conference.getParticipant(bobId);

      await sdk.conference.updatePermissions([
        { participant: bobSeen, permissions: [api.ConferencePermission.JOIN] },
      ]);
      await sdk.conference.updatePermissions([
        {
          participant: me,
          permissions: [
            api.ConferencePermission.JOIN,
            api.ConferencePermission.SEND_AUDIO,
          ],
        },
      ]);
      const mine = await permissions.next(() => true, "Ada's permissions");
      expect({ ...mine, permissions: [...mine.permissions].sort() }).toEqual({
        conferenceId: conference.id,
        permissions: ['JOIN', 'SEND_AUDIO'],
      });
      await sleep(100);
      expect(permissions.events).toHaveLength(1);
      await sdk.conference.leave();
    });

    test('an unsubscribed handler gets nothing more; unsubscribing twice does nothing', async () => {
      const kept = eventLog<ParticipantsChangeEvent>();
      const dropped = eventLog<ParticipantsChangeEvent>();
      unsubscribes.push(sdk.conference.onParticipantsChange(kept.push));
      const off = sdk.conference.onParticipantsChange(dropped.push);
      await signedIn('Ada');
      const conference = await sdk.conference.create({
        alias: alias('unsubscribe'),
      });
      await sdk.conference.join(conference);
      await kept.next((e) => e.event === 'ADDED', 'Ada ADDED');
      await dropped.next((e) => e.event === 'ADDED', 'Ada ADDED');
      off();
      off();
      const before = dropped.events.length;
      const bob = await target.remoteParticipant('Bob');
      const bobId = await bob.join(conference.id);
      await kept.next((e) => e.participant.id === bobId, 'Bob ADDED');
      await sleep(100);
      expect(dropped.events).toHaveLength(before);
      await sdk.conference.leave();
    });
  });
}
