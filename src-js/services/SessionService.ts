import NativeModule from '../nativeModule';
import type { NativeConnectionState } from '../NativeDolbyIoIAPI';
import {
  fromNativeConnectionState,
  fromNativeParticipant,
  toNativeParticipantInfo,
} from '../convert';
import type { ConnectionState } from '../models/ConnectionState';
import type { UnsubscribeFunction } from '../models/events';
import type { Participant } from '../models/Participant';
import type { ParticipantInfo } from '../models/ParticipantInfo';
import { assertArgument, callNative } from '../nativeCall';
import { subscribe } from '../subscribe';

/**
 * The session: the local participant's connection to the platform.
 * A session must be open to join a conference (creating or fetching one needs
 * only an initialized SDK).
 */
export class SessionService {
  /** Created by the SDK: use `DolbyIoIAPI.session`. */
  constructor() {}

  /**
   * Opens a session for the local participant.
   * @param info Who the local participant is (name, external id, avatar).
   * @returns The local participant, with the id the platform gave it.
   */
  async open(info: ParticipantInfo = {}): Promise<Participant> {
    assertArgument(
      info !== null && typeof info === 'object',
      'info must be an object'
    );
    const participant = await callNative(() =>
      NativeModule.sessionOpen(toNativeParticipantInfo(info))
    );
    return fromNativeParticipant(participant);
  }

  /**
   * Closes the session (leaving the current conference, if any).
   * The SDK stays initialized: a new session can be opened afterwards.
   */
  async close(): Promise<void> {
    await callNative(() => NativeModule.sessionClose());
  }

  /** Tells whether a session is open. */
  async isOpen(): Promise<boolean> {
    return callNative(() => NativeModule.sessionIsOpen());
  }

  /**
   * Gets the local participant of the open session.
   * Rejects with `INVALID_STATE` when no session is open.
   */
  async getParticipant(): Promise<Participant> {
    const participant = await callNative(() =>
      NativeModule.sessionGetParticipant()
    );
    return fromNativeParticipant(participant);
  }

  /**
   * Gets the state of the session's event connection now (`DISCONNECTED` when no session
   * is open). To follow it without missing a change, subscribe with
   * {@link onConnectionStateChange} first, then read this, and keep whichever of the two has
   * the higher `sequence`.
   */
  async getConnectionState(): Promise<ConnectionState> {
    const state = await callNative(() =>
      NativeModule.sessionGetConnectionState()
    );
    return fromNativeConnectionState(state);
  }

  /**
   * Listens to the session's event connection: `CONNECTING` then `CONNECTED` after
   * {@link open}; `RECONNECTING` (with the attempt number, the delay before it and the
   * reason) after a drop, once per attempt, then `CONNECTED` again; `DISCONNECTED` after
   * {@link close}. Events come in order, each once.
   *
   * A "reconnecting…" banner:
   * ```ts
   * DolbyIoIAPI.session.onConnectionStateChange((connection) => {
   *   setBanner(
   *     connection.state === ConnectionStatus.RECONNECTING
   *       ? `Reconnecting… (attempt ${connection.attempt})`
   *       : null
   *   );
   * });
   * ```
   * @param handler Called with each new state; if it throws, the error is logged and
   *   later events still come.
   * @returns A function that removes the listener.
   */
  onConnectionStateChange(
    handler: (state: ConnectionState) => void
  ): UnsubscribeFunction {
    return subscribe(
      (listener) => NativeModule.onConnectionStateChange(listener),
      (payload: NativeConnectionState) => fromNativeConnectionState(payload),
      handler
    );
  }
}
