/**
 * What the README promises an app whose Jest tests do not mock the package (React Native's
 * default Jest preset, the package installed from its tarball): the import works (Jest gets the
 * CommonJS build through the `require` export condition; it does not transform ESM in
 * node_modules), every SDK call rejects with INVALID_STATE, and the `on*` subscriptions warn
 * once and return an unsubscribe function that does nothing, so that the app's screens render.
 * Run by scripts/test-example.sh with jest-without-mock/jest.config.js.
 */
import ReactTestRenderer, { act } from 'react-test-renderer';
import type { ReactTestRenderer as Renderer } from 'react-test-renderer';
import DolbyIoIAPI, {
  DolbyIoIAPIError,
  ErrorCode,
  LogLevel,
} from '@dolbyio/react-native-iapi-sdk';
import App from '../App';

const PACKAGE = '@dolbyio/react-native-iapi-sdk';

// The app has no Node types: what this file uses of Node (Jest runs it under Node).
const { env } = (
  globalThis as unknown as { process: { env: Record<string, string> } }
).process;
const resolve = (require as unknown as { resolve(id: string): string }).resolve;

test('the package resolves to the CommonJS build of the installed tarball', () => {
  expect(resolve(PACKAGE)).toBe(
    `${env.IAPI_TARBALL_NODE_MODULES}/${PACKAGE}/lib/commonjs/index.js`
  );
});

test('every call rejects with INVALID_STATE', async () => {
  const calls: Array<[string, () => Promise<unknown>]> = [
    ['initialize', () => DolbyIoIAPI.initialize('key', 'secret')],
    [
      'initializeToken',
      () => DolbyIoIAPI.initializeToken(null, async () => 'token'),
    ],
    ['getTokenState', () => DolbyIoIAPI.getTokenState()],
    ['setLogLevel', () => DolbyIoIAPI.setLogLevel(LogLevel.DEBUG)],
    ['session.open', () => DolbyIoIAPI.session.open({ name: 'Ada' })],
    ['session.isOpen', () => DolbyIoIAPI.session.isOpen()],
    [
      'session.getConnectionState',
      () => DolbyIoIAPI.session.getConnectionState(),
    ],
    ['conference.create', () => DolbyIoIAPI.conference.create({ alias: 'a' })],
    ['conference.current', () => DolbyIoIAPI.conference.current()],
  ];
  for (const [name, call] of calls) {
    const error = await call().then(
      () => new Error(`${name} resolved`),
      (e: unknown) => e
    );
    expect([name, error]).toEqual([name, expect.any(DolbyIoIAPIError)]);
    expect([name, (error as DolbyIoIAPIError).code]).toEqual([
      name,
      ErrorCode.INVALID_STATE,
    ]);
    expect((error as Error).message).toContain(
      "the native module 'DolbyIoIAPI' of @dolbyio/react-native-iapi-sdk is not in this app's native build"
    );
  }
});

test('subscriptions warn once and return a no-op unsubscribe', () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
  const unsubscribes = [
    DolbyIoIAPI.onLog(() => undefined),
    DolbyIoIAPI.onTokenStateChange(() => undefined),
    DolbyIoIAPI.session.onConnectionStateChange(() => undefined),
    DolbyIoIAPI.conference.onStatusChange(() => undefined),
    DolbyIoIAPI.conference.onParticipantsChange(() => undefined),
    DolbyIoIAPI.conference.onPermissionsChange(() => undefined),
  ];
  for (const unsubscribe of unsubscribes) {
    expect(typeof unsubscribe).toBe('function');
    expect(() => unsubscribe()).not.toThrow();
  }
  // Once for the whole app (this test file's module registry), not per subscription.
  expect(warn).toHaveBeenCalledTimes(1);
  warn.mockRestore();
});

test('the example app renders and unmounts without the native module', async () => {
  jest.spyOn(console, 'log').mockImplementation(() => {});
  jest.spyOn(console, 'warn').mockImplementation(() => {});
  let renderer: Renderer | undefined;
  await act(async () => {
    renderer = ReactTestRenderer.create(<App />);
  });
  expect(renderer!.toJSON()).not.toBeNull();
  await act(async () => renderer!.unmount());
  jest.restoreAllMocks();
});
