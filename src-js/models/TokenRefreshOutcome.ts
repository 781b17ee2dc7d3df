/** How a refresh of the access token ended (`outcome` of {@link TokenRefresh}). */
export enum TokenRefreshOutcome {
  /** A new token was received. */
  REFRESHED = 'REFRESHED',
  /**
   * No new token: the callback threw, rejected, timed out or gave an unusable token
   * (`errorCode` and `errorMessage` say which). The old token, if still valid, is kept
   * until `expiresAt` and the SDK tries again.
   */
  FAILED = 'FAILED',
  /** A newer `initialize*` call replaced the refresh callback while this refresh ran. */
  SUPERSEDED = 'SUPERSEDED',
}
