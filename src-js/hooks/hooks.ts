import { useSyncExternalStore } from 'react';
import type { DolbyIoIAPI } from '../DolbyIoIAPI';
import type { ConnectionState } from '../models/ConnectionState';
import type { Participant } from '../models/Participant';
import type { TokenState } from '../models/TokenState';
import { defaultHooksInstance } from './defaultInstance';
import { EMPTY_STATE } from './state';
import type { ConferenceSnapshot, SdkState, SessionSnapshot } from './state';
import { storeFor } from './store';
import type { StateSource } from './store';

// Without an instance (no entry registered one): a store that never changes.
const noStore = {
  subscribe: () => () => undefined,
  getSnapshot: () => EMPTY_STATE,
};

/** The SDK's state, one part of it: re-renders when that part changes. */
function useSdkState<T>(
  sdk: StateSource | undefined,
  select: (state: SdkState) => T
): T {
  const source = sdk ?? defaultHooksInstance();
  const store = source === null ? noStore : storeFor(source);
  return useSyncExternalStore(
    store.subscribe,
    () => select(store.getSnapshot()),
    () => select(EMPTY_STATE)
  );
}

/**
 * The state of the session's event connection, kept up to date: `DISCONNECTED` when no
 * session is open, `CONNECTING` after `session.open`, `CONNECTED` while events flow,
 * `RECONNECTING` (with `attempt`, `retryInMs` and `reason`) after a drop.
 *
 * ```tsx
 * function ConnectionBanner() {
 *   const { state, attempt } = useConnectionState();
 *   return state === ConnectionStatus.RECONNECTING ? (
 *     <Text>Reconnecting (attempt {attempt})…</Text>
 *   ) : null;
 * }
 * ```
 * Where the native module is missing (Expo Go, a test without the mock), it stays
 * `DISCONNECTED`.
 * @param sdk The SDK instance; the package's default instance when omitted.
 */
export function useConnectionState(sdk?: DolbyIoIAPI): ConnectionState {
  return useSdkState(sdk, (s) => s.connection);
}

/**
 * The state of the access token, kept up to date: `NONE` before `initialize*`, `VALID` until
 * `expiresAt`, `REFRESHING` while a refresh runs, `EXPIRED`; with the next planned refresh
 * and the last refresh's trigger and outcome. Never the token itself.
 *
 * The state is the last one the SDK reported: when a token expires the SDK starts a refresh
 * (`REFRESHING`, trigger `EXPIRY`) rather than reporting `EXPIRED` while one can be had.
 * @param sdk The SDK instance; the package's default instance when omitted.
 */
export function useTokenState(sdk?: DolbyIoIAPI): TokenState {
  return useSdkState(sdk, (s) => s.token);
}

/**
 * The session: whether one is open (the connection state is not `DISCONNECTED`) and the
 * local participant (null while none is open, and for the moment it takes to read it).
 * @param sdk The SDK instance; the package's default instance when omitted.
 */
export function useSession(sdk?: DolbyIoIAPI): SessionSnapshot {
  return useSdkState(sdk, (s) => s.session);
}

/**
 * The conference the local participant is in (null when in none) and its status, kept up to
 * date by the conference events. It becomes null when the local participant leaves, is
 * kicked, the conference ends, or the session closes.
 * @param sdk The SDK instance; the package's default instance when omitted.
 */
export function useConference(sdk?: DolbyIoIAPI): ConferenceSnapshot {
  return useSdkState(sdk, (s) => s.conference);
}

/**
 * The participants of the current conference who are in it now (not those who left or were
 * kicked), in the order they were first seen, kept up to date by `onParticipantsChange`; an
 * empty list when in no conference. After the event connection comes back from a drop, it
 * shows what the platform shows (the SDK reports what changed during the gap).
 *
 * ```tsx
 * function Participants() {
 *   const participants = useParticipants();
 *   return participants.map((p) => <Text key={p.id}>{p.info.name}</Text>);
 * }
 * ```
 * @param sdk The SDK instance; the package's default instance when omitted.
 */
export function useParticipants(sdk?: DolbyIoIAPI): Participant[] {
  return useSdkState(sdk, (s) => s.participants);
}
