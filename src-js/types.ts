/**
 * The callback given to `initializeToken`. The SDK calls it whenever it needs a new
 * access token; it must resolve with a fresh token fetched from the customer's backend.
 * @param isExpired True when the previous token is missing, undecodable or expired;
 * false when the SDK refreshes ahead of expiry. Fetch a new token either way.
 */
export type RefreshAccessTokenType = (isExpired: boolean) => Promise<string>;

/** A request from the native layer for a new access token. */
export interface AccessTokenRequest {
  /** The opaque id to answer the request with. */
  requestId: string;
  /** Whether the previous token is missing, undecodable or expired. */
  isExpired: boolean;
}

/** The handler that answers the native layer's access-token requests in the background. */
export type RefreshAccessTokenInBackgroundType = (
  request: AccessTokenRequest
) => Promise<void>;
