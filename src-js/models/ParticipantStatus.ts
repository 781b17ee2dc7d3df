/** The state of a participant in a conference. */
export enum ParticipantStatus {
  /** Invited, not connected yet. */
  RESERVED = 'RESERVED',
  /** Connecting to the conference. */
  CONNECTING = 'CONNECTING',
  /** Connected to the conference. */
  CONNECTED = 'CONNECTED',
  /** Connected but inactive. */
  INACTIVE = 'INACTIVE',
  /** Left the conference. */
  LEFT = 'LEFT',
  /** Kicked out of the conference. */
  KICKED = 'KICKED',
  /** Declined the invitation. */
  DECLINE = 'DECLINE',
  /** In an error state. */
  ERROR = 'ERROR',
  /** Connected with a warning (for example a poor connection). */
  WARNING = 'WARNING',
}
