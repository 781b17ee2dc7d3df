import NativeModule from './nativeModule';
import { makeAccessTokenRequestHandler } from './accessTokenRequest';
import { assertArgument, callNative } from './nativeCall';
import { ConferenceService } from './services/ConferenceService';
import { SessionService } from './services/SessionService';
import type {
  RefreshAccessTokenInBackgroundType,
  RefreshAccessTokenType,
} from './types';

/**
 * The entry point of the SDK. The package's default export is its single instance.
 */
export class DolbyIoIAPI {
  /**
   * The handler answering the native layer's access-token requests with the callback
   * of the last `initializeToken` call; null before that and after `initialize`.
   */
  #refreshAccessTokenInBackground?: null | RefreshAccessTokenInBackgroundType =
    null;

  /** @hidden The native subscription that feeds `#refreshAccessTokenInBackground`. */
  #accessTokenRequestSubscription: { remove(): void } | null = null;

  /** Conferences: create, join, leave, participants and their events. */
  conference: ConferenceService = new ConferenceService();

  /** The session of the local participant. */
  session: SessionService = new SessionService();

  /**
   * Initializes the SDK with the customer key and secret; the SDK then fetches and
   * refreshes its access tokens itself. Meant for development: shipping the secret in
   * an app exposes it, prefer {@link initializeToken}. Replaces the refresh callback of
   * an earlier `initializeToken` call.
   * @param consumerKey The customer key.
   * @param consumerSecret The customer secret.
   */
  async initialize(
    consumerKey: string,
    consumerSecret: string
  ): Promise<boolean> {
    assertArgument(
      typeof consumerKey === 'string',
      'consumerKey must be a string'
    );
    assertArgument(
      typeof consumerSecret === 'string',
      'consumerSecret must be a string'
    );
    this.#stopAnsweringAccessTokenRequests();
    return callNative(() =>
      NativeModule.initialize(consumerKey, consumerSecret)
    );
  }

  /**
   * Initializes the SDK with an access token obtained by the customer's backend, which
   * keeps the customer key and secret off the device.
   * The authentication flow:
   * ```
   * Client          Customer Server       Dolby Server
   * |                    |                    |
   * |  Get Access Token  |  /oauth2/token (1) |
   * |------------------->|------------------->|
   * |    Access Token    |    Access Token    |
   * |<-------------------|<-------------------|
   * |  initializeToken(accessToken, callback) |
   * |---------------------------------------->|
   * ```
   * Access tokens expire. Before and when that happens, the SDK calls the callback,
   * which must resolve with a new token obtained from the customer's backend:
   *
   * ```
   * Client          Customer Server       Dolby Server
   * |      callback      |  /oauth2/token (2) |
   * |------------------->|------------------->|
   * |    Access Token    |    Access Token    |
   * |<-------------------|<-------------------|
   * ```
   * (1) and (2) are the same token endpoint of the Dolby.io platform, called by the
   * customer's backend.
   * A null, undecodable or expired `accessToken` makes the SDK call the callback with
   * `isExpired = true` before the returned promise resolves. Calling `initializeToken`
   * again replaces the callback. The callback must resolve with a JWT whose payload has
   * a numeric `exp` that is not yet past; a callback that throws, rejects, or resolves
   * with anything else (an empty string, a string that is not such a JWT, an expired
   * token) fails that refresh (`TOKEN_REFRESH_FAILED`), and one that does not answer in
   * time (30 s by default) gives `TIMEOUT`.
   * @param accessToken The access token from the customer's backend, or null to let the SDK ask the callback for the first one.
   * @param refreshAccessToken The callback that resolves with a new access token. Its `isExpired` argument tells whether the previous token has expired.
   */
  async initializeToken(
    accessToken: null | string,
    refreshAccessToken: RefreshAccessTokenType
  ): Promise<boolean> {
    assertArgument(
      accessToken === null || typeof accessToken === 'string',
      'accessToken must be a string or null'
    );
    assertArgument(
      typeof refreshAccessToken === 'function',
      'refreshAccessToken must be a function'
    );
    return callNative(async () => {
      // Subscribe first: the native layer may ask for a token before it resolves.
      // Inside callNative, so a failing subscription also rejects with a DolbyIoIAPIError.
      this.#answerAccessTokenRequestsWith(refreshAccessToken);
      return NativeModule.initializeToken(accessToken);
    });
  }

  /** @hidden Answers every native access-token request with the current callback. */
  #answerAccessTokenRequestsWith(refreshAccessToken: RefreshAccessTokenType) {
    this.#stopAnsweringAccessTokenRequests();
    this.#refreshAccessTokenInBackground =
      makeAccessTokenRequestHandler(refreshAccessToken);
    this.#accessTokenRequestSubscription = NativeModule.onAccessTokenRequest(
      (request) => {
        // Read at event time, so a request always reaches the latest callback.
        this.#refreshAccessTokenInBackground?.(request);
      }
    );
  }

  /** @hidden Removes the subscription and forgets the callback. */
  #stopAnsweringAccessTokenRequests() {
    this.#accessTokenRequestSubscription?.remove();
    this.#accessTokenRequestSubscription = null;
    this.#refreshAccessTokenInBackground = null;
  }
}
