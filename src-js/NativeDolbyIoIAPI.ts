/**
 * The TurboModule spec of the SDK: the contract of the native module `DolbyIoIAPI`, stated
 * here once. It is implemented once, by the Rust core's `NativeModuleHost`
 * (rust-core/src/host); the Android (Kotlin), iOS (Swift/ObjC++) and Node hosts only convert
 * values and emit its events. `@react-native/codegen` generates `NativeDolbyIoIAPISpec` (Java)
 * and the ObjC++ protocol from this file (codegenConfig name `RNDolbyIoIAPISpec`).
 *
 * Contract
 * --------
 * Types
 * - Enumerations cross as their uppercase string values (see `src-js/models`), e.g.
 *   `ConferenceStatus` "JOINED", `ParticipantType` "USER" | "LISTENER",
 *   `ParticipantChange` "ADDED" | "UPDATED" | "REMOVED". Payload keys are the same on
 *   every platform.
 * - Optional object keys may be absent; native must not send `null` for them.
 *
 * Errors
 * - Every promise rejects with a `code` from the shared list
 *   (INVALID_ARGUMENT, NOT_INITIALIZED, INVALID_STATE, UNAUTHORIZED, TOKEN_REFRESH_FAILED,
 *   TIMEOUT, NETWORK, SERVER, CANCELLED) and a readable message.
 * - Messages never contain secrets (consumer key secret, access tokens).
 *
 * Access-token requests (the refresh callback of `initializeToken`)
 * - `initializeToken(accessToken, …)` installs a token provider in the core whose every
 *   invocation is forwarded to JS as one `onAccessTokenRequest` event
 *   `{ requestId, isExpired }`. `isExpired` is true when the previous token is missing,
 *   undecodable or past its `exp`.
 * - JS subscribes to `onAccessTokenRequest` BEFORE calling `initializeToken`, so native may
 *   emit requests before the `initializeToken` promise settles (a null or expired token
 *   triggers one). Native never emits a request while JS has no subscription; a request
 *   it cannot deliver fails as TOKEN_REFRESH_FAILED.
 * - Request ids are opaque strings, unique for the lifetime of the module. Several
 *   requests may be pending at once; JS answers each by its own id, in any order.
 * - JS answers each request at most once, with `resolveAccessTokenRequest(id, token)` or
 *   `rejectAccessTokenRequest(id, reason)`. `reason` is a human readable text without
 *   secrets. Native ignores an answer for an unknown, already answered, timed-out or
 *   cancelled id.
 * - Native times out requests that stay unanswered (default 30 s, the core's
 *   `callbackTimeoutMs`); the call that needed the token rejects with TIMEOUT.
 * - `initialize(key, secret)` or a later `initializeToken` replaces the provider: pending
 *   requests of the old provider are cancelled, and JS removes its old subscription.
 *
 * Events
 * - `onConferenceStatusChange`, `onParticipantsChange` and `onPermissionsChange` carry the
 *   payloads below; they are emitted only while JS has a subscription.
 *
 * What the SDK is doing (decided by the core; never a token, key or secret)
 * - `onConnectionStateChange` carries every change of the session's event connection,
 *   in order, each once: DISCONNECTED -> CONNECTING (session opened) -> CONNECTED;
 *   after a drop or a failed attempt RECONNECTING { attempt, retryInMs, reason } (once
 *   per attempt), then CONNECTED again (the resync's conference events follow it);
 *   DISCONNECTED when the session closes. `sessionGetConnectionState()` answers the state
 *   now. Both carry a `sequence` that grows with each change: of a snapshot and an event,
 *   the higher `sequence` is newer.
 * - `onTokenStateChange` carries every change of the access token's state (NONE, VALID,
 *   REFRESHING, EXPIRED) with its expiry and next planned refresh (platform clock, ms since
 *   the epoch) and the refresh that made it (`trigger`, then `outcome`); `getTokenState()`
 *   answers the state now (a VALID token past its `expiresAt` reads EXPIRED). Same
 *   `sequence` rule.
 * - `onLog` carries the core's log records at or above the level of `setLogLevel` (WARN
 *   until set); with `platformLog` (true unless set otherwise) the same records also go to
 *   logcat (tag `DolbyIoIAPI`), unified logging (subsystem `io.dolby.iapi`) or the console.
 *   When JS does not keep up, records are dropped and the next one says how many
 *   (`dropped`); state events are never dropped. An unknown level is INVALID_ARGUMENT.
 *   A module receives the records of its own work only (its calls and what they started).
 */
