import { useCallback, useEffect, useRef, useState } from 'react';
import DolbyIoIAPI from '@dolbyio/react-native-iapi-sdk';
import type {
  Conference,
  Participant,
  ParticipantChange,
} from '@dolbyio/react-native-iapi-sdk';
import { type ShownError, toShownError } from './errors';
import { smokeLog } from './smoke';
import { fetchAccessToken } from './token';

/** One invocation of the refresh callback given to `initializeToken`. */
export interface TokenCallbackEntry {
  n: number;
  isExpired: boolean;
  at: Date;
  outcome: 'pending' | 'ok' | 'failed';
  detail?: string;
}

/** One conference event, as listed on the screen. */
export interface ConferenceEventEntry {
  n: number;
  at: Date;
  kind: 'participants' | 'status';
  text: string;
}

const participantName = (participant: Participant) =>
  participant.info.name || participant.id;

/**
 * The example's state and actions: initializeToken with a callback that fetches from the
 * token URL, session.open, conference.create + join, and the conference events (subscribed on
 * mount, unsubscribed on unmount).
 */
export function useIapiExample() {
  const [callbacks, setCallbacks] = useState<TokenCallbackEntry[]>([]);
  const [events, setEvents] = useState<ConferenceEventEntry[]>([]);
  const [errors, setErrors] = useState<ShownError[]>([]);
  const [initialized, setInitialized] = useState(false);
  const [participant, setParticipant] = useState<Participant | null>(null);
  const [conference, setConference] = useState<Conference | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  // The refresh callback lives as long as the SDK keeps it: it reads the URL from a ref.
  const tokenUrlRef = useRef('');
  const counters = useRef({ callbacks: 0, events: 0 });

  const addEvent = useCallback(
    (kind: ConferenceEventEntry['kind'], text: string) => {
      const n = ++counters.current.events;
      setEvents((list) => [{ n, at: new Date(), kind, text }, ...list]);
    },
    []
  );

  useEffect(() => {
    const offParticipants = DolbyIoIAPI.conference.onParticipantsChange(
      ({ participant: who, event }: { participant: Participant; event: ParticipantChange }) => {
        const text = `${event} ${participantName(who)}${who.status ? ` (${who.status})` : ''}`;
        smokeLog('participant-event', text);
        addEvent('participants', text);
      }
    );
    const offStatus = DolbyIoIAPI.conference.onStatusChange(
      ({ conferenceId, status }) => addEvent('status', `${conferenceId}: ${status}`)
    );
    return () => {
      offParticipants();
      offStatus();
    };
  }, [addEvent]);

  const run = useCallback(
    async <T>(action: string, body: () => Promise<T>): Promise<T | undefined> => {
      setBusy(action);
      try {
        return await body();
      } catch (error) {
        const shown = toShownError(action, error);
        smokeLog('error', `${action} code=${shown.code}`);
        setErrors((list) => [shown, ...list]);
        return undefined;
      } finally {
        setBusy(null);
      }
    },
    []
  );

  const refreshAccessToken = useCallback(async (isExpired: boolean) => {
    const n = ++counters.current.callbacks;
    const update = (patch: Partial<TokenCallbackEntry>) =>
      setCallbacks((list) =>
        list.map((entry) => (entry.n === n ? { ...entry, ...patch } : entry))
      );
    setCallbacks((list) => [
      { n, isExpired, at: new Date(), outcome: 'pending' },
      ...list,
    ]);
    smokeLog('token-callback', `n=${n} isExpired=${isExpired}`);
    try {
      const token = await fetchAccessToken(tokenUrlRef.current);
      update({ outcome: 'ok' });
      return token;
    } catch (error) {
      update({
        outcome: 'failed',
        detail: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
  }, []);

  const initialize = useCallback(
    (tokenUrl: string) =>
      run('initializeToken', async () => {
        tokenUrlRef.current = tokenUrl;
        const ok = await DolbyIoIAPI.initializeToken(null, refreshAccessToken);
        setInitialized(ok);
        return ok;
      }),
    [run, refreshAccessToken]
  );

  const openSession = useCallback(
    (name: string) =>
      run('session.open', async () => {
        const local = await DolbyIoIAPI.session.open({ name });
        smokeLog('session-open', `participant=${local.id}`);
        setParticipant(local);
        return local;
      }),
    [run]
  );

  const createAndJoin = useCallback(
    (alias: string) =>
      run('conference.create + join', async () => {
        const created = await DolbyIoIAPI.conference.create({ alias });
        const joined = await DolbyIoIAPI.conference.join(created);
        smokeLog('conference-join', `conference=${joined.id} status=${joined.status}`);
        setConference(joined);
        return joined;
      }),
    [run]
  );

  const leave = useCallback(
    () =>
      run('conference.leave', async () => {
        await DolbyIoIAPI.conference.leave();
        setConference(null);
      }),
    [run]
  );

  const closeSession = useCallback(
    () =>
      run('session.close', async () => {
        await DolbyIoIAPI.session.close();
        setParticipant(null);
        setConference(null);
      }),
    [run]
  );

  return {
    callbacks,
    events,
    errors,
    initialized,
    participant,
    conference,
    busy,
    initialize,
    openSession,
    createAndJoin,
    leave,
    closeSession,
    clearErrors: () => setErrors([]),
  };
}
