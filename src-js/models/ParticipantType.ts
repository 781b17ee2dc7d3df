/** The role of a participant. Values are uppercase on every platform. */
export enum ParticipantType {
  /** A participant who can send and receive. */
  USER = 'USER',
  /** A participant who only receives. */
  LISTENER = 'LISTENER',
}
