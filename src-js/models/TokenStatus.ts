/**
 * The state of the SDK's access token (`state` of {@link TokenState}). Read it with
 * `DolbyIoIAPI.getTokenState()`, follow it with `DolbyIoIAPI.onTokenStateChange(handler)`.
 */
export enum TokenStatus {
  /** No token: `initialize*` was not called yet, or gave no token. */
  NONE = 'NONE',
  /** A token is held, valid until `expiresAt`. */
  VALID = 'VALID',
  /**
   * A refresh is running (the refresh callback of `initializeToken` was asked). A token may
   * still be valid until `expiresAt`.
   */
  REFRESHING = 'REFRESHING',
  /**
   * The last token expired and no refresh is running: calls that need a token ask the
   * callback again, and fail if it cannot give one. Time to ask the user to sign in again.
   */
  EXPIRED = 'EXPIRED',
}
