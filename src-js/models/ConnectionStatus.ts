/**
 * The state of the session's event connection: the WebSocket that brings conference events
 * (participants, statuses, permissions). Read it with `DolbyIoIAPI.session.getConnectionState()`,
 * follow it with `DolbyIoIAPI.session.onConnectionStateChange(handler)`.
 *
 * A session goes `DISCONNECTED` -> `CONNECTING` (on `session.open`) -> `CONNECTED`; after a
 * drop it goes `RECONNECTING` (once per attempt) and back to `CONNECTED`; `session.close`
 * makes it `DISCONNECTED` again.
 */
export enum ConnectionStatus {
  /** No session is open, or it was closed. */
  DISCONNECTED = 'DISCONNECTED',
  /** The first connection after `session.open` is being made. */
  CONNECTING = 'CONNECTING',
  /** Events flow. */
  CONNECTED = 'CONNECTED',
  /**
   * The connection dropped (or an attempt failed); the SDK tries again by itself. See
   * `attempt`, `retryInMs` and `reason` of {@link ConnectionState}. Changes made meanwhile
   * are reported once the connection is back.
   */
  RECONNECTING = 'RECONNECTING',
}
