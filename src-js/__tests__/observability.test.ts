// What the SDK is doing, at the JS edge: DolbyIoIAPI's token state and logs and the session's
// connection state over a fake native module. The sequences themselves are the core's (and the
// Jest mock's): the contract suite (helpers/contract.ts) checks them on both.
import { DolbyIoIAPI } from '../DolbyIoIAPI';
import { DolbyIoIAPIError, ErrorCode } from '../errors';
import {
  ConnectionDropReason,
  ConnectionStatus,
  LogLevel,
  TokenRefreshOutcome,
  TokenRefreshTrigger,
  TokenStatus,
} from '../models';
import { useFakeNativeModule } from './helpers/setup';

jest.mock(
  '../nativeModule',
  () => require('./helpers/nativeModuleMock').mockModule
);

const native = useFakeNativeModule();

/** Runs `call`, expecting it to throw or reject with INVALID_ARGUMENT. */
async function expectInvalidArgument(call: () => unknown) {
  let error: unknown;
  try {
    await call();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(DolbyIoIAPIError);
  expect((error as DolbyIoIAPIError).code).toBe(ErrorCode.INVALID_ARGUMENT);
}

describe('token state', () => {
  it('getTokenState converts the native state, nested refresh included', async () => {
    native.fake.resolveNext('getTokenState', {
      state: 'VALID',
      expiresAt: 2000,
      nextRefreshAt: 1500,
      refresh: {
        trigger: 'HALF_LIFE',
        outcome: 'FAILED',
        errorCode: 'TIMEOUT',
        errorMessage: 'the callback did not answer in time',
      },
      sequence: 7,
    });
    await expect(new DolbyIoIAPI().getTokenState()).resolves.toEqual({
      state: TokenStatus.VALID,
      expiresAt: 2000,
      nextRefreshAt: 1500,
      refresh: {
        trigger: TokenRefreshTrigger.HALF_LIFE,
        outcome: TokenRefreshOutcome.FAILED,
        errorCode: ErrorCode.TIMEOUT,
        errorMessage: 'the callback did not answer in time',
      },
      sequence: 7,
    });
  });

  it('a rejection of getTokenState is a DolbyIoIAPIError', async () => {
    native.fake.rejectNext('getTokenState', 'CANCELLED', 'shut down');
    await expect(new DolbyIoIAPI().getTokenState()).rejects.toMatchObject({
      name: 'DolbyIoIAPIError',
      code: ErrorCode.CANCELLED,
    });
  });

  it('onTokenStateChange delivers each state until unsubscribed', () => {
    const sdk = new DolbyIoIAPI();
    const states: unknown[] = [];
    const off = sdk.onTokenStateChange((s) => states.push(s));
    native.fake.emit('onTokenStateChange', {
      state: 'REFRESHING',
      refresh: { trigger: 'INITIALIZE' },
      sequence: 1,
    });
    off();
    off();
    native.fake.emit('onTokenStateChange', { state: 'NONE', sequence: 2 });
    expect(states).toEqual([
      {
        state: TokenStatus.REFRESHING,
        refresh: { trigger: TokenRefreshTrigger.INITIALIZE },
        sequence: 1,
      },
    ]);
    expect(native.fake.listenerCount('onTokenStateChange')).toBe(0);
  });
});

describe('connection state', () => {
  it('getConnectionState and onConnectionStateChange convert the native state', async () => {
    const sdk = new DolbyIoIAPI();
    native.fake.resolveNext('sessionGetConnectionState', {
      state: 'CONNECTED',
      sequence: 2,
    });
    await expect(sdk.session.getConnectionState()).resolves.toEqual({
      state: ConnectionStatus.CONNECTED,
      sequence: 2,
    });
    const states: unknown[] = [];
    const off = sdk.session.onConnectionStateChange((s) => states.push(s));
    native.fake.emit('onConnectionStateChange', {
      state: 'RECONNECTING',
      attempt: 1,
      retryInMs: 500,
      reason: 'CLOSED_BY_SERVER',
      sequence: 3,
    });
    off();
    expect(states).toEqual([
      {
        state: ConnectionStatus.RECONNECTING,
        attempt: 1,
        retryInMs: 500,
        reason: ConnectionDropReason.CLOSED_BY_SERVER,
        sequence: 3,
      },
    ]);
  });
});

describe('logs', () => {
  it('setLogLevel sends the level, with the platform log unless told otherwise', async () => {
    const sdk = new DolbyIoIAPI();
    await sdk.setLogLevel(LogLevel.DEBUG);
    await sdk.setLogLevel(LogLevel.TRACE, { platformLog: false });
    await sdk.setLogLevel(LogLevel.OFF, {});
    expect(native.fake.setLogLevel.mock.calls).toEqual([
      ['DEBUG', true],
      ['TRACE', false],
      ['OFF', true],
    ]);
  });

  it('an unknown level is refused by native: INVALID_ARGUMENT', async () => {
    native.fake.rejectNext('setLogLevel', 'INVALID_ARGUMENT', 'unknown level');
    await expect(
      new DolbyIoIAPI().setLogLevel('VERBOSE' as LogLevel)
    ).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
  });

  it('onLog delivers each record', () => {
    const records: unknown[] = [];
    const off = new DolbyIoIAPI().onLog((r) => records.push(r));
    native.fake.emit('onLog', {
      level: 'WARN',
      target: 'iapi_core::token::manager',
      message: 'access token refresh failed',
      timestamp: 5,
      dropped: 3,
    });
    off();
    expect(records).toEqual([
      {
        level: LogLevel.WARN,
        target: 'iapi_core::token::manager',
        message: 'access token refresh failed',
        timestamp: 5,
        dropped: 3,
      },
    ]);
  });
});

describe('bad input: INVALID_ARGUMENT, nothing reaches native', () => {
  it.each([
    [
      'onTokenStateChange',
      (s: DolbyIoIAPI) => s.onTokenStateChange(1 as never),
    ],
    ['onLog', (s: DolbyIoIAPI) => s.onLog('handler' as never)],
    [
      'session.onConnectionStateChange',
      (s: DolbyIoIAPI) => s.session.onConnectionStateChange(null as never),
    ],
    ['setLogLevel(42)', (s: DolbyIoIAPI) => s.setLogLevel(42 as never)],
    [
      'setLogLevel(level, null)',
      (s: DolbyIoIAPI) => s.setLogLevel(LogLevel.INFO, null as never),
    ],
    [
      'setLogLevel(level, { platformLog: "no" })',
      (s: DolbyIoIAPI) =>
        s.setLogLevel(LogLevel.INFO, { platformLog: 'no' as never }),
    ],
  ])('%s', async (_name, call) => {
    await expectInvalidArgument(() => call(new DolbyIoIAPI()));
    expect(native.fake.setLogLevel).not.toHaveBeenCalled();
    expect(native.fake.onLog).not.toHaveBeenCalled();
    expect(native.fake.onTokenStateChange).not.toHaveBeenCalled();
    expect(native.fake.onConnectionStateChange).not.toHaveBeenCalled();
  });
});
