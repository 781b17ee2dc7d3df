/** `NativeParticipantInfo` of the spec: optional keys are absent, never null. */
export type AddonParticipantInfo = {
  name?: string;
  externalId?: string;
  avatarUrl?: string;
};

/** `NativeParticipant`: `status` / `type` only on a conference's participants. */
export type AddonParticipant = {
  id: string;
  info: AddonParticipantInfo;
  status?: string;
  type?: string;
};

/** `NativeConference` (`status`: a ConferenceStatus value). */
export type AddonConference = {
  id: string;
  alias?: string;
  isNew?: boolean;
  participants: AddonParticipant[];
  status: string;
};

/**
 * One conference event from the addon. `kind` selects the spec event and its keys:
 * `"status"` -> `status`; `"participants"` -> `participant`, `event` (ADDED / UPDATED /
 * REMOVED); `"permissions"` -> `permissions` (the local participant's own only).
 */
export type AddonConferenceEvent = {
  kind: 'status' | 'participants' | 'permissions';
  conferenceId: string;
  status?: string;
  participant?: AddonParticipant;
  event?: 'ADDED' | 'UPDATED' | 'REMOVED';
  permissions?: string[];
};

/** The raw functions of the Node host addon (bindings/node/src/lib.rs). */
export interface NodeHostAddon {
  configure(config: { baseUrl?: string; callbackTimeoutMs?: number }): void;
  setAccessTokenRequestListener(
    callback:
      ((request: { requestId: string; isExpired: boolean }) => void) | null
  ): void;
  /** Attached while JS has a conference-event subscriber; null detaches. */
  setConferenceEventListener(
    callback: ((event: AddonConferenceEvent) => void) | null
  ): void;
  initialize(consumerKey: string, consumerSecret: string): Promise<boolean>;
  initializeToken(accessToken: string | null): Promise<boolean>;
  resolveAccessTokenRequest(requestId: string, accessToken: string): void;
  rejectAccessTokenRequest(requestId: string, reason: string): void;
  sessionOpen(info?: AddonParticipantInfo): Promise<AddonParticipant>;
  sessionClose(): Promise<void>;
  sessionIsOpen(): Promise<boolean>;
  sessionGetParticipant(): Promise<AddonParticipant>;

  conferenceCreate(options?: {
    alias?: string;
    params?: {
      dolbyVoice?: boolean;
      liveRecording?: boolean;
      ttl?: number;
      videoCodec?: string;
      rtcpMode?: string;
    };
  }): Promise<AddonConference>;
  conferenceFetch(conferenceId: string): Promise<AddonConference>;
  /** Resolves null when the local participant is in no conference. */
  conferenceCurrent(): Promise<AddonConference | null>;
  /** `conferenceAccessToken`: not supported, refused with INVALID_ARGUMENT; `participantType`: "USER" | "LISTENER". */
  conferenceJoin(
    conferenceId: string,
    options?: { conferenceAccessToken?: string; participantType?: string }
  ): Promise<AddonConference>;
  /** `leaveRoom: true` also closes the session. */
  conferenceLeave(options?: { leaveRoom?: boolean }): Promise<void>;
  conferenceGetParticipants(conferenceId: string): Promise<AddonParticipant[]>;
  conferenceGetParticipant(participantId: string): Promise<AddonParticipant>;
  /** Resolves a ConferenceStatus value. */
  conferenceGetStatus(conferenceId: string): Promise<string>;
  conferenceKick(participantId: string): Promise<void>;
  conferenceMute(participantId: string, isMuted: boolean): Promise<boolean>;
  conferenceIsMuted(): Promise<boolean>;
  /** Unknown permission values reject with INVALID_ARGUMENT. */
  conferenceUpdatePermissions(
    participantPermissions: { participantId: string; permissions: string[] }[]
  ): Promise<void>;
}

/** Loads the addon ($IAPI_NODE_ADDON, else bindings/node/iapi_node.node). */
export function loadAddon(): NodeHostAddon;
/** Where `loadAddon` looks for the addon. */
export function addonPath(): string;
