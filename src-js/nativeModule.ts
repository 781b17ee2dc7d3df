import type { Spec } from './NativeDolbyIoIAPI';
import { DolbyIoIAPIError, ErrorCode } from './errors';

/**
 * The injection point for the native module. Every service calls the native layer through
 * the default export of this file, which forwards to the module installed by the package
 * entry that was imported:
 * - `src-js/index.ts` (React Native) installs the TurboModule from `NativeDolbyIoIAPI.ts`;
 * - `src-js/node/index.ts` (the repository-internal Node entry) installs the Node host.
 * Nothing here imports `react-native`, so the shared code runs under plain Node.
 */
let installed: Spec | null = null;

/** Installs the native module every service uses from now on. */
export function installNativeModule(module: Spec): void {
  installed = module;
}

function current(): Spec {
  if (installed === null) {
    throw new Error(
      'DolbyIoIAPI: no native module installed; import @dolbyio/react-native-iapi-sdk (React Native) or, in this repository, src-js/node (Node)'
    );
  }
  return installed;
}

/** Forwards every property read to the installed module (methods bound to it). */
const NativeModule: Spec = new Proxy({} as Spec, {
  get(_target, key) {
    const module = current();
    const value: unknown = Reflect.get(module, key, module);
    return typeof value === 'function' ? value.bind(module) : value;
  },
});

export default NativeModule;

/** What every call says when the app's native build has no `DolbyIoIAPI` module. */
export const MISSING_NATIVE_MODULE_MESSAGE =
  "DolbyIoIAPI: the native module 'DolbyIoIAPI' of @dolbyio/react-native-iapi-sdk is not in this app's native build. " +
  'Rebuild the app after installing the package (Android: the Gradle build; iOS: `pod install` in ios/, then build), ' +
  'with the New Architecture enabled; Expo Go cannot load it. ' +
  "In Jest tests, mock the package: jest.mock('@dolbyio/react-native-iapi-sdk', () => require('@dolbyio/react-native-iapi-sdk/jest')).";

/** What the first subscription says when the app's native build has no `DolbyIoIAPI` module. */
export const MISSING_NATIVE_MODULE_SUBSCRIPTION_WARNING =
  'DolbyIoIAPI: event subscriptions (on*) get no events: ' +
  MISSING_NATIVE_MODULE_MESSAGE.replace(/^DolbyIoIAPI: /, '');

/**
 * The event an app never subscribes to itself: `initializeToken` subscribes to it inside its
 * promise, so a throw there becomes that promise's `INVALID_STATE` rejection.
 */
const INTERNAL_EVENTS: ReadonlySet<string> = new Set(['onAccessTokenRequest']);

/**
 * The stand-in installed when the TurboModule is missing: importing the package still works,
 * and every method throws (so every SDK promise rejects) with `INVALID_STATE` and
 * {@link MISSING_NATIVE_MODULE_MESSAGE}, instead of the app crashing at import.
 * Event subscriptions (`on*`) do not throw: a subscription made during render or in an effect
 * (Expo Go, a Jest test without the mock) would crash the screen. They warn once with
 * {@link MISSING_NATIVE_MODULE_SUBSCRIPTION_WARNING} and return a subscription that never
 * delivers and whose `remove` does nothing.
 */
export function missingNativeModule(): Spec {
  let warned = false;
  return new Proxy({} as Spec, {
    get(_target, key) {
      if (typeof key === 'symbol' || key === 'then') {
        return undefined;
      }
      if (/^on[A-Z]/.test(key) && !INTERNAL_EVENTS.has(key)) {
        return () => {
          if (!warned) {
            warned = true;
            console.warn(MISSING_NATIVE_MODULE_SUBSCRIPTION_WARNING);
          }
          return { remove: () => undefined };
        };
      }
      return () => {
        throw new DolbyIoIAPIError(
          ErrorCode.INVALID_STATE,
          MISSING_NATIVE_MODULE_MESSAGE
        );
      };
    },
  });
}
