export type { Conference } from './Conference';
export { Codec, RTCPMode } from './ConferenceOptions';
export type {
  ConferenceCreateOptions,
  ConferenceJoinOptions,
  ConferenceLeaveOptions,
  ConferenceParameters,
} from './ConferenceOptions';
export { ConferencePermission } from './ConferencePermission';
export { ConferenceStatus } from './ConferenceStatus';
export { ConnectionDropReason } from './ConnectionDropReason';
export type { ConnectionState } from './ConnectionState';
export { ConnectionStatus } from './ConnectionStatus';
export type {
  ConferenceStatusChangeEvent,
  ParticipantsChangeEvent,
  PermissionsChangeEvent,
  UnsubscribeFunction,
} from './events';
export { LogLevel } from './LogLevel';
export type { LogLevelOptions, LogRecord } from './LogRecord';
export type { Participant } from './Participant';
export { ParticipantChange } from './ParticipantChange';
export type { ParticipantInfo } from './ParticipantInfo';
export type { ParticipantPermissions } from './ParticipantPermissions';
export { ParticipantStatus } from './ParticipantStatus';
export { ParticipantType } from './ParticipantType';
export type { TokenRefresh } from './TokenRefresh';
export { TokenRefreshOutcome } from './TokenRefreshOutcome';
export { TokenRefreshTrigger } from './TokenRefreshTrigger';
export type { TokenState } from './TokenState';
export { TokenStatus } from './TokenStatus';
