/** What happened to a participant in a `onParticipantsChange` event. */
export enum ParticipantChange {
  /** The participant was added to the conference. */
  ADDED = 'ADDED',
  /** The participant's status or data changed. */
  UPDATED = 'UPDATED',
  /** The participant was removed from the conference. */
  REMOVED = 'REMOVED',
}