import type { CodegenTypes, TurboModule } from 'react-native';
import { TurboModuleRegistry } from 'react-native';

/** `ParticipantInfo` on the wire. */
export type NativeParticipantInfo = {
  name?: string;
  externalId?: string;
  avatarUrl?: string;
};

/** `Participant` on the wire (`status`: ParticipantStatus, `type`: ParticipantType). */
export type NativeParticipant = {
  id: string;
  info: NativeParticipantInfo;
  status?: string;
  type?: string;
};

/** `Conference` on the wire (`status`: ConferenceStatus). */
export type NativeConference = {
  id: string;
  alias?: string;
  isNew?: boolean;
  participants: NativeParticipant[];
  status: string;
};

/** `ConferenceParameters` on the wire (`videoCodec`: "VP8" | "H264"; `rtcpMode`: "worst" | "average" | "max"). */
export type NativeConferenceParameters = {
  dolbyVoice?: boolean;
  liveRecording?: boolean;
  ttl?: number;
  videoCodec?: string;
  rtcpMode?: string;
};

/** `ConferenceCreateOptions` on the wire. */
export type NativeConferenceCreateOptions = {
  alias?: string;
  params?: NativeConferenceParameters;
};

/** `ConferenceJoinOptions` on the wire (`participantType`: ParticipantType). */
export type NativeConferenceJoinOptions = {
  conferenceAccessToken?: string;
  participantType?: string;
};

/** `ConferenceLeaveOptions` on the wire. */
export type NativeConferenceLeaveOptions = {
  leaveRoom?: boolean;
};

/** One entry of `conferenceUpdatePermissions` (`permissions`: ConferencePermission values). */
export type NativeParticipantPermissions = {
  participantId: string;
  permissions: string[];
};

/** Payload of `onAccessTokenRequest`. */
export type NativeAccessTokenRequest = {
  requestId: string;
  isExpired: boolean;
};

/** Payload of `onConferenceStatusChange` (`status`: ConferenceStatus). */
export type NativeConferenceStatusChange = {
  conferenceId: string;
  status: string;
};

/** Payload of `onParticipantsChange`. */
export type NativeParticipantsChange = {
  conferenceId: string;
  participant: NativeParticipant;
  event: 'ADDED' | 'UPDATED' | 'REMOVED';
};

/** Payload of `onPermissionsChange` (`permissions`: ConferencePermission values). */
export type NativePermissionsChange = {
  conferenceId: string;
  permissions: string[];
};

/** Payload of `onConnectionStateChange` and answer of `sessionGetConnectionState`. */
export type NativeConnectionState = {
  /** "DISCONNECTED" | "CONNECTING" | "CONNECTED" | "RECONNECTING". */
  state: string;
  /** RECONNECTING: the number of the next attempt (1, 2, ...). */
  attempt?: number;
  /** RECONNECTING: ms until that attempt starts. */
  retryInMs?: number;
  /** RECONNECTING: "NETWORK" | "TIMEOUT" | "CLOSED_BY_SERVER" | "UNAUTHORIZED" | "SERVER" | "TOKEN_UNAVAILABLE". */
  reason?: string;
  /** Grows with each change; the higher of two values is newer. */
  sequence: number;
};

/** One refresh of the access token (`trigger`, then `outcome` when it ended). */
export type NativeTokenRefresh = {
  /** "INITIALIZE" | "HALF_LIFE" | "THREE_QUARTERS" | "EXPIRY" | "RETRY" | "CALL" | "UNAUTHORIZED" | "RESUME". */
  trigger: string;
  /** Absent while running; "REFRESHED" | "FAILED" | "SUPERSEDED". */
  outcome?: string;
  /** FAILED: the error code. */
  errorCode?: string;
  /** FAILED: the error message. */
  errorMessage?: string;
};

