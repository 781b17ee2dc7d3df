import NativeModule from '../nativeModule';
import type {
  NativeConferenceStatusChange,
  NativeParticipantsChange,
  NativePermissionsChange,
} from '../NativeDolbyIoIAPI';
import {
  fromNativeConference,
  fromNativeParticipant,
  toNativeCreateOptions,
  toNativeJoinOptions,
  toNativePermissions,
} from '../convert';
import type { Conference } from '../models/Conference';
import type { ConferencePermission } from '../models/ConferencePermission';
import type {
  ConferenceCreateOptions,
  ConferenceJoinOptions,
  ConferenceLeaveOptions,
} from '../models/ConferenceOptions';
import type { ConferenceStatus } from '../models/ConferenceStatus';
import type {
  ConferenceStatusChangeEvent,
  ParticipantsChangeEvent,
  PermissionsChangeEvent,
  UnsubscribeFunction,
} from '../models/events';
import type { Participant } from '../models/Participant';
import type { ParticipantChange } from '../models/ParticipantChange';
import type { ParticipantPermissions } from '../models/ParticipantPermissions';
import { assertArgument, callNative } from '../nativeCall';
import { subscribe } from '../subscribe';

function idOf(value: { id?: unknown } | null | undefined, what: string) {
  const id = value?.id;
  assertArgument(
    typeof id === 'string' && id.length > 0,
    `${what} must have an id`
  );
  return id;
}

/**
 * Conferences: create, join and leave them, manage their participants and
 * listen to their events. `create`, `fetch`, `current`, `getParticipants` and
 * `getStatus` need only an initialized SDK; `join` and `isMuted` also need an open
 * session, and `leave`, `getParticipant`, `kick`, `mute`, `isMuted` and
 * `updatePermissions` a joined conference (`INVALID_STATE` otherwise). Events arrive while a session is open.
 */
export class ConferenceService {
  /** Created by the SDK: use `DolbyIoIAPI.conference`. */
  constructor() {}

  /**
   * Creates a conference, or returns the existing one with the same alias
   * (then `isNew` is false).
   * @param options The alias and parameters of the conference.
   */
  async create(options: ConferenceCreateOptions = {}): Promise<Conference> {
    const conference = await callNative(() =>
      NativeModule.conferenceCreate(toNativeCreateOptions(options))
    );
    return fromNativeConference(conference);
  }

  /**
   * Gets a conference by its id.
   * @param conferenceId The conference id.
   */
  async fetch(conferenceId: string): Promise<Conference> {
    assertArgument(
      typeof conferenceId === 'string' && conferenceId.length > 0,
      'conferenceId must be a non-empty string'
    );
    const conference = await callNative(() =>
      NativeModule.conferenceFetch(conferenceId)
    );
    return fromNativeConference(conference);
  }

  /** Gets the conference the local participant is in, or null when in none. */
  async current(): Promise<Conference | null> {
    const conference = await callNative(() => NativeModule.conferenceCurrent());
    return conference ? fromNativeConference(conference) : null;
  }

  /**
   * Joins a conference, leaving the current one first when it is another one.
   * @param conference The conference, from `create` or `fetch`.
   * @param options How to join it (`conferenceAccessToken` is not supported:
   *   `INVALID_ARGUMENT`).
   * @returns The conference as joined.
   */
  async join(
    conference: Conference,
    options: ConferenceJoinOptions = {}
  ): Promise<Conference> {
    const conferenceId = idOf(conference, 'conference');
    const joined = await callNative(() =>
      NativeModule.conferenceJoin(conferenceId, toNativeJoinOptions(options))
    );
    return fromNativeConference(joined);
  }

  /**
   * Leaves the current conference.
   * @param options Set `leaveRoom` to also close the session.
   */
  async leave(options: ConferenceLeaveOptions = {}): Promise<void> {
    const nativeOptions =
      options.leaveRoom === undefined ? {} : { leaveRoom: options.leaveRoom };
    await callNative(() => NativeModule.conferenceLeave(nativeOptions));
  }

  /**
   * Gets the participants of a conference.
   * @param conference The conference.
   */
  async getParticipants(conference: Conference): Promise<Participant[]> {
    const conferenceId = idOf(conference, 'conference');
    const participants = await callNative(() =>
      NativeModule.conferenceGetParticipants(conferenceId)
    );
    return participants.map(fromNativeParticipant);
  }

