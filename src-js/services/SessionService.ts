import NativeModule from '../nativeModule';
import { fromNativeParticipant, toNativeParticipantInfo } from '../convert';
import type { Participant } from '../models/Participant';
import type { ParticipantInfo } from '../models/ParticipantInfo';
import { assertArgument, callNative } from '../nativeCall';

/**
 * The session: the local participant's connection to the platform.
 * A session must be open to join a conference (creating or fetching one needs
 * only an initialized SDK).
 */
export class SessionService {
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
}
