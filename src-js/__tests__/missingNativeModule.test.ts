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

  it('event subscriptions throw the same error', () => {
    expect(() =>
      sdk.default.conference.onParticipantsChange(() => undefined)
    ).toThrow(/not in this app's native build/);
  });
});
