// An app whose native build has no DolbyIoIAPI module (not rebuilt after installing the
// package, Expo Go): importing the package must not throw, and every call must reject with
// INVALID_STATE and a message naming the package and what to do.
import { TurboModuleRegistry } from 'react-native';
import type * as Sdk from '../index';

describe('without the native module', () => {
  let sdk: typeof Sdk;

  beforeAll(() => {
    expect(TurboModuleRegistry.get('DolbyIoIAPI')).toBeNull();
    jest.isolateModules(() => {
      sdk = require('../index');
    });
  });

  it('imports, and every call rejects with INVALID_STATE and a clear message', async () => {
    const DolbyIoIAPI = sdk.default;
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['initialize', () => DolbyIoIAPI.initialize('key', 'secret')],
      [
        'initializeToken',
        () => DolbyIoIAPI.initializeToken(null, async () => 'token'),
      ],
      ['session.open', () => DolbyIoIAPI.session.open({ name: 'Ada' })],
      ['session.isOpen', () => DolbyIoIAPI.session.isOpen()],
      [
        'conference.create',
        () => DolbyIoIAPI.conference.create({ alias: 'a' }),
      ],
      ['conference.current', () => DolbyIoIAPI.conference.current()],
    ];
    for (const [name, call] of calls) {
      const error = await call().then(
        () => new Error(`${name} resolved`),
        (e: unknown) => e
      );
      expect([name, error]).toEqual([name, expect.any(sdk.DolbyIoIAPIError)]);
      expect(error).toMatchObject({ code: sdk.ErrorCode.INVALID_STATE });
      expect((error as Error).message).toContain(
        "the native module 'DolbyIoIAPI' of @dolbyio/react-native-iapi-sdk is not in this app's native build"
      );
      expect((error as Error).message).toContain(
        "jest.mock('@dolbyio/react-native-iapi-sdk'"
      );
    }
  });

  it('event subscriptions warn once and return a no-op unsubscribe', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    const DolbyIoIAPI = sdk.default;
    const subscribe: Array<[string, () => () => void]> = [
      [
        'conference.onParticipantsChange',
        () => DolbyIoIAPI.conference.onParticipantsChange(() => undefined),
      ],
      [
        'conference.onStatusChange',
        () => DolbyIoIAPI.conference.onStatusChange(() => undefined),
      ],
      [
        'conference.onPermissionsChange',
        () => DolbyIoIAPI.conference.onPermissionsChange(() => undefined),
      ],
      [
        'session.onConnectionStateChange',
        () => DolbyIoIAPI.session.onConnectionStateChange(() => undefined),
      ],
      [
        'onTokenStateChange',
        () => DolbyIoIAPI.onTokenStateChange(() => undefined),
      ],
      ['onLog', () => DolbyIoIAPI.onLog(() => undefined)],
    ];
    for (const [name, call] of subscribe) {
      let unsubscribe: (() => void) | undefined;
      expect(() => {
        unsubscribe = call();
      }).not.toThrow();
      expect([name, typeof unsubscribe]).toEqual([name, 'function']);
      expect(() => unsubscribe?.()).not.toThrow();
      expect(() => unsubscribe?.()).not.toThrow();
    }
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(
      /^DolbyIoIAPI: event subscriptions \(on\*\) get no events: the native module 'DolbyIoIAPI' .* is not in this app's native build/
    );
    warn.mockRestore();
  });

  it('a subscription still refuses a handler that is not a function', () => {
    expect(() => sdk.default.onLog(undefined as unknown as () => void)).toThrow(
      expect.objectContaining({ code: sdk.ErrorCode.INVALID_ARGUMENT })
    );
  });
});
