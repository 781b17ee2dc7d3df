import * as real from '../index';
import * as mock from '../../jest';

jest.mock(
  '../NativeDolbyIoIAPI',
  () => require('./helpers/nativeModuleMock').mockModule
);

// The consumer mock duplicates the runtime exports of the package (so that it needs no
// transform); this keeps the two in step.
describe('consumer Jest mock matches the package', () => {
  const runtimeExports = Object.keys(real)
    .filter((key) => key !== 'default' && key !== '__esModule')
    .sort();

  it('exports the same runtime values', () => {
    for (const key of runtimeExports) {
      expect([key, (mock as Record<string, unknown>)[key]]).toEqual([
        key,
        expect.anything(),
      ]);
    }
  });

  it.each(
    runtimeExports.filter(
      (key) => key !== 'DolbyIoIAPIError' && key !== 'isErrorCode'
    )
  )('enum %s has the same values', (key) => {
    expect({ ...(mock as Record<string, object>)[key] }).toEqual({
      ...(real as unknown as Record<string, object>)[key],
    });
  });

  it('has every method of DolbyIoIAPI and its services', () => {
    const methods = (target: object) =>
      Object.getOwnPropertyNames(Object.getPrototypeOf(target))
        .filter((name) => name !== 'constructor')
        .sort();
    const sdk = real.default;
    expect(
      Object.keys(mock.default)
        .filter((k) => typeof (mock.default as never)[k] === 'function')
        .sort()
    ).toEqual(methods(sdk));
    expect(Object.keys(mock.default.session).sort()).toEqual(
      methods(sdk.session)
    );
    expect(Object.keys(mock.default.conference).sort()).toEqual(
      methods(sdk.conference)
    );
  });

  it('DolbyIoIAPIError behaves the same', () => {
    const error = new mock.DolbyIoIAPIError(mock.ErrorCode.TIMEOUT, 'slow');
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'DolbyIoIAPIError', code: 'TIMEOUT' });
    const server = { status: 503, platformCode: 7 };
    for (const Class of [mock.DolbyIoIAPIError, real.DolbyIoIAPIError]) {
      expect({
        ...new Class(mock.ErrorCode.SERVER, 'down', undefined, server),
      }).toEqual({ name: 'DolbyIoIAPIError', code: 'SERVER', ...server });
      expect({
        ...new Class(mock.ErrorCode.NETWORK, 'down', undefined, server),
      }).toEqual({ name: 'DolbyIoIAPIError', code: 'NETWORK' });
    }
  });

  it('gives its SERVER errors an HTTP status', async () => {
    mock.mockControls.reset();
    await mock.default.initialize('k', 's');
    mock.mockControls.failNext('session.open', mock.ErrorCode.SERVER);
    await expect(mock.default.session.open()).rejects.toMatchObject({
      code: 'SERVER',
      status: 500,
    });
    await mock.default.session.open();
    await expect(mock.default.conference.fetch('nope')).rejects.toMatchObject({
      code: 'SERVER',
      status: 404,
    });
    mock.mockControls.reset();
  });
});

