import { DolbyIoIAPI } from './DolbyIoIAPI';

/** The SDK's single instance. */
const instance = new DolbyIoIAPI();
export default instance;

export type { DolbyIoIAPI };
export { DolbyIoIAPIError, ErrorCode } from './errors';
export * from './models';
export type { ConferenceService } from './services/ConferenceService';
export type { SessionService } from './services/SessionService';
export type {
  AccessTokenRequest,
  RefreshAccessTokenInBackgroundType,
  RefreshAccessTokenType,
} from './types';
