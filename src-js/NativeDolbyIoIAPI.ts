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

export interface Spec extends TurboModule {
  // Initialization and access tokens
  initialize(consumerKey: string, consumerSecret: string): Promise<boolean>;
  initializeToken(accessToken: string | null): Promise<boolean>;
  resolveAccessTokenRequest(requestId: string, accessToken: string): void;
  rejectAccessTokenRequest(requestId: string, reason: string): void;

  // Session
  sessionOpen(info: NativeParticipantInfo): Promise<NativeParticipant>;
  sessionClose(): Promise<void>;
  sessionIsOpen(): Promise<boolean>;
  sessionGetParticipant(): Promise<NativeParticipant>;

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
}

// `get`, not `getEnforcing`: an app whose native build lacks the module must not throw at
// import; `src-js/index.ts` then installs a stand-in whose every call rejects with a clear error.
export default TurboModuleRegistry.get<Spec>('DolbyIoIAPI');