/** Payload of `onTokenStateChange` and answer of `getTokenState` (times: platform clock, ms since the epoch). */
export type NativeTokenState = {
  /** "NONE" | "VALID" | "REFRESHING" | "EXPIRED". */
  state: string;
  expiresAt?: number;
  nextRefreshAt?: number;
  refresh?: NativeTokenRefresh;
  /** Grows with each change; the higher of two values is newer. */
  sequence: number;
};

/** Payload of `onLog`. */
export type NativeLogRecord = {
  /** "ERROR" | "WARN" | "INFO" | "DEBUG" | "TRACE". */
  level: string;
  /** The part of the core that wrote it, e.g. "iapi_core::token::manager". */
  target: string;
  message: string;
  /** Device clock, ms since the epoch. */
  timestamp: number;
  /** Records dropped just before this one; absent when none. */
  dropped?: number;
};

export interface Spec extends TurboModule {
  // Initialization and access tokens
  initialize(consumerKey: string, consumerSecret: string): Promise<boolean>;
  initializeToken(accessToken: string | null): Promise<boolean>;
  resolveAccessTokenRequest(requestId: string, accessToken: string): void;
  rejectAccessTokenRequest(requestId: string, reason: string): void;
  getTokenState(): Promise<NativeTokenState>;

  // Logs
  /** `level`: "OFF" | "ERROR" | "WARN" | "INFO" | "DEBUG" | "TRACE". */
  setLogLevel(level: string, platformLog: boolean): Promise<void>;

  // Session
  sessionOpen(info: NativeParticipantInfo): Promise<NativeParticipant>;
  sessionClose(): Promise<void>;
  sessionIsOpen(): Promise<boolean>;
  sessionGetParticipant(): Promise<NativeParticipant>;
  sessionGetConnectionState(): Promise<NativeConnectionState>;

  // Conference
  conferenceCreate(
    options: NativeConferenceCreateOptions
  ): Promise<NativeConference>;
  conferenceFetch(conferenceId: string): Promise<NativeConference>;
  /** Resolves null when the local participant is in no conference. */
  conferenceCurrent(): Promise<NativeConference | null>;
  conferenceJoin(
    conferenceId: string,
    options: NativeConferenceJoinOptions
  ): Promise<NativeConference>;
  conferenceLeave(options: NativeConferenceLeaveOptions): Promise<void>;
  conferenceGetParticipants(conferenceId: string): Promise<NativeParticipant[]>;
  conferenceGetParticipant(participantId: string): Promise<NativeParticipant>;
  /** Resolves a ConferenceStatus value. */
  conferenceGetStatus(conferenceId: string): Promise<string>;
  conferenceKick(participantId: string): Promise<void>;
  conferenceMute(participantId: string, isMuted: boolean): Promise<boolean>;
  conferenceIsMuted(): Promise<boolean>;
  conferenceUpdatePermissions(
    participantPermissions: NativeParticipantPermissions[]
  ): Promise<void>;

  // Events
  readonly onAccessTokenRequest: CodegenTypes.EventEmitter<NativeAccessTokenRequest>;
  readonly onConferenceStatusChange: CodegenTypes.EventEmitter<NativeConferenceStatusChange>;
  readonly onParticipantsChange: CodegenTypes.EventEmitter<NativeParticipantsChange>;
  readonly onPermissionsChange: CodegenTypes.EventEmitter<NativePermissionsChange>;
  readonly onConnectionStateChange: CodegenTypes.EventEmitter<NativeConnectionState>;
  readonly onTokenStateChange: CodegenTypes.EventEmitter<NativeTokenState>;
  readonly onLog: CodegenTypes.EventEmitter<NativeLogRecord>;
}

// `get`, not `getEnforcing`: an app whose native build lacks the module must not throw at
// import; `src-js/index.ts` then installs a stand-in whose every call rejects with a clear error.
export default TurboModuleRegistry.get<Spec>('DolbyIoIAPI');
