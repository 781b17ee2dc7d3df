import type { ErrorCode } from '../errors';
import type { TokenRefreshOutcome } from './TokenRefreshOutcome';
import type { TokenRefreshTrigger } from './TokenRefreshTrigger';

/** One refresh of the access token: what started it and, once it ended, how. */
export interface TokenRefresh {
  /** What started the refresh. */
  trigger: TokenRefreshTrigger;
  /** How it ended; absent while it runs (state `REFRESHING`). */
  outcome?: TokenRefreshOutcome;
  /** `FAILED` only: the error code of the failure (e.g. `TOKEN_REFRESH_FAILED`, `TIMEOUT`). */
  errorCode?: ErrorCode;
  /** `FAILED` only: a readable reason (never a token). */
  errorMessage?: string;
}
