/**
 * The package's named exports, shared by its two entries so that they cannot drift: the React
 * Native entry (`src-js/index.ts`, the package's `.`) and the repository-internal Node entry
 * (`src-js/node/index.ts`, which adds `configure`). Each entry adds the default export, the
 * SDK's single instance, over its own native module.
 */
export type { DolbyIoIAPI } from './DolbyIoIAPI';
export { DolbyIoIAPIError, ErrorCode } from './errors';
export * from './models';
export type { ConferenceService } from './services/ConferenceService';
export type { SessionService } from './services/SessionService';
export type {
  AccessTokenRequest,
  RefreshAccessTokenInBackgroundType,
  RefreshAccessTokenType,
} from './types';

// React hooks over the SDK's state (src-js/hooks): the entry registers its instance for them.
export * from './hooks';
