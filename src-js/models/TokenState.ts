import type { TokenRefresh } from './TokenRefresh';
import type { TokenStatus } from './TokenStatus';

/**
 * The state of the SDK's access token, as `DolbyIoIAPI.getTokenState()` answers it and
 * `DolbyIoIAPI.onTokenStateChange` reports each change. Never the token itself. Times are
 * the platform's clock (which the SDK estimates; the device clock may be off), in ms since
 * the epoch.
 *
 * Tell "refreshing failed, but the token is still valid until `expiresAt`" (keep going, the
 * SDK tries again) from "expired" (ask the user to sign in again):
 *
 * ```ts
 * const off = DolbyIoIAPI.onTokenStateChange((t) => {
 *   if (t.state === TokenStatus.EXPIRED) {
 *     showSignInPrompt();
 *   } else if (t.refresh?.outcome === TokenRefreshOutcome.FAILED) {
 *     showNotice(`Could not renew access (${t.refresh.errorCode}); valid until ${new Date(t.expiresAt ?? 0)}`);
 *   }
 * });
 * ```
 */
export interface TokenState {
  /** The kind of state. */
  state: TokenStatus;
  /** When the token held expires (its `exp`); absent when none is held. */
  expiresAt?: number;
  /** When the SDK plans its next refresh (or retry); absent when none is planned. */
  nextRefreshAt?: number;
  /**
   * The refresh that made this state: while `REFRESHING`, the running one (no `outcome`);
   * after it, the same refresh with its `outcome`. Absent when no refresh made it (for example
   * `initializeToken` with a valid token).
   */
  refresh?: TokenRefresh;
  /**
   * Grows with each change. Of two states (a `getTokenState()` answer and an event, say),
   * the one with the higher `sequence` is newer.
   */
  sequence: number;
}