// What the mock does is checked by the contract suite (helpers/contract.ts), run against the
// mock in contract.mock.test.ts and against the real core in e2e/contract.test.mjs. Here: what
// only the mock has (mockControls, jest.fn recording).
describe('consumer Jest mock controls', () => {
  beforeEach(() => mock.mockControls.reset());

  it('refreshAccessToken asks the latest callback; a bad answer is TOKEN_REFRESH_FAILED', async () => {
    const first = jest.fn(async () => 'a');
    const second = jest.fn(async (_isExpired: boolean) => 'b');
    await mock.default.initializeToken('t', first);
    await mock.default.initializeToken('t', second);
    expect(mock.mockControls.isInitialized).toBe(true);
    await expect(mock.mockControls.refreshAccessToken(true)).resolves.toBe('b');
    expect(second).toHaveBeenLastCalledWith(true);
    expect(first).not.toHaveBeenCalled();
    expect(mock.mockControls.accessToken).toBe('b');
    second.mockResolvedValueOnce('');
    await expect(mock.mockControls.refreshAccessToken()).rejects.toMatchObject({
      code: 'TOKEN_REFRESH_FAILED',
    });
    await mock.default.initialize('k', 's');
    await expect(mock.mockControls.refreshAccessToken()).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
  });

  it('records calls and honours failNext', async () => {
    await mock.default.initialize('k', 's');
    mock.mockControls.failNext(
      'session.open',
      mock.ErrorCode.NETWORK,
      'offline',
      2
    );
    for (let i = 0; i < 2; i++) {
      await expect(mock.default.session.open()).rejects.toMatchObject({
        code: 'NETWORK',
        message: 'offline',
      });
    }
    await mock.default.session.open({ name: 'Ada' });
    expect(mock.default.session.open).toHaveBeenCalledTimes(3);
    expect(mock.default.session.open).toHaveBeenLastCalledWith({ name: 'Ada' });
    expect(() => mock.mockControls.failNext('nope', 'SERVER' as never)).toThrow(
      /Unknown method/
    );
  });

  it('drives conference events and counts listeners', async () => {
    await mock.default.initialize('k', 's');
    await mock.default.session.open({ name: 'Ada' });
    const conference = await mock.default.conference.create({ alias: 'x' });
    const statuses: string[] = [];
    const stop = mock.default.conference.onStatusChange((e) =>
      statuses.push(e.status)
    );
    const permissions = jest.fn();
    const stopPermissions =
      mock.default.conference.onPermissionsChange(permissions);
    expect(mock.mockControls.listenerCount()).toEqual({
      onStatusChange: 1,
      onParticipantsChange: 0,
      onPermissionsChange: 1,
      onConnectionStateChange: 0,
      onTokenStateChange: 0,
      onLog: 0,
    });
    await mock.default.conference.join(conference);
    mock.mockControls.setConferenceStatus(
      conference.id,
      mock.ConferenceStatus.ENDED
    );
    mock.mockControls.setPermissions([mock.ConferencePermission.KICK]);
    expect(statuses).toEqual(['JOINING', 'JOINED', 'ENDED']);
    expect(permissions).toHaveBeenCalledWith({
      conferenceId: conference.id,
      permissions: ['KICK'],
    });
    stop();
    stopPermissions();
    expect(mock.mockControls.listenerCount().onStatusChange).toBe(0);
    expect(() => mock.mockControls.kickParticipant('nobody')).toThrow(
      /Unknown participant/
    );
  });

  it('dropConnection: RECONNECTING attempts 1..n with the reason, then CONNECTED', async () => {
    await mock.default.initialize('k', 's');
    expect(() => mock.mockControls.dropConnection()).toThrow(/No session/);
    await mock.default.session.open({ name: 'Ada' });
    const states: object[] = [];
    mock.default.session.onConnectionStateChange(
      ({ sequence: _sequence, ...s }) => states.push(s)
    );
    mock.mockControls.dropConnection({
      reason: mock.ConnectionDropReason.CLOSED_BY_SERVER,
      attempts: 2,
    });
    expect(states).toEqual([
      {
        state: 'RECONNECTING',
        attempt: 1,
        retryInMs: 1000,
        reason: 'CLOSED_BY_SERVER',
      },
      {
        state: 'RECONNECTING',
        attempt: 2,
        retryInMs: 2000,
        reason: 'CLOSED_BY_SERVER',
      },
      { state: 'CONNECTED' },
    ]);
    mock.mockControls.dropConnection({ reconnect: false });
    await expect(
      mock.default.session.getConnectionState()
    ).resolves.toMatchObject({
      state: 'RECONNECTING',
      attempt: 1,
      reason: 'NETWORK',
      sequence: 6,
    });
    mock.mockControls.restoreConnection();
    expect(states[states.length - 1]).toEqual({ state: 'CONNECTED' });
  });

  it('failNextRefresh: FAILED with the code, the token still VALID; expireToken: EXPIRED', async () => {
    const callback = jest.fn(async (_isExpired: boolean) => 'token');
    await mock.default.initializeToken(null, callback);
    const states: Array<{ state: string; refresh?: object }> = [];
    mock.default.onTokenStateChange(({ state, refresh }) =>
      states.push({ state, ...(refresh ? { refresh } : {}) })
    );
    mock.mockControls.failNextRefresh(mock.ErrorCode.TIMEOUT, 'too slow');
    await expect(mock.mockControls.refreshAccessToken()).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
    expect(callback).toHaveBeenCalledTimes(1); // only the first token
    expect(states).toEqual([
      { state: 'REFRESHING', refresh: { trigger: 'HALF_LIFE' } },
      {
        state: 'VALID', // 'token' is no JWT: the mock takes it as valid
        refresh: {
          trigger: 'HALF_LIFE',
          outcome: 'FAILED',
          errorCode: 'TIMEOUT',
          errorMessage: 'too slow',
        },
      },
    ]);
    mock.mockControls.failNextRefresh();
    await expect(mock.mockControls.expireToken()).resolves.toMatchObject({
      state: 'EXPIRED',
      refresh: {
        trigger: 'EXPIRY',
        outcome: 'FAILED',
        errorCode: 'TOKEN_REFRESH_FAILED',
      },
    });
    await expect(mock.mockControls.expireToken()).resolves.toMatchObject({
      state: 'VALID',
      refresh: { trigger: 'EXPIRY', outcome: 'REFRESHED' },
    });
    expect(callback).toHaveBeenLastCalledWith(true);
  });

  it('delayNextRefresh keeps REFRESHING; a newer initializeToken supersedes it', async () => {
    jest.useFakeTimers();
    try {
      const first = jest.fn(async () => 'first');
      mock.mockControls.delayNextRefresh(5000);
      const states: Array<{ state: string; refresh?: object }> = [];
      mock.default.onTokenStateChange(({ state, refresh }) =>
        states.push({ state, ...(refresh ? { refresh } : {}) })
      );
      const pending = mock.default.initializeToken(null, first);
      await expect(mock.default.getTokenState()).resolves.toMatchObject({
        state: 'REFRESHING',
      });
      await mock.default.initializeToken('second', async () => 'x');
      await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
      await jest.advanceTimersByTimeAsync(5000);
      expect(first).not.toHaveBeenCalled();
      expect(states).toEqual([
        { state: 'REFRESHING', refresh: { trigger: 'INITIALIZE' } },
        {
          state: 'NONE',
          refresh: { trigger: 'INITIALIZE', outcome: 'SUPERSEDED' },
        },
        { state: 'VALID' },
      ]);
      expect(mock.mockControls.accessToken).toBe('second');
    } finally {
      jest.useRealTimers();
    }
  });

  it('emitLog delivers records at or above the level; setLogLevel checks its level', async () => {
    const records: string[] = [];
    mock.default.onLog((r) => records.push(`${r.level} ${r.message}`));
    expect(
      mock.mockControls.emitLog({ level: 'INFO' as never, message: 'a' })
    ).toBe(false);
    expect(
      mock.mockControls.emitLog({ level: 'WARN' as never, message: 'b' })
    ).toBe(true);
    await mock.default.setLogLevel(mock.LogLevel.TRACE, { platformLog: false });
    expect(mock.mockControls.platformLog).toBe(false);
    mock.mockControls.emitLog({ level: mock.LogLevel.TRACE, message: 'c' });
    await mock.default.setLogLevel(mock.LogLevel.OFF);
    mock.mockControls.emitLog({ level: mock.LogLevel.ERROR, message: 'd' });
    expect(records).toEqual(['WARN b', 'TRACE c']);
    expect(mock.mockControls.logLevel).toBe('OFF');
    await expect(
      mock.default.setLogLevel('LOUD' as never)
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(() =>
      mock.mockControls.emitLog({ level: 'LOUD' as never, message: 'e' })
    ).toThrow(/unknown level/);
  });
});
