import type { ConferenceStatus } from './ConferenceStatus';
import type { Participant } from './Participant';

/** A conference. */
export interface Conference {
  /** The conference identifier, assigned by the platform. */
  id: string;
  /** The alias the conference was created with. */
  alias?: string;
  /** Whether the last `create` call created it (false when it already existed). */
  isNew?: boolean;
  /** The participants known to the SDK. */
  participants: Participant[];
  /** The conference state. */
  status: ConferenceStatus;
}
