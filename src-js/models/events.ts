import type { ConferencePermission } from './ConferencePermission';
import type { ConferenceStatus } from './ConferenceStatus';
import type { Participant } from './Participant';
import type { ParticipantChange } from './ParticipantChange';

/** Removes the listener it was returned for. Calling it again does nothing. */
export type UnsubscribeFunction = () => void;

/** The payload of `conference.onStatusChange`. */
export interface ConferenceStatusChangeEvent {
  /** The conference whose status changed. */
  conferenceId: string;
  /** The new status. */
  status: ConferenceStatus;
}

/** The payload of `conference.onParticipantsChange`. */
export interface ParticipantsChangeEvent {
  /** The conference the participant belongs to. */
  conferenceId: string;
  /** The participant, as it is after the change. */
  participant: Participant;
  /** What happened. */
  event: ParticipantChange;
}

/** The payload of `conference.onPermissionsChange`. */
export interface PermissionsChangeEvent {
  /** The conference. */
  conferenceId: string;
  /** The permissions the local participant holds now. */
  permissions: ConferencePermission[];
}
