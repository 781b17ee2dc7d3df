import type { Conference } from '../models/Conference';
import type { ConferenceStatus } from '../models/ConferenceStatus';
import type { ConnectionState } from '../models/ConnectionState';
import { ConnectionStatus } from '../models/ConnectionStatus';
import type { Participant } from '../models/Participant';
import type { TokenState } from '../models/TokenState';
import { TokenStatus } from '../models/TokenStatus';

/** What {@link useSession} returns. */
export interface SessionSnapshot {
  /** Whether a session is open: the connection state is not `DISCONNECTED`. */
  isOpen: boolean;
  /**
   * The local participant of the open session; null when no session is open, and for the
   * moment it takes to read it after the session opened.
   */
  participant: Participant | null;
}

/** What {@link useConference} returns. */
export interface ConferenceSnapshot {
  /**
   * The conference the local participant is in, null when in none. Its `participants` are
   * everyone who joined, in the order first seen, with their status (`LEFT` and `KICKED`
   * included), as the platform lists them.
   */
  conference: Conference | null;
  /** The conference's status (`conference.status`); null when in no conference. */
  status: ConferenceStatus | null;
}

/**
 * The state the hooks show, one immutable object per change. A part that did not change keeps
 * its object, so a component re-renders only when what it reads changed.
 */
export interface SdkState {
  connection: ConnectionState;
  token: TokenState;
  session: SessionSnapshot;
  conference: ConferenceSnapshot;
  /** The current conference's participants without those who left or were kicked. */
  participants: Participant[];
}

/** Before anything is known, and when the native module is missing: disconnected, empty. */
export const EMPTY_STATE: SdkState = Object.freeze({
  connection: Object.freeze({
    state: ConnectionStatus.DISCONNECTED,
    sequence: 0,
  }),
  token: Object.freeze({ state: TokenStatus.NONE, sequence: 0 }),
  session: Object.freeze({ isOpen: false, participant: null }),
  conference: Object.freeze({ conference: null, status: null }),
  participants: Object.freeze([]) as unknown as Participant[],
});
