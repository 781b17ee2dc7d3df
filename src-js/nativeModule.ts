import type { Spec } from './NativeDolbyIoIAPI';

/**
 * The injection point for the native module. Every service calls the native layer through
 * the default export of this file, which forwards to the module installed by the package
 * entry that was imported:
 * - `src-js/index.ts` (React Native) installs the TurboModule from `NativeDolbyIoIAPI.ts`;
 * - `src-js/node/index.ts` (`@dolbyio/react-native-iapi-sdk/node`) installs the Node host.
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
      'DolbyIoIAPI: no native module installed; import @dolbyio/react-native-iapi-sdk (React Native) or @dolbyio/react-native-iapi-sdk/node (Node)'
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
