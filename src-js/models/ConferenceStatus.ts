/** The state of a conference. */
export enum ConferenceStatus {
  /** The conference object exists but nothing happened yet. */
  DEFAULT = 'DEFAULT',
  /** The conference is being created. */
  CREATING = 'CREATING',
  /** The conference was created. */
  CREATED = 'CREATED',
  /** The local participant is joining the conference. */
  JOINING = 'JOINING',
  /** The local participant joined the conference. */
  JOINED = 'JOINED',
  /** The local participant is leaving the conference. */
  LEAVING = 'LEAVING',
  /** The local participant left the conference. */
  LEFT = 'LEFT',
  /** The conference is in an error state. */
  ERROR = 'ERROR',
  /** The conference was destroyed. */
  DESTROYED = 'DESTROYED',
  /** The conference ended. */
  ENDED = 'ENDED',
}
