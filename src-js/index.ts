import { DolbyIoIAPI } from './DolbyIoIAPI';
import TurboModule from './NativeDolbyIoIAPI';
import { installNativeModule } from './nativeModule';

// The React Native entry: the services call the TurboModule.
installNativeModule(TurboModule);

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
