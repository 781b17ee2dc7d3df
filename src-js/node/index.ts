/**
 * The Node entry of the SDK: `@dolbyio/react-native-iapi-sdk/node`. The same API as the
 * React Native entry (`DolbyIoIAPI` and every export of `src-js/index.ts`), backed by the
 * Node host of the Rust core (bindings/node) instead of the TurboModule, and without
 * importing `react-native`. Use it to run the SDK against the local emulator: the demo,
 * end-to-end tests, or an app's own tests of its token backend.
 *
 * The host reads `IAPI_BASE_URL` (e.g. the emulator's `http://127.0.0.1:PORT`) and
 * `IAPI_CALLBACK_TIMEOUT_MS` on first use, or takes them from {@link configure};
 * production defaults otherwise.
 */
import { DolbyIoIAPI } from '../DolbyIoIAPI';
import { installNativeModule } from '../nativeModule';
import { toDolbyIoIAPIError } from '../nativeCall';
import { loadHost } from './loadHost';
import { createNodeNativeModule } from './NodeHost';

installNativeModule(createNodeNativeModule(loadHost));

/** The SDK's single instance. */
const instance = new DolbyIoIAPI();
export default instance;

/** Options of {@link configure}. */
export type NodeHostOptions = {
  /** Base URL of the platform, e.g. the emulator's `http://127.0.0.1:PORT`. */
  baseUrl?: string;
  /** How long one refresh callback invocation may take, in ms (default 30000). */
  callbackTimeoutMs?: number;
};

/**
 * Points the Node host at a platform (for example the local emulator). Call it before
 * `initialize` / `initializeToken`: it starts a fresh core instance (no token, no session).
 * Throws a `DolbyIoIAPIError` (`INVALID_ARGUMENT`) for a bad URL or timeout.
 */
export function configure(options: NodeHostOptions): void {
  try {
    loadHost().configure({ ...options });
  } catch (error) {
    throw toDolbyIoIAPIError(error);
  }
}

export type { DolbyIoIAPI };
export { DolbyIoIAPIError, ErrorCode } from '../errors';
export * from '../models';
export type { ConferenceService } from '../services/ConferenceService';
export type { SessionService } from '../services/SessionService';
export type {
  AccessTokenRequest,
  RefreshAccessTokenInBackgroundType,
  RefreshAccessTokenType,
} from '../types';
