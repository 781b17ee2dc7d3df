import type {
  NativeConference,
  NativeConferenceCreateOptions,
  NativeConferenceJoinOptions,
  NativeConnectionState,
  NativeLogRecord,
  NativeParticipant,
  NativeParticipantInfo,
  NativeParticipantPermissions,
  NativeTokenState,
} from './NativeDolbyIoIAPI';
import type { ErrorCode } from './errors';
import type { Conference } from './models/Conference';
import type { ConferenceStatus } from './models/ConferenceStatus';
import type {
  ConferenceCreateOptions,
  ConferenceJoinOptions,
} from './models/ConferenceOptions';
import type { Participant } from './models/Participant';
import type { ConnectionDropReason } from './models/ConnectionDropReason';
import type { ConnectionState } from './models/ConnectionState';
import type { ConnectionStatus } from './models/ConnectionStatus';
import type { LogLevel } from './models/LogLevel';
import type { LogRecord } from './models/LogRecord';
import type { ParticipantInfo } from './models/ParticipantInfo';
import type { ParticipantPermissions } from './models/ParticipantPermissions';
import type { ParticipantStatus } from './models/ParticipantStatus';
import type { ParticipantType } from './models/ParticipantType';
import type { TokenRefreshOutcome } from './models/TokenRefreshOutcome';
import type { TokenRefreshTrigger } from './models/TokenRefreshTrigger';
import type { TokenState } from './models/TokenState';
import type { TokenStatus } from './models/TokenStatus';

// Conversions between the models and their wire shapes in NativeDolbyIoIAPI.ts.
// Enumerations cross as their string values; optional keys are dropped when absent.

function defined<T extends object>(value: T): T {
  const out = {} as Record<string, unknown>;
  for (const [key, entry] of Object.entries(value)) {
    if (entry !== undefined) {
      out[key] = entry;
    }
  }
  return out as T;
}

export function toNativeParticipantInfo(
  info: ParticipantInfo = {}
): NativeParticipantInfo {
  return defined({
    name: info.name,
    externalId: info.externalId,
    avatarUrl: info.avatarUrl,
  });
}

export function fromNativeParticipant(native: NativeParticipant): Participant {
  return defined({
    id: native.id,
    info: defined({ ...native.info }),
    status: native.status as ParticipantStatus | undefined,
    type: native.type as ParticipantType | undefined,
  });
}

export function fromNativeConference(native: NativeConference): Conference {
  return defined({
    id: native.id,
    alias: native.alias,
    isNew: native.isNew,
    participants: (native.participants ?? []).map(fromNativeParticipant),
    status: native.status as ConferenceStatus,
  });
}

export function toNativeCreateOptions(
  options: ConferenceCreateOptions = {}
): NativeConferenceCreateOptions {
  return defined({
    alias: options.alias,
    params: options.params ? defined({ ...options.params }) : undefined,
  });
}

export function toNativeJoinOptions(
  options: ConferenceJoinOptions = {}
): NativeConferenceJoinOptions {
  return defined({
    conferenceAccessToken: options.conferenceAccessToken,
    participantType: options.participantType,
  });
}

export function toNativePermissions(
  list: ParticipantPermissions[]
): NativeParticipantPermissions[] {
  return list.map((entry) => ({
    participantId: entry.participant.id,
    permissions: [...entry.permissions],
  }));
}

export function fromNativeConnectionState(
  native: NativeConnectionState
): ConnectionState {
  return defined({
    state: native.state as ConnectionStatus,
    attempt: native.attempt,
    retryInMs: native.retryInMs,
    reason: native.reason as ConnectionDropReason | undefined,
    sequence: native.sequence,
  });
}

export function fromNativeTokenState(native: NativeTokenState): TokenState {
  const refresh = native.refresh;
  return defined({
    state: native.state as TokenStatus,
    expiresAt: native.expiresAt,
    nextRefreshAt: native.nextRefreshAt,
    refresh: refresh
      ? defined({
          trigger: refresh.trigger as TokenRefreshTrigger,
          outcome: refresh.outcome as TokenRefreshOutcome | undefined,
          errorCode: refresh.errorCode as ErrorCode | undefined,
          errorMessage: refresh.errorMessage,
        })
      : undefined,
    sequence: native.sequence,
  });
}

export function fromNativeLogRecord(native: NativeLogRecord): LogRecord {
  return defined({
    level: native.level as LogLevel,
    target: native.target,
    message: native.message,
    timestamp: native.timestamp,
    dropped: native.dropped,
  });
}