  /**
   * Gets a participant of the current conference by id.
   * @param participantId The participant id.
   */
  async getParticipant(participantId: string): Promise<Participant> {
    assertArgument(
      typeof participantId === 'string' && participantId.length > 0,
      'participantId must be a non-empty string'
    );
    const participant = await callNative(() =>
      NativeModule.conferenceGetParticipant(participantId)
    );
    return fromNativeParticipant(participant);
  }

  /**
   * Gets the status of a conference.
   * @param conference The conference.
   */
  async getStatus(conference: Conference): Promise<ConferenceStatus> {
    const conferenceId = idOf(conference, 'conference');
    const status = await callNative(() =>
      NativeModule.conferenceGetStatus(conferenceId)
    );
    return status as ConferenceStatus;
  }

  /**
   * Kicks a participant out of the current conference (needs the `KICK` permission).
   * @param participant The participant.
   */
  async kick(participant: Participant): Promise<void> {
    const participantId = idOf(participant, 'participant');
    await callNative(() => NativeModule.conferenceKick(participantId));
  }

  /**
   * Mutes or unmutes a participant.
   * @param participant The participant (the local one or a remote one).
   * @param isMuted True to mute, false to unmute.
   * @returns Whether the participant is muted afterwards.
   */
  async mute(participant: Participant, isMuted: boolean): Promise<boolean> {
    const participantId = idOf(participant, 'participant');
    assertArgument(typeof isMuted === 'boolean', 'isMuted must be a boolean');
    return callNative(() =>
      NativeModule.conferenceMute(participantId, isMuted)
    );
  }

  /** Tells whether the local participant is muted. */
  async isMuted(): Promise<boolean> {
    return callNative(() => NativeModule.conferenceIsMuted());
  }

  /**
   * Sets the permissions of participants of the current conference
   * (needs the `UPDATE_PERMISSIONS` permission).
   * @param participantPermissions The participants and the permissions each one gets.
   */
  async updatePermissions(
    participantPermissions: ParticipantPermissions[]
  ): Promise<void> {
    assertArgument(
      Array.isArray(participantPermissions),
      'participantPermissions must be an array'
    );
    participantPermissions.forEach((entry) =>
      idOf(entry?.participant, 'participant')
    );
    const list = toNativePermissions(participantPermissions);
    await callNative(() => NativeModule.conferenceUpdatePermissions(list));
  }

  /**
   * Listens to status changes of conferences.
   * @param handler Called with each change; if it throws, the error is logged
   *   and later events still come.
   * @returns A function that removes the listener.
   */
  onStatusChange(
    handler: (event: ConferenceStatusChangeEvent) => void
  ): UnsubscribeFunction {
    return subscribe(
      (listener) => NativeModule.onConferenceStatusChange(listener),
      (payload: NativeConferenceStatusChange) => ({
        conferenceId: payload.conferenceId,
        status: payload.status as ConferenceStatus,
      }),
      handler
    );
  }

  /**
   * Listens to participants being added, updated or removed.
   * @param handler Called with each change; if it throws, the error is logged
   *   and later events still come.
   * @returns A function that removes the listener.
   */
  onParticipantsChange(
    handler: (event: ParticipantsChangeEvent) => void
  ): UnsubscribeFunction {
    return subscribe(
      (listener) => NativeModule.onParticipantsChange(listener),
      (payload: NativeParticipantsChange) => ({
        conferenceId: payload.conferenceId,
        participant: fromNativeParticipant(payload.participant),
        event: payload.event as ParticipantChange,
      }),
      handler
    );
  }

  /**
   * Listens to changes of the local participant's permissions.
   * @param handler Called with each change; if it throws, the error is logged
   *   and later events still come.
   * @returns A function that removes the listener.
   */
  onPermissionsChange(
    handler: (event: PermissionsChangeEvent) => void
  ): UnsubscribeFunction {
    return subscribe(
      (listener) => NativeModule.onPermissionsChange(listener),
      (payload: NativePermissionsChange) => ({
        conferenceId: payload.conferenceId,
        permissions: payload.permissions as ConferencePermission[],
      }),
      handler
    );
  }
}
