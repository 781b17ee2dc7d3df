/**
 * React hooks over the SDK's state (connection, token, session, conference, participants):
 * a fold of the SDK's events into one store per SDK instance, read with
 * `useSyncExternalStore`. Exported from the package's main entry.
 */
export {
  useConference,
  useConnectionState,
  useParticipants,
  useSession,
  useTokenState,
} from './hooks';
export type { ConferenceSnapshot, SessionSnapshot } from './state';
