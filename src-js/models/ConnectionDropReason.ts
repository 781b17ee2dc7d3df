/** Why the session's event connection is down (`reason` of a `RECONNECTING` {@link ConnectionState}). */
export enum ConnectionDropReason {
  /** The platform could not be reached, or the connection broke. */
  NETWORK = 'NETWORK',
  /** The connection attempt took too long. */
  TIMEOUT = 'TIMEOUT',
  /** The platform closed the connection. */
  CLOSED_BY_SERVER = 'CLOSED_BY_SERVER',
  /** The platform refused the access token; the SDK refreshes it before the next attempt. */
  UNAUTHORIZED = 'UNAUTHORIZED',
  /** The platform answered with an error. */
  SERVER = 'SERVER',
  /** No valid access token could be had (see `DolbyIoIAPI.onTokenStateChange`). */
  TOKEN_UNAVAILABLE = 'TOKEN_UNAVAILABLE',
}
