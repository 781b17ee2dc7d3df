import type { Conference } from '../models/Conference';
import { ConferenceStatus } from '../models/ConferenceStatus';
import type {
  ConferenceStatusChangeEvent,
  ParticipantsChangeEvent,
} from '../models/events';
import type { Participant } from '../models/Participant';
import { ParticipantStatus } from '../models/ParticipantStatus';

/**
 * The conference part of the hooks' state: the current conference as the SDK's events tell
 * it. The fold is the rule the contract suite holds every platform to: replaying a
 * listener's participant and status events over a conference gives the platform's view of it
 * (every participant who joined, in the order first seen, with the last record an event
 * carried; the last status). When the current conference stops being current is the core's
 * rule (rust-core/src/conference/service.rs `deliver`), applied to the same events.
 */

/** A participant or status event, as `onParticipantsChange` / `onStatusChange` give them. */
export type ConferenceEvent =
  | { kind: 'participants'; event: ParticipantsChangeEvent }
  | { kind: 'status'; event: ConferenceStatusChangeEvent };

/** The result of one step of the fold. */
export interface FoldStep {
  /** The current conference after the event; null when in none. */
  conference: Conference | null;
  /**
   * Set when the event tells that the local participant is in another conference than the
   * one known (it joined): the conference to read from the platform (the events carry only
   * what changed, not who was there before).
   */
  read?: string;
}

// Statuses after which the local participant is in no conference (LEFT: the mock's leave).
const OVER = new Set<ConferenceStatus>([
  ConferenceStatus.LEFT,
  ConferenceStatus.ENDED,
  ConferenceStatus.DESTROYED,
]);

// A participant record that means "no longer in the conference".
const GONE = new Set<ParticipantStatus | undefined>([
  ParticipantStatus.LEFT,
  ParticipantStatus.KICKED,
]);

/** `participants` with `participant` put in place of the record with its id (or appended). */
function upsert(
  participants: Participant[],
  participant: Participant
): Participant[] {
  const at = participants.findIndex((p) => p.id === participant.id);
  if (at < 0) {
    return [...participants, participant];
  }
  const next = participants.slice();
  next[at] = participant;
  return next;
}

/** Whether `e` tells that the local participant (`me`; null when not known yet) joined. */
function joinsLocal(e: ConferenceEvent, me: string | null): boolean {
  if (e.kind === 'status') {
    // Conference events reach only its participants: a JOINING / JOINED status is ours.
    return (
      e.event.status === ConferenceStatus.JOINING ||
      e.event.status === ConferenceStatus.JOINED
    );
  }
  const { participant, event } = e.event;
  return (
    event !== 'REMOVED' &&
    participant.status === ParticipantStatus.CONNECTED &&
    (me === null || participant.id === me)
  );
}

/**
 * One step of the fold: `e` applied to `conference` (the current one, or null), for the local
 * participant `me` (null while not known).
 */
export function foldConferenceEvent(
  conference: Conference | null,
  e: ConferenceEvent,
  me: string | null
): FoldStep {
  const id = e.event.conferenceId;
  if (conference === null || conference.id !== id) {
    if (!joinsLocal(e, me)) {
      // A late event of a conference left, or one that says nothing about being in it.
      return { conference };
    }
    // Joined: what the event says now, the rest from the platform.
    const joined: Conference = {
      id,
      participants: e.kind === 'participants' ? [e.event.participant] : [],
      status: e.kind === 'status' ? e.event.status : ConferenceStatus.JOINED,
    };
    return { conference: joined, read: id };
  }
  if (e.kind === 'status') {
    if (OVER.has(e.event.status)) {
      return { conference: null };
    }
    return { conference: { ...conference, status: e.event.status } };
  }
  const { participant } = e.event;
  if (participant.id === me && GONE.has(participant.status)) {
    return { conference: null };
  }
  return {
    conference: {
      ...conference,
      participants: upsert(conference.participants, participant),
    },
  };
}

/** The participants in the conference now: without those who left or were kicked. */
export function presentParticipants(conference: Conference | null) {
  return conference === null
    ? []
    : conference.participants.filter((p) => !GONE.has(p.status));
}
