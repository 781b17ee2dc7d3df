import type { ParticipantInfo } from './ParticipantInfo';
import type { ParticipantStatus } from './ParticipantStatus';
import type { ParticipantType } from './ParticipantType';

/** A participant of a session or a conference. */
export interface Participant {
  /** The participant's identifier, assigned by the platform. */
  id: string;
  /** Who the participant is. */
  info: ParticipantInfo;
  /** The participant's state in the conference, when in one. */
  status?: ParticipantStatus;
  /** The participant's role, when in a conference. */
  type?: ParticipantType;
}
