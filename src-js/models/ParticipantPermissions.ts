import type { ConferencePermission } from './ConferencePermission';
import type { Participant } from './Participant';

/** The permissions to give one participant (used by `conference.updatePermissions`). */
export interface ParticipantPermissions {
  /** The participant. */
  participant: Participant;
  /** The permissions the participant holds afterwards. */
  permissions: ConferencePermission[];
}
