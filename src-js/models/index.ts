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
export type {
  ConferenceStatusChangeEvent,
  ParticipantsChangeEvent,
  PermissionsChangeEvent,
  UnsubscribeFunction,
} from './events';
export type { Participant } from './Participant';
export { ParticipantChange } from './ParticipantChange';
export type { ParticipantInfo } from './ParticipantInfo';
export type { ParticipantPermissions } from './ParticipantPermissions';
export { ParticipantStatus } from './ParticipantStatus';
export { ParticipantType } from './ParticipantType';
