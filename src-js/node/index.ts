/**
 * The repository's Node entry of the SDK (built to `lib/module/node/index.js`). It is not
 * published: the package exports no `/node` entry; inside this repository the e2e tests map
 * the name `@dolbyio/react-native-iapi-sdk/node` to it (e2e/jest.config.cjs, tsconfig.json) and
 * the demo imports it by path. The same API as the React Native entry (`DolbyIoIAPI` and the
 * exports of `src-js/exports.ts`, shared by both entries), backed by the Node host of the Rust
 * core (bindings/node) instead of the TurboModule, and without importing `react-native`: the
 * SDK against the local emulator, for the demo and the end-to-end tests.
 *
 * The host reads `IAPI_BASE_URL` (e.g. the emulator's `http://127.0.0.1:PORT`) and
 * `IAPI_CALLBACK_TIMEOUT_MS` on first use, or takes them from {@link configure};
 * production defaults otherwise.
 */
import { DolbyIoIAPI } from '../DolbyIoIAPI';
import { setDefaultHooksInstance } from '../hooks/defaultInstance';
import { installNativeModule } from '../nativeModule';
import { toDolbyIoIAPIError } from '../nativeCall';
import { loadHost } from './loadHost';
import { createNodeNativeModule } from './NodeHost';

const node = createNodeNativeModule(loadHost);
installNativeModule(node.module);

/** The SDK's single instance. */
const instance = new DolbyIoIAPI();
export default instance;

// The React hooks (src-js/hooks) use this instance unless given another.
setDefaultHooksInstance(instance);

/** Options of {@link configure}. */
export type NodeHostOptions = {
  /** Base URL of the platform, e.g. the emulator's `http://127.0.0.1:PORT`. */
  baseUrl?: string;
  /** How long one refresh callback invocation may take, in ms (default 30000). */
  callbackTimeoutMs?: number;
};

/**
 * Points the Node host at a platform (for example the local emulator). Call it before
 * `initialize` / `initializeToken`: it starts a fresh core instance (no token, no session;
 * the previous one is shut down, its pending calls reject with CANCELLED).
 * Throws a `DolbyIoIAPIError` (`INVALID_ARGUMENT`) for a bad URL or timeout.
 */
export function configure(options: NodeHostOptions): void {
  try {
    node.configure({ ...options });
  } catch (error) {
    throw toDolbyIoIAPIError(error);
  }
}

export * from '../exports';
