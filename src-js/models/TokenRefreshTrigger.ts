/** What started a refresh of the access token (`trigger` of {@link TokenRefresh}). */
export enum TokenRefreshTrigger {
  /** `initialize*` was given no usable token (null, undecodable or expired). */
  INITIALIZE = 'INITIALIZE',
  /** The planned refresh at 1/2 of the time the token had left when it was received. */
  HALF_LIFE = 'HALF_LIFE',
  /** The planned refresh at 3/4 of that time. */
  THREE_QUARTERS = 'THREE_QUARTERS',
  /** The token expired. */
  EXPIRY = 'EXPIRY',
  /** A retry after a failed refresh. */
  RETRY = 'RETRY',
  /** A call needed a token and the SDK held none that was valid. */
  CALL = 'CALL',
  /** The platform refused the token (HTTP 401). */
  UNAUTHORIZED = 'UNAUTHORIZED',
  /** The app came back to the foreground after a planned refresh fell due. */
  RESUME = 'RESUME',
}
