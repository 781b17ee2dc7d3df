// Types of the consumer Jest mock: `@dolbyio/react-native-iapi-sdk/jest`.
import type DolbyIoIAPIInstance from '@dolbyio/react-native-iapi-sdk';
import type {
  ConferencePermission,
  ConferenceStatus,
  ConnectionDropReason,
  ErrorCode,
  LogLevel,
  LogRecord,
  Participant,
  ParticipantInfo,
  ParticipantType,
  TokenRefreshTrigger,
  TokenState,
} from '@dolbyio/react-native-iapi-sdk';

export * from '@dolbyio/react-native-iapi-sdk';

/** The in-memory DolbyIoIAPI instance; every method is also a `jest.fn`. */
declare const DolbyIoIAPI: typeof DolbyIoIAPIInstance;
export default DolbyIoIAPI;

/** Drives the in-memory SDK from a test. */
export interface DolbyIoIAPIMockControls {
  /** Forgets all state, listeners, queued failures and recorded calls. */
  reset(): void;
  /**
   * Calls the refresh callback of the last `initializeToken`, as the SDK does on its schedule
   * (rejects with `INVALID_STATE` after `initialize(key, secret)`, which has no callback). Emits `onTokenStateChange`:
   * `REFRESHING` with `trigger` (default `EXPIRY` when `isExpired`, else `HALF_LIFE`), then
   * `VALID` with outcome `REFRESHED`, or the outcome `FAILED` with its `errorCode`. A refresh
   * already running is shared. Rejects with `TOKEN_REFRESH_FAILED` when the callback fails or
   * resolves with anything but a non-empty string (or with the code of `failNextRefresh`).
   */
  refreshAccessToken(
    isExpired?: boolean,
    trigger?: TokenRefreshTrigger
  ): Promise<string>;
  /**
   * The token held reaches its expiry, and the SDK refreshes with trigger `EXPIRY`. Resolves
   * with the token state after it: `VALID` when the callback answered, `EXPIRED` with the
   * `FAILED` refresh when it did not (after `failNextRefresh()`, say): test the "sign in
   * again" screen with `failNextRefresh(); await expireToken();`.
   */
  expireToken(): Promise<TokenState>;
  /**
   * Makes the next refresh fail with `code` (default `TOKEN_REFRESH_FAILED`) without asking
   * the callback: its outcome is `FAILED` with that `errorCode`; a token still valid is kept
   * (`VALID` until `expiresAt`).
   */
  failNextRefresh(code?: ErrorCode, message?: string): void;
  /**
   * Makes the next refresh wait `ms` before asking the callback (a timer: Jest's fake timers
   * advance it); the token state stays `REFRESHING` meanwhile.
   */
  delayNextRefresh(ms: number): void;
  /**
   * Drops the session's event connection: `RECONNECTING` with attempt 1..`attempts` (default
   * 1), each with `reason` (default `NETWORK`) and `retryInMs` (default 1000, doubling with
   * each attempt), then `CONNECTED` again, unless `reconnect` is false: then it stays
   * `RECONNECTING` until {@link restoreConnection}. Throws without an open session.
   */
  dropConnection(options?: {
    reason?: ConnectionDropReason;
    attempts?: number;
    retryInMs?: number;
    reconnect?: boolean;
  }): void;
  /** Ends a `dropConnection({ reconnect: false })`: `CONNECTED` again. */
  restoreConnection(): void;
  /**
   * Emits a log record to the `onLog` handlers, as the SDK does, when its level is at or
   * above the level of `setLogLevel` (`WARN` until set); returns whether it was delivered.
   * `target` defaults to `'iapi_core'`, `timestamp` to now. The mock writes nothing to the
   * console.
   */
  emitLog(
    record: Pick<LogRecord, 'level' | 'message'> & Partial<LogRecord>
  ): boolean;
  /** The level of the last `setLogLevel` (`WARN` until set). */
  readonly logLevel: LogLevel;
  /** The `platformLog` option of the last `setLogLevel` (true until set). */
  readonly platformLog: boolean;
  /** The last access token given to or obtained by the SDK. */
  readonly accessToken: string | null;
  /** Whether `initialize` or `initializeToken` succeeded. */
  readonly isInitialized: boolean;
  /**
   * Makes the next `times` (default 1) calls of `method`, e.g. `'session.open'`, reject with `code`
   * (a `SERVER` error then has `status` 500; an unknown conference gives `SERVER` with 404).
   */
  failNext(
    method: string,
    code: ErrorCode,
    message?: string,
    times?: number
  ): void;
  /** Adds a remote participant to the current conference and emits `ADDED`. */
  addParticipant(info?: ParticipantInfo, type?: ParticipantType): Participant;
  /**
   * A participant leaves the current conference: it stays listed with status `LEFT` and
   * `REMOVED` is emitted.
   */
  removeParticipant(participantId: string): void;
  /**
   * Someone else kicks a participant of the current conference (a remote one or the local
   * one), as the platform reports it: it stays listed with status `KICKED` and `UPDATED` is
   * emitted; a kicked local participant is in no conference any more.
   */
  kickParticipant(participantId: string): void;
  /** Sets a conference's status and emits `onStatusChange`. */
  setConferenceStatus(conferenceId: string, status: ConferenceStatus): void;
  /** Emits `onPermissionsChange` for the current conference. */
  setPermissions(permissions: ConferencePermission[]): void;
  /** How many listeners each event has. */
  listenerCount(): {
    onStatusChange: number;
    onParticipantsChange: number;
    onPermissionsChange: number;
    onConnectionStateChange: number;
    onTokenStateChange: number;
    onLog: number;
  };
}

export declare const mockControls: DolbyIoIAPIMockControls;
