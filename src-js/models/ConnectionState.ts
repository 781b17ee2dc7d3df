import type { ConnectionDropReason } from './ConnectionDropReason';
import type { ConnectionStatus } from './ConnectionStatus';

/**
 * The state of the session's event connection, as `session.getConnectionState()` answers it
 * and `session.onConnectionStateChange` reports each change (in order, each once).
 *
 * ```ts
 * // A "reconnecting…" banner.
 * const off = DolbyIoIAPI.session.onConnectionStateChange((s) => {
 *   setBanner(
 *     s.state === ConnectionStatus.RECONNECTING
 *       ? `Reconnecting (attempt ${s.attempt})…`
 *       : null
 *   );
 * });
 * ```
 */
export interface ConnectionState {
  /** Where the connection is. */
  state: ConnectionStatus;
  /** `RECONNECTING` only: the number of the next attempt (1, 2, ...). */
  attempt?: number;
  /** `RECONNECTING` only: how long until that attempt starts, in ms. */
  retryInMs?: number;
  /** `RECONNECTING` only: why the connection is down. */
  reason?: ConnectionDropReason;
  /**
   * Grows with each change. Of two states (a `getConnectionState()` answer and an event,
   * say), the one with the higher `sequence` is newer: subscribe first, then read the
   * getter, and keep whichever is newer, so that no change is missed.
   */
  sequence: number;
}
