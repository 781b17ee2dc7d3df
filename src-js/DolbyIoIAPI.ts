import NativeModule from './nativeModule';
import type { NativeLogRecord, NativeTokenState } from './NativeDolbyIoIAPI';
import { makeAccessTokenRequestHandler } from './accessTokenRequest';
import { fromNativeLogRecord, fromNativeTokenState } from './convert';
import type { UnsubscribeFunction } from './models/events';
import type { LogLevel } from './models/LogLevel';
import type { LogLevelOptions, LogRecord } from './models/LogRecord';
import type { TokenState } from './models/TokenState';
import { assertArgument, callNative } from './nativeCall';
import { ConferenceService } from './services/ConferenceService';
import { SessionService } from './services/SessionService';
import { subscribe } from './subscribe';
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
   * Apps do not create one: they import the package's default export, the SDK's single
   * instance. Every instance would drive the same native module (one token, one session).
   */
  constructor() {}

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

  /**
   * Gets the state of the access token now: none, valid until `expiresAt`, refreshing, or
   * expired, with the refresh that made it. Never the token itself.
   *
   * To follow the state without missing a change, subscribe with {@link onTokenStateChange}
   * first, then read this, and keep whichever of the two has the higher `sequence`.
   */
  async getTokenState(): Promise<TokenState> {
    const state = await callNative(() => NativeModule.getTokenState());
    return fromNativeTokenState(state);
  }

  /**
   * Listens to the access token's state: each refresh (what triggered it, then its outcome),
   * the new expiry and the next planned refresh, and expiry. Events come in order, each once.
   *
   * A "sign in again" prompt: the token `EXPIRED`, or a refresh `FAILED` while the token is
   * still `VALID` until `expiresAt` (the SDK retries by itself meanwhile):
   * ```ts
   * DolbyIoIAPI.onTokenStateChange((token) => {
   *   if (token.state === TokenStatus.EXPIRED) {
   *     showSignInAgain();
   *   } else if (token.refresh?.outcome === TokenRefreshOutcome.FAILED) {
   *     warn(`Could not renew access (${token.refresh.errorCode}), valid until ${new Date(token.expiresAt!)}`);
   *   }
   * });
   * ```
   * @param handler Called with each new state; if it throws, the error is logged and
   *   later events still come.
   * @returns A function that removes the listener.
   */
  onTokenStateChange(
    handler: (state: TokenState) => void
  ): UnsubscribeFunction {
    return subscribe(
      (listener) => NativeModule.onTokenStateChange(listener),
      (payload: NativeTokenState) => fromNativeTokenState(payload),
      handler
    );
  }

  /**
   * Sets how much the SDK logs: records at or above `level` reach {@link onLog} handlers and,
   * unless `platformLog` is false, the platform's log (logcat tag `DolbyIoIAPI` on Android,
   * unified logging subsystem `io.dolby.iapi` on iOS, the console in Node). `WARN` until set.
   * Records never contain a token, key, secret, header or body.
   *
   * ```ts
   * await DolbyIoIAPI.setLogLevel(LogLevel.DEBUG, { platformLog: false });
   * ```
   * @param level The lowest level to log; `OFF` for nothing. Anything else rejects with
   *   `INVALID_ARGUMENT`.
   * @param options `platformLog`: whether records also go to the platform's log (default true).
   */
  async setLogLevel(
    level: LogLevel,
    options: LogLevelOptions = {}
  ): Promise<void> {
    assertArgument(
      typeof level === 'string',
      'level must be a LogLevel (OFF, ERROR, WARN, INFO, DEBUG or TRACE)'
    );
    assertArgument(
      options !== null && typeof options === 'object',
      'options must be an object'
    );
    assertArgument(
      options.platformLog === undefined ||
        typeof options.platformLog === 'boolean',
      'options.platformLog must be a boolean'
    );
    const platformLog = options.platformLog ?? true;
    await callNative(() => NativeModule.setLogLevel(level, platformLog));
  }

  /**
   * Listens to the SDK's log records at or above the level of {@link setLogLevel} (`WARN`
   * until set), for example to send them with a bug report. When the app does not keep up,
   * records are dropped and the next one says how many (`dropped`); the SDK never waits.
   * ```ts
   * const off = DolbyIoIAPI.onLog((r) => myLogger.log(r.level, `${r.target}: ${r.message}`));
   * ```
   * @param handler Called with each record; if it throws, the error is logged and later
   *   records still come.
   * @returns A function that removes the listener.
   */
  onLog(handler: (record: LogRecord) => void): UnsubscribeFunction {
    return subscribe(
      (listener) => NativeModule.onLog(listener),
      (payload: NativeLogRecord) => fromNativeLogRecord(payload),
      handler
    );
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
