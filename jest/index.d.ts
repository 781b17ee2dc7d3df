// Types of the consumer Jest mock: `@dolbyio/react-native-iapi-sdk/jest`.
import type DolbyIoIAPIInstance from '@dolbyio/react-native-iapi-sdk';
import type {
  ConferencePermission,
  ConferenceStatus,
  ErrorCode,
  Participant,
  ParticipantInfo,
  ParticipantType,
} from '@dolbyio/react-native-iapi-sdk';

export * from '@dolbyio/react-native-iapi-sdk';

/** The in-memory DolbyIoIAPI instance; every method is also a `jest.fn`. */
declare const DolbyIoIAPI: typeof DolbyIoIAPIInstance;
export default DolbyIoIAPI;

/** Drives the in-memory SDK from a test. */
export interface DolbyIoIAPIMockControls {
  /** Forgets all state, listeners, queued failures and recorded calls. */
  reset(): void;
  /**
   * Calls the refresh callback of the last `initializeToken`, as the SDK does when the
   * token expires. Rejects with `TOKEN_REFRESH_FAILED` when the callback fails or
   * resolves with anything but a non-empty string.
   */
  refreshAccessToken(isExpired?: boolean): Promise<string>;
  /** The last access token given to or obtained by the SDK. */
  readonly accessToken: string | null;
  /** Whether `initialize` or `initializeToken` succeeded. */
  readonly isInitialized: boolean;
  /**
   * Makes the next `times` (default 1) calls of `method`, e.g. `'session.open'`, reject with `code`
   * (a `SERVER` error then has `status` 500; an unknown conference gives `SERVER` with 404).
   */
  failNext(
    method: string,
    code: ErrorCode,
    message?: string,
    times?: number
  ): void;
  /** Adds a remote participant to the current conference and emits `ADDED`. */
  addParticipant(info?: ParticipantInfo, type?: ParticipantType): Participant;
  /**
   * A participant leaves the current conference: it stays listed with status `LEFT` and
   * `REMOVED` is emitted.
   */
  removeParticipant(participantId: string): void;
  /**
   * Someone else kicks a participant of the current conference (a remote one or the local
   * one), as the platform reports it: it stays listed with status `KICKED` and `UPDATED` is
   * emitted; a kicked local participant is in no conference any more.
   */
  kickParticipant(participantId: string): void;
  /** Sets a conference's status and emits `onStatusChange`. */
  setConferenceStatus(conferenceId: string, status: ConferenceStatus): void;
  /** Emits `onPermissionsChange` for the current conference. */
  setPermissions(permissions: ConferencePermission[]): void;
  /** How many listeners each conference event has. */
  listenerCount(): {
    onStatusChange: number;
    onParticipantsChange: number;
    onPermissionsChange: number;
  };
}

export declare const mockControls: DolbyIoIAPIMockControls;
