/** Who a participant is, as shown to others. */
export interface ParticipantInfo {
  /** The display name. */
  name?: string;
  /** The identifier of the participant in the customer's own system. */
  externalId?: string;
  /** The URL of the participant's avatar. */
  avatarUrl?: string;
}
